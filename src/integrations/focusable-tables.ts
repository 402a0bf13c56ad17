import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';

/**
 * A Sätteri hast plugin: every Markdown table can take the keyboard's focus. Starlight lets a
 * table wider than the page scroll sideways inside its own box, which a keyboard reader can
 * only scroll once it has focus (WCAG 2.1.1; axe's scrollable-region-focusable): on a phone,
 * most tables of the docs are wider than the page.
 */
export function focusableTablesPlugin() {
	return {
		name: 'pipeline-atlas-focusable-tables',
		element: {
			filter: ['table'],
			visit(node: { properties?: Record<string, unknown> }, ctx: { setProperty(node: unknown, key: string, value: unknown): void }) {
				if (node.properties?.tabIndex === undefined) ctx.setProperty(node, 'tabIndex', 0);
			},
		},
	};
}

export function focusableTables(): AstroIntegration {
	return {
		name: 'pipeline-atlas:focusable-tables',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				const processor = config.markdown?.processor;
				if (processor && isSatteriProcessor(processor)) processor.options.hastPlugins.push(focusableTablesPlugin() as never);
				else logger.warn('Markdown tables are not made focusable: the Markdown processor is not Sätteri.');
			},
		},
	};
}
