/** What a search result is; a reader narrows results by it. */
export type SearchKind = 'doc' | 'pipeline' | 'job' | 'step' | 'variable' | 'run';

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
	doc: 'doc',
	pipeline: 'pipeline',
	job: 'job',
	step: 'step',
	variable: 'environment variable',
	run: 'run',
};

/** Look-alikes for the characters HTML reads as markup. */
const INERT: Record<string, string> = { '&': '＆', '<': '‹', '>': '›' };

/**
 * `data-pagefind-filter` takes `key:value, key:value`: a comma in a value would split it.
 * Pagefind's default UI inserts filter labels as HTML and pagefind decodes every entity on
 * the way in, so no escaping survives: `&`, `<` and `>` become look-alikes instead.
 */
export function filterValue(key: string, value: string): string {
	const plain = value.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
	return `${key}:${plain.replace(/[&<>]/g, (c) => INERT[c]!)}`;
}
