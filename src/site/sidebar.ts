import type { Pipeline } from '../model';
import { jobPath, pipelinePath } from './urls';

type Entry = { label: string; link: string; attrs?: Record<string, string> } | { label: string; items: Entry[]; collapsed?: boolean } | { autogenerate: { directory: string } };

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
		{ label: 'Onboarding', items: [{ autogenerate: { directory: 'docs' } }] },
		{ label: 'Environment variables', link: '/env/' },
		{ label: 'Pipelines', items: listed },
	];
}
