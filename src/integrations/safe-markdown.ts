import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { isSafeUrl, sanitizeHtml } from '../security/sanitize-html';

interface Node {
	type: string;
	value?: string;
	tagName?: string;
	properties?: Record<string, unknown>;
	position?: { start?: { line?: number; column?: number } };
}

interface Context {
	fileURL: URL | undefined;
	replaceNode(node: unknown, next: unknown): void;
	setProperty(node: unknown, key: string, value: unknown): void;
}

type Report = (where: string, message: string) => void;

const where = (ctx: Context, node: Node) =>
	`${ctx.fileURL ? fileURLToPath(ctx.fileURL) : 'a Markdown file'}:${node.position?.start?.line ?? 1}:${node.position?.start?.column ?? 1}`;

/** A Sätteri hast plugin: raw HTML cleaned, and Markdown links and images to other schemes dropped. */
export function safeMarkdownPlugin(report: Report) {
	return {
		name: 'pipeline-atlas-safe-markdown',
		options: { position: true },
		raw(node: Node, ctx: Context) {
			const { html, removed } = sanitizeHtml(node.value ?? '');
			if (removed.length === 0) return;
			report(where(ctx, node), `raw HTML not allowed on the site (${[...new Set(removed)].join(', ')}): shown as text or dropped. Use Markdown, or the tags GitHub allows.`);
			ctx.replaceNode(node, { type: 'raw', value: html });
		},
		element: {
			filter: ['a', 'img'],
			visit(node: Node, ctx: Context) {
				const key = node.tagName === 'a' ? 'href' : 'src';
				const url = node.properties?.[key];
				if (typeof url !== 'string' || isSafeUrl(url)) return;
				report(where(ctx, node), `link to ${JSON.stringify(url.slice(0, 40))} dropped: only http(s), mailto and links within the site are allowed.`);
				ctx.setProperty(node, key, undefined);
			},
		},
	};
}

/** Markdown (docs, explanations) may hold raw HTML: it is cleaned before anything else sees it. */
export function safeMarkdown(): AstroIntegration {
	return {
		name: 'pipeline-atlas:safe-markdown',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				const processor = config.markdown?.processor;
				const report: Report = (at, message) => logger.warn(`${at}: ${message}`);
				if (processor && isSatteriProcessor(processor)) processor.options.hastPlugins.unshift(safeMarkdownPlugin(report) as never);
				else throw new Error('Pipeline Atlas needs the Sätteri Markdown processor to clean raw HTML in Markdown.');
			},
		},
	};
}
