import { escapeHtml } from '../site/escape';
import { filterValue, SEARCH_KIND_LABELS } from './kinds';
import type { SearchRecord } from './records';

/**
 * A record as the HTML pagefind indexes. The title is a heading (pagefind weighs headings
 * above text), filters are attributes; every text is escaped.
 */
export function recordHtml(record: SearchRecord): string {
	const filters = [
		`<span data-pagefind-filter="${escapeHtml(filterValue('kind', SEARCH_KIND_LABELS[record.kind]))}"></span>`,
		...(record.provider ? [`<span data-pagefind-filter="${escapeHtml(filterValue('provider', record.provider))}"></span>`] : []),
		...(record.pipeline ? [`<span data-pagefind-filter="${escapeHtml(filterValue('pipeline', record.pipeline))}"></span>`] : []),
	].join('');
	return `<!doctype html><html lang="en"><head><title>${escapeHtml(record.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(record.title)}</h1>${filters}${record.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</main></body></html>`;
}
