/** Where a workflow's diagram files live: `/pipelines/<pipeline>/diagrams/<workflow>.<ext>`. */
import type { Pipeline, Workflow } from '../model';
import { uniqueSlugs } from '../ingest/slug';

export type DiagramFormat = 'mmd' | 'svg' | 'png';

export const DIAGRAM_CONTENT_TYPES: Record<DiagramFormat, string> = {
	mmd: 'text/plain; charset=utf-8',
	svg: 'image/svg+xml; charset=utf-8',
	png: 'image/png',
};

/** Workflow id -> URL segment, unique within the pipeline (ids may hold spaces, `/`, `:`). */
export function workflowSlugs(pipeline: Pick<Pipeline, 'workflows'>): Map<string, string> {
	const slugs = uniqueSlugs(pipeline.workflows.map((w) => w.id));
	return new Map(pipeline.workflows.map((w, i) => [w.id, slugs[i]!]));
}

export function workflowSlug(pipeline: Pick<Pipeline, 'workflows'>, workflow: Pick<Workflow, 'id'>): string {
	return workflowSlugs(pipeline).get(workflow.id) ?? 'workflow';
}

/** Root-relative path without Astro's base: wrap it in `url()` for links. */
export function diagramPath(pipeline: Pick<Pipeline, 'id' | 'workflows'>, workflow: Pick<Workflow, 'id'>, format: DiagramFormat): string {
	return `/pipelines/${pipeline.id}/diagrams/${workflowSlug(pipeline, workflow)}.${format}`;
}

/** File name a download is saved under: `<pipeline>--<workflow>.<ext>`. */
export function diagramFileName(pipeline: Pick<Pipeline, 'id' | 'workflows'>, workflow: Pick<Workflow, 'id'>, format: DiagramFormat): string {
	return `${pipeline.id}--${workflowSlug(pipeline, workflow)}.${format}`;
}

/** One entry per pipeline workflow, for the endpoints' `getStaticPaths`. */
export function diagramPaths(pipelines: readonly Pipeline[], cacheKey?: string) {
	return pipelines.flatMap((pipeline) => {
		const slugs = workflowSlugs(pipeline);
		return pipeline.workflows.map((workflow) => ({
			params: { pipeline: pipeline.id, workflow: slugs.get(workflow.id)! },
			props: { pipeline, workflow },
			...(cacheKey ? { cacheKey } : {}),
		}));
	});
}
