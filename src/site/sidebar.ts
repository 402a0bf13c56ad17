import type { Pipeline } from '../model';
import { jobPath, pipelinePath } from './urls';

type Entry = { label: string; link: string; attrs?: Record<string, string> } | { label: string; items: Entry[]; collapsed?: boolean } | { autogenerate: { directory: string } };

/**
 * The sidebar of generated pages: the docs as everywhere, then every pipeline, with the jobs of
 * the current one open. Other pipelines' jobs are left out so a large site's pages stay small.
 */
export function pipelineSidebar(pipelines: readonly Pipeline[], current?: Pipeline): Entry[] {
	return [
		{ label: 'Overview', link: '/' },
		{ label: 'Onboarding', items: [{ autogenerate: { directory: 'docs' } }] },
		{ label: 'Environment variables', link: '/env/' },
		{
			label: 'Pipelines',
			items: pipelines.map((p) =>
				p.id === current?.id && p.jobs.length > 0
					? {
							label: p.title,
							items: [{ label: 'Pipeline overview', link: pipelinePath(p) }, ...p.jobs.map((j) => ({ label: j.name, link: jobPath(p, j) }))],
						}
					: { label: p.title, link: pipelinePath(p) },
			),
		},
	];
}
