import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';

/**
 * Authors write root-relative links in Markdown (`/docs/releasing/`, `/pipelines/x/`) as if the
 * site were served at `/`. This prefixes them with Astro's `base`, whatever `--base` says at
 * build time, so the same docs work on GitHub Pages under a subpath.
 */
export function withBase(value: unknown, base: string): unknown {
	const prefix = base.replace(/\/+$/, '');
	if (typeof value !== 'string' || !prefix) return value;
	// Always prefixed: authors write links as if the site were at `/` (a base of `/docs/` must
	// still turn `/docs/releasing/` into `/docs/docs/releasing/`).
	if (!value.startsWith('/') || value.startsWith('//')) return value;
	return prefix + value;
}

const ATTRIBUTE = { a: 'href', img: 'src' } as const;

/** A Sätteri hast plugin (Astro 7's Markdown engine) applying {@link withBase} to links and images. */
export function baseLinksPlugin(base: string) {
	return {
		name: 'pipeline-atlas-base-links',
		element: {
			filter: ['a', 'img'],
			visit(
				node: { tagName: string; properties?: Record<string, unknown> },
				ctx: { setProperty(node: unknown, key: string, value: unknown): void },
			) {
				const key = ATTRIBUTE[node.tagName as keyof typeof ATTRIBUTE];
				const value = node.properties?.[key];
				const rewritten = withBase(value, base);
				if (rewritten !== value) ctx.setProperty(node, key, rewritten);
			},
		},
	};
}

export function baseLinks(): AstroIntegration {
	return {
		name: 'pipeline-atlas:base-links',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				const processor = config.markdown?.processor;
				// Starlight registers its own transforms the same way: by adding to the processor's plugin list.
				if (processor && isSatteriProcessor(processor)) processor.options.hastPlugins.push(baseLinksPlugin(config.base) as never);
				else logger.warn('Markdown links are not rewritten for `base`: the Markdown processor is not Sätteri.');
			},
		},
	};
}
