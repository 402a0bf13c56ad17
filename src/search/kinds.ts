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

/** `data-pagefind-filter` takes `key:value, key:value`: a comma in a value would split it. */
export function filterValue(key: string, value: string): string {
	return `${key}:${value.replace(/,/g, ' ').replace(/\s+/g, ' ').trim()}`;
}
