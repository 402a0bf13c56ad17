import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/**
 * The text of a Markdown document, one string per block (paragraph, list item, code block,
 * heading), without its markup: what a reader sees of it, for the search index. Raw HTML is
 * left out (a page shows it sanitised, if at all); empty blocks are dropped.
 */
export function markdownText(markdown: string): string[] {
	const blocks: string[] = [];
	const visit = (nodes: readonly import('mdast').RootContent[]) => {
		for (const node of nodes) {
			if (node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem') visit(node.children);
			else if (node.type !== 'html' && node.type !== 'thematicBreak' && node.type !== 'definition') {
				const text = toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
				if (text) blocks.push(text);
			}
		}
	};
	visit(fromMarkdown(markdown).children);
	return blocks;
}
