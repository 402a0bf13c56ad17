import { SEARCH_KIND_LABELS, filterValue } from './kinds';

/** How a page names its kind for Pagefind (see ../components/SearchFilters.astro). */
const KIND_FILTER = 'data-pagefind-filter="kind:';

/** The filter a page that names no kind is given: onboarding docs, the overview. */
export const DOC_KIND = `<span hidden data-pagefind-filter="${filterValue('kind', SEARCH_KIND_LABELS.doc)}"></span>`;

/** `html` (a page's content, or a whole page) with the doc kind first if it names no kind. */
export function withDocKind(html: string): string {
	return html.includes(KIND_FILTER) ? html : DOC_KIND + html;
}
