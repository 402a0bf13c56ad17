import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { docsSidebarDirectory } from '../config/paths';
import type { Pipeline } from '../model';
import { jobPath, pipelinePath } from './urls';

type Link = { label: string; link: string; attrs?: Record<string, string> };
type Entry = Link | { label: string; items: Entry[]; collapsed?: boolean } | { autogenerate: { directory: string } };
/** A sidebar group as Starlight hands it to a page: links resolved, with the base. */
type RouteGroup = Extract<StarlightRouteData['sidebar'][number], { type: 'group' }>;

const PIPELINES_LABEL = 'Pipelines';

/**
 * Beyond this many pipelines, generated pages list only their own pipeline in the sidebar and
 * link to the overview for the others: a sidebar is repeated on every page, and at 100
 * pipelines it was 123 links on each of 2,300 pages (in page weight, and in build time: Starlight
 * validates and lays out a page's own sidebar on every page).
 */
export const SIDEBAR_PIPELINES = 25;

/** The overview's list of pipelines: where a large site's sidebar sends a reader for the others. */
export const PIPELINE_LIST_ID = 'pipelines';

/**
 * The sidebar of generated pages: the docs as everywhere, then the pipelines, with the jobs of
 * the current one open. Other pipelines' jobs are left out so a large site's pages stay small,
 * and on a site of many pipelines the others are one link away, on the overview.
 */
export function pipelineSidebar(pipelines: readonly Pipeline[], current?: Pipeline): Entry[] {
	const open = (p: Pipeline): Entry =>
		p.id === current?.id && p.jobs.length > 0
			? { label: p.title, items: [{ label: 'Pipeline overview', link: pipelinePath(p) }, ...p.jobs.map((j) => ({ label: j.name, link: jobPath(p, j) }))] }
			: { label: p.title, link: pipelinePath(p) };
	const listed = pipelines.length <= SIDEBAR_PIPELINES ? pipelines.map(open) : [...(current ? [open(current)] : []), { label: `All ${pipelines.length} pipelines`, link: `/#${PIPELINE_LIST_ID}` }];
	return [
		{ label: 'Overview', link: '/' },
		{ label: 'Onboarding', items: [{ autogenerate: { directory: docsSidebarDirectory } }] },
		{ label: 'Environment variables', link: '/env/' },
		{ label: PIPELINES_LABEL, items: listed },
	];
}

/**
 * The pipelines for a page Starlight lays out from the configured sidebar (an onboarding doc),
 * as the generated pages list them when none of their own is open. Starlight has resolved that
 * sidebar when its route middleware runs, so links are given resolved: `href` adds the base.
 */
export function pipelinesGroup(pipelines: readonly Pipeline[], href: (path: string) => string): RouteGroup {
	const group = pipelineSidebar(pipelines).find((e) => 'items' in e && e.label === PIPELINES_LABEL) as { items: Link[] };
	return {
		type: 'group',
		label: PIPELINES_LABEL,
		collapsed: false,
		badge: undefined,
		// With no pipeline open, each item is a link.
		entries: group.items.map((l) => ({ type: 'link', label: l.label, href: href(l.link), isCurrent: false, badge: undefined, attrs: {} })),
	};
}
