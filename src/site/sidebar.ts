import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import type { Pipeline } from '../model';
import { jobPath, pipelinePath } from './urls';

type Link = { label: string; link: string };
type Entry = Link | { label: string; items: Entry[] };
/** A sidebar group as Starlight hands it to a page: links resolved, with the base. */
type RouteGroup = Extract<StarlightRouteData['sidebar'][number], { type: 'group' }>;

const PIPELINES_LABEL = 'Pipelines';

/**
 * Beyond this many pipelines, generated pages list only their own pipeline in the sidebar and
 * link to the overview for the others: a sidebar is repeated on every page, and at 100
 * pipelines it was 123 links on each of 2,300 pages (in page weight, and in build time: every
 * page lays out its sidebar).
 */
export const SIDEBAR_PIPELINES = 25;

/** The overview's list of pipelines: where a large site's sidebar sends a reader for the others. */
export const PIPELINE_LIST_ID = 'pipelines';

/**
 * The "Pipelines" group's items, as a Starlight sidebar config writes them: every pipeline, the
 * current one open with its jobs. Other pipelines' jobs are left out so a large site's pages stay
 * small, and on a site of many pipelines the others are one link away, on the overview.
 */
export function pipelineItems(pipelines: readonly Pipeline[], current?: Pipeline): Entry[] {
	const open = (p: Pipeline): Entry =>
		p.id === current?.id && p.jobs.length > 0
			? { label: p.title, items: [{ label: 'Pipeline overview', link: pipelinePath(p) }, ...p.jobs.map((j) => ({ label: j.name, link: jobPath(p, j) }))] }
			: { label: p.title, link: pipelinePath(p) };
	return pipelines.length <= SIDEBAR_PIPELINES ? pipelines.map(open) : [...(current ? [open(current)] : []), { label: `All ${pipelines.length} pipelines`, link: `/#${PIPELINE_LIST_ID}` }];
}

type RouteEntry = StarlightRouteData['sidebar'][number];

/**
 * The "Pipelines" group as Starlight hands a page its sidebar (links resolved with the base by
 * `href`), added after the configured entries by the route middleware (./route-middleware.ts) on
 * every page: the configured sidebar cannot know the pipelines. `current` is the pipeline a page
 * belongs to, open with its jobs; the link to `pathname` is the current one. Made here rather
 * than passed to `<StarlightPage>` as its `sidebar`: Starlight validates a given sidebar with
 * zod and resolves it afresh on every page (0.4 s of the 1,435 job pages at size M), where the
 * configured one is resolved once.
 */
export function pipelinesGroup(pipelines: readonly Pipeline[], href: (path: string) => string, current?: Pipeline, pathname?: string): RouteGroup {
	const here = pathname === undefined ? undefined : withoutTrailingSlash(pathname);
	const entry = (item: Entry): RouteEntry => {
		if ('items' in item) return { type: 'group', label: item.label, entries: item.items.map(entry), collapsed: false, badge: undefined };
		const link = href(item.link);
		return { type: 'link', label: item.label, href: link, isCurrent: here !== undefined && withoutTrailingSlash(encodeURI(link)) === here, badge: undefined, attrs: {} };
	};
	return { type: 'group', label: PIPELINES_LABEL, collapsed: false, badge: undefined, entries: pipelineItems(pipelines, current).map(entry) };
}

/** As Starlight compares a sidebar link with the page's address. */
function withoutTrailingSlash(path: string): string {
	return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * The previous and next links of a page, as Starlight gives them (pagination on, no `prev` or
 * `next` in the page's frontmatter): the links beside the current one in the sidebar, in order.
 * For a page whose sidebar the route middleware completed after Starlight took them from the
 * configured part alone.
 */
export function prevNextLinks(sidebar: readonly RouteEntry[]): StarlightRouteData['pagination'] {
	const links = sidebar.flatMap(function flat(entry): Extract<RouteEntry, { type: 'link' }>[] {
		return entry.type === 'group' ? entry.entries.flatMap(flat) : [entry];
	});
	const at = links.findIndex((link) => link.isCurrent);
	return { prev: at > 0 ? links[at - 1] : undefined, next: at >= 0 ? links[at + 1] : undefined };
}
