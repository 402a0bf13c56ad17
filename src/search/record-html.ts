import { escapeHtml } from '../site/escape';
import { filterValue, SEARCH_KIND_LABELS } from './kinds';
import type { SearchRecord } from './records';

/**
 * A record as the HTML pagefind indexes. The title is a heading (pagefind weighs headings
 * above text), filters are attributes, and each section is a heading with its anchor's id,
 * which pagefind makes a sub-result linking to that anchor. Every text is escaped.
 */
export function recordHtml(record: SearchRecord): string {
	const filters = [
		`<span data-pagefind-filter="${escapeHtml(filterValue('kind', SEARCH_KIND_LABELS[record.kind]))}"></span>`,
		...(record.provider ? [`<span data-pagefind-filter="${escapeHtml(filterValue('provider', record.provider))}"></span>`] : []),
		// Also as metadata, which the results show ("Pipeline: …"): many pipelines have a `build`.
		...(record.pipeline ? [`<span data-pagefind-filter="${escapeHtml(filterValue('pipeline', record.pipeline))}" data-pagefind-meta="${escapeHtml(filterValue('pipeline', record.pipeline))}"></span>`] : []),
	].join('');
	return `<!doctype html><html lang="en"><head><title>${escapeHtml(record.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(record.title)}</h1>${filters}${paragraphs(record.body)}${(record.sections ?? []).map((s) => `<h2 id="${escapeHtml(s.anchor)}">${escapeHtml(s.title)}</h2>${paragraphs(s.body)}`).join('')}</main></body></html>`;
}

const paragraphs = (texts: readonly string[]) => texts.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
