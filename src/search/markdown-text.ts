import type { Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

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
 * blocks are dropped. Read as GitHub Flavored Markdown, as Astro renders the explanations: a
 * table gives a block per row, its cells' text apart; strikethrough, autolinks and task lists
 * their text.
 */
export function markdownText(markdown: string): string[] {
	const blocks: string[] = [];
	const add = (text: string) => {
		const words = text.replace(/\s+/g, ' ').trim();
		if (words) blocks.push(words);
	};
	const visit = (nodes: readonly RootContent[]) => {
		for (const node of nodes) {
			if (node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem' || node.type === 'footnoteDefinition') visit(node.children);
			else if (node.type === 'table') for (const row of node.children) add(row.children.map((cell) => textOf(cell).trim()).join(' '));
			else if (node.type !== 'html' && node.type !== 'thematicBreak' && node.type !== 'definition') add(textOf(node));
		}
	};
	visit(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children);
	return blocks;
}
