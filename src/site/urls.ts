import { slugify } from '../ingest/slug';
import type { Job, Pipeline, Run, RunStep, Step } from '../model';

/** A site path under Astro's `base`, so the site works when served from a subpath. */
export function url(path: string): string {
	const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
	return `${base}/${path.replace(/^\/+/, '')}`;
}

// Root-relative paths without the base, as a sidebar's items are written (`url` adds the base).
export const pipelinePath = (pipeline: Pick<Pipeline, 'id'>) => `/pipelines/${pipeline.id}/`;
export const jobPath = (pipeline: Pick<Pipeline, 'id'>, job: Pick<Job, 'slug'>) => `/pipelines/${pipeline.id}/jobs/${job.slug}/`;

export const pipelineUrl = (pipeline: Pick<Pipeline, 'id'>) => url(pipelinePath(pipeline));
export const jobUrl = (pipeline: Pick<Pipeline, 'id'>, job: Pick<Job, 'slug'>) => url(jobPath(pipeline, job));

/**
 * A link out of the site, only for plain `http(s)` URLs. Deploy URLs come from CI configs
 * (`environment: url:`), where `javascript:` or a template like `https://$CI_ENVIRONMENT_SLUG.x`
 * is possible: those are shown as text, never linked.
 */
export function externalHref(value: string | undefined): string | undefined {
	return value && /^https?:\/\/[^\s"'<>`$\\{}]+$/i.test(value) ? value : undefined;
}

/** An HTML id from CI names, which may hold spaces, `/` or brackets (`test: [ruby, 3.2]`). */
export function anchor(kind: 'workflow' | 'target', id: string): string {
	return `${kind}-${slugify(id)}`;
}

/** A workflow entry's place in its workflow's section of the pipeline page. */
export function entryAnchor(workflowId: string, entryId: string): string {
	return `${anchor('workflow', workflowId)}--${slugify(entryId)}`;
}

/** A job group's line on its workflow's section (apart from entries: a slug never holds `--`). */
export function jobGroupAnchor(workflowId: string, groupId: string): string {
	return `${anchor('workflow', workflowId)}--job-group--${slugify(groupId)}`;
}

/** A config step's anchor on its job page: `step-3`, a nested one `step-3.1`. */
export const jobStepAnchor = (step: Pick<Step, 'id'>) => `step-${step.id}`;

export const runPath = (run: Pick<Run, 'pipelineId' | 'id'>) => `/pipelines/${run.pipelineId}/runs/${run.id}/`;
export const runUrl = (run: Pick<Run, 'pipelineId' | 'id'>) => url(runPath(run));
/** The full log of a run step, as plain text without colour codes (see ./step-logs.ts). */
export const stepLogPath = (run: Pick<Run, 'pipelineId' | 'id'>, step: Pick<RunStep, 'index'>) => `${runPath(run)}logs/${step.index}.txt`;
export const stepLogUrl = (run: Pick<Run, 'pipelineId' | 'id'>, step: Pick<RunStep, 'index'>) => url(stepLogPath(run, step));
/** An image of a run (a stage, the job view) or its zip of all images. */
export const runImageUrl = (run: Pick<Run, 'pipelineId' | 'id'>, file: string) => url(`${runPath(run)}images/${file}`);
