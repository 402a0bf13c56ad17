import { getCollection } from 'astro:content';
import { createHash } from 'node:crypto';
import { contentDir, editBaseUrl, IMAGES_BY_CLI, pipelinesDir, siteUrl } from '../config/paths';
import { selectAuthored, type ExplanationTarget } from '../explain/authored';
import { allSteps, type BuiltinStage, type Job, type Pipeline, type Run } from '../model';
import { getExplanations, keepExplanationTexts, patchableText } from './explanations';
import { byCodePoint } from '../ingest/order';

/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`): a generated
 * page whose key and code are those of the last build is copied from it instead of rendered.
 *
 * A key must change whenever anything the page shows does. Every page's key covers the whole
 * model (all pipelines and runs: a page links to other pipelines, jobs and runs, and its
 * sidebar lists them), the docs' titles and order (the sidebar and pagination), and the
 * settings read from the environment. What it leaves out is the explanations written in
 * `content/explanations/`: each page names, in its key, the explanations it shows (see the
 * `*ExplanationTargets` functions, which the pages use too). Editing one explanation then
 * renders only the pages that show it, and editing a doc's text renders no generated page.
 */
let site: Promise<string> | undefined;
function siteKey(): Promise<string> {
	site ??= (async () => {
		const hash = createHash('sha256');
		const settings = { contentDir, pipelinesDir, editBaseUrl, siteUrl, imagesByCli: process.env[IMAGES_BY_CLI] ?? '' };
		hash.update(JSON.stringify(settings));
		const byId = <T extends { id: string }>(entries: T[]) => entries.sort((a, b) => byCodePoint(a.id, b.id));
		// Pipelines by their model's bytes (see StoredPipeline); docs by their data (title, sidebar
		// order...), not their text: only those reach other pages.
		for (const entry of byId(await getCollection('pipelines'))) hash.update(`\0pipelines\0${entry.id}\0`).update(new Uint8Array(entry.data.model));
		for (const name of ['runs', 'docs'] as const) {
			for (const entry of byId(await getCollection(name))) hash.update(`\0${name}\0${entry.id}\0`).update(JSON.stringify(entry.data));
		}
		return hash.digest('hex');
	})();
	return site;
}

/**
 * The key of the page `parts` identify, showing the explanations chosen for `targets`. With
 * `textsMarked`, the page shows their texts only through ExplanationBlock's mark, so a text
 * edited since the last build can be given to its copy (see explanation-bodies.ts), and the key
 * leaves the text out.
 */
export async function pageKey(parts: readonly string[], targets: readonly ExplanationTarget[] = [], { textsMarked = false } = {}): Promise<string> {
	const hash = createHash('sha256').update(await siteKey()).update(JSON.stringify(parts));
	if (targets.length > 0) {
		const entries = await getExplanations();
		const shown = new Set<string>();
		for (const target of targets) {
			const entry = selectAuthored(target, entries);
			if (entry) shown.add(entry.id);
		}
		const generation = textsMarked ? await keepExplanationTexts() : undefined;
		for (const entry of entries.filter((e) => shown.has(e.id)).sort((a, b) => byCodePoint(a.id, b.id))) {
			if (generation !== undefined && patchableText(entry) !== undefined) hash.update(`\0${entry.id}\0text patched\0${generation}\0`).update(JSON.stringify(entry.data));
			else hash.update(`\0${entry.id}\0${entry.digest ?? ''}\0`).update(JSON.stringify(entry.data)).update(entry.body ?? '');
		}
	}
	return hash.digest('hex');
}

/** What a job page looks explanations up for: the job, then each of its steps. */
export function jobExplanationTargets(pipeline: Pipeline, job: Job): { job: ExplanationTarget; steps: ExplanationTarget[] } {
	const workflowIds = pipeline.workflows.flatMap((w) => w.entries.filter((e) => e.jobId === job.id).map(() => w.id));
	return {
		job: { level: 'job', pipelineId: pipeline.id, provider: pipeline.provider, workflowIds, jobId: job.id },
		steps: allSteps(job.steps).map((step) => ({ level: 'step', pipelineId: pipeline.id, provider: pipeline.provider, workflowIds, jobId: job.id, step })),
	};
}

/** What a run page looks explanations up for: the CI's own stages (config steps are explained on job pages). */
export function runExplanationTargets(run: Pick<Run, 'pipelineId' | 'provider' | 'steps'>): ExplanationTarget[] {
	return run.steps.flatMap((step) => (step.builtin ? [stageTarget(run, step.builtin)] : []));
}

/** A CI stage of a run, as its page looks an explanation up for it. */
export function stageTarget(run: Pick<Run, 'pipelineId' | 'provider'>, stage: BuiltinStage): ExplanationTarget {
	return { level: 'stage', pipelineId: run.pipelineId, provider: run.provider, stage };
}

/** What a pipeline page looks explanations up for. */
export function pipelineExplanationTargets(pipeline: Pipeline): ExplanationTarget[] {
	return [{ level: 'pipeline', pipelineId: pipeline.id, provider: pipeline.provider }];
}
