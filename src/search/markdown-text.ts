import type { Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/** A node's text, with a space for a line break or inline HTML, which would otherwise join the words around them. */
function textOf(node: Nodes): string {
	if (node.type === 'break' || node.type === 'html') return ' ';
	if ('children' in node) return node.children.map((child) => textOf(child)).join('');
	return toString(node);
}

/**
 * The text of a Markdown document, one string per block (paragraph, list item, code block,
 * heading), without its markup: what a reader sees of it, for the search index. Raw HTML is
 * left out (a page shows it sanitised, if at all), with a space where it was inline; empty
 * blocks are dropped. CommonMark only: a GFM table's cells read as its text with the pipes.
 */
export function markdownText(markdown: string): string[] {
	const blocks: string[] = [];
	const visit = (nodes: readonly RootContent[]) => {
		for (const node of nodes) {
			if (node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem') visit(node.children);
			else if (node.type !== 'html' && node.type !== 'thematicBreak' && node.type !== 'definition') {
				const text = textOf(node).replace(/\s+/g, ' ').trim();
				if (text) blocks.push(text);
			}
		}
	};
	visit(fromMarkdown(markdown).children);
	return blocks;
}
