import { isSatteriProcessor } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { escapeXml, renderSvg } from '../diagram/render';

/** Diagram types the build-time renderer draws; others go to the official mermaid in the browser. */
const BUILD_TIME = /^(flowchart|graph|stateDiagram(-v2)?|sequenceDiagram|classDiagram|erDiagram|xychart-beta)\b/;

export type DocDiagram = { kind: 'svg'; html: string } | { kind: 'browser'; html: string; error?: string };

function firstKeyword(text: string): string {
	return (
		text
			.split('\n')
			.map((line) => line.trim())
			.find((line) => line !== '' && !line.startsWith('%%') && line !== '---') ?? ''
	);
}

/**
 * A ```mermaid block of the docs as HTML: static SVG when the build-time renderer supports the
 * type; otherwise the source in a `<pre class="atlas-mermaid">` that the page renders with the
 * official mermaid, loaded only on pages that have one. A block the renderer rejects is shown
 * as its source with the error, so the page still builds.
 */
export function docDiagram(text: string): DocDiagram {
	const source = `<pre class="atlas-mermaid">${escapeXml(text)}</pre>`;
	if (!BUILD_TIME.test(firstKeyword(text))) return { kind: 'browser', html: source };
	try {
		// `accTitle:`/`accDescr:` are Mermaid's own accessibility lines; without them the source says what is drawn.
		const title = /^\s*accTitle\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? `${firstKeyword(text)} diagram`;
		const description = /^\s*accDescr\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? text;
		return { kind: 'svg', html: `<figure class="atlas-doc-diagram not-content">${renderSvg(text, { title, description })}</figure>` };
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
		return { kind: 'browser', html: `<p class="atlas-doc-diagram__error">This diagram could not be drawn: ${escapeXml(message)}</p>${source}`, error: message };
	}
}

interface HastElement {
	type: 'element';
	tagName: string;
	properties?: Record<string, unknown>;
	children?: HastElement[];
	position?: { start?: { line?: number } };
}

export function docDiagramsPlugin(report: (where: string, message: string) => void) {
	return {
		name: 'pipeline-atlas-doc-diagrams',
		element: {
			filter: ['pre'],
			visit(
				node: HastElement,
				ctx: { fileURL: URL | undefined; textContent(node: unknown): string; replaceNode(node: unknown, next: unknown): void },
			) {
				const code = node.children?.find((c) => c.type === 'element' && c.tagName === 'code');
				const classes = code?.properties?.className;
				const language = Array.isArray(classes) ? classes.map(String) : typeof classes === 'string' ? classes.split(' ') : [];
				if (!code || !language.includes('language-mermaid')) return;
				const diagram = docDiagram(ctx.textContent(code).replace(/\n$/, ''));
				if (diagram.kind === 'browser' && diagram.error) {
					const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : 'a Markdown file';
					report(`${file}:${node.position?.start?.line ?? 1}`, diagram.error);
				}
				ctx.replaceNode(node, { type: 'raw', value: diagram.html });
			},
		},
	};
}

/** Mermaid blocks in Markdown (docs, explanations) become diagrams. */
export function docDiagrams(): AstroIntegration {
	return {
		name: 'pipeline-atlas:doc-diagrams',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				const processor = config.markdown?.processor;
				const report = (where: string, message: string) => logger.warn(`${where}: mermaid diagram not drawn: ${message}. Fix the block; it is shown as text meanwhile.`);
				// First: Starlight's code highlighter (Expressive Code) would otherwise take the block as code.
				if (processor && isSatteriProcessor(processor)) processor.options.hastPlugins.unshift(docDiagramsPlugin(report) as never);
				else logger.warn('Mermaid blocks are not drawn: the Markdown processor is not Sätteri.');
			},
		},
	};
}
