import type { APIRoute, GetStaticPaths } from 'astro';
import { EXPLANATION_RECORDS_FILE, RECORDS_FILE } from '../config/paths';
import { selectAuthored } from '../explain/authored';
import { markdownText } from '../search/markdown-text';
import { explanationRecords, searchRecords, type ExplainedPlace, type StepExplanation } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { getExplanations, type AuthoredEntry } from '../site/explanations';
import { allSteps } from '../model';
import { jobExplanationTargets, pageKey, runExplanationTargets, stageTarget } from '../site/page-keys';
import { runTitle, stepAnchor } from '../site/runs';
import { jobPath, jobStepAnchor, runPath } from '../site/urls';

const name = (file: string) => file.replace(/\.json$/, '');

/**
 * `/search-records.json` and `/search-explanations.json`, a route with a parameter only so that
 * each can give Astro a key (see src/site/page-keys.ts) as the generated pages do. The first
 * comes from the model alone, and making it reads every run's log lines (~1 s at 2,000 jobs): a
 * build whose model did not change copies the last build's, whatever explanation changed. The
 * second comes from the team's explanations of steps and stages, and changes with them.
 */
export const getStaticPaths = (async () => {
	const [pipelines, runs] = await Promise.all([getPipelines(), getRuns()]);
	const targets = [...pipelines.flatMap((pipeline) => pipeline.jobs.flatMap((job) => jobExplanationTargets(pipeline, job).steps)), ...runs.flatMap(runExplanationTargets)];
	return [
		{ params: { records: name(RECORDS_FILE) }, cacheKey: await pageKey([RECORDS_FILE]) },
		{ params: { records: name(EXPLANATION_RECORDS_FILE) }, cacheKey: await pageKey([EXPLANATION_RECORDS_FILE], targets) },
	];
}) satisfies GetStaticPaths;

/**
 * Each explanation with the steps it explains, as their pages choose them: a config's steps in
 * page order (pipelines, jobs, steps), then a CI's stages (runs, in the order the runs are).
 */
async function stepExplanations(): Promise<StepExplanation[]> {
	const [pipelines, runs, entries] = await Promise.all([getPipelines(), getRuns(), getExplanations()]);
	const explained = new Map<string, StepExplanation & { places: ExplainedPlace[] }>();
	const add = (entry: AuthoredEntry | undefined, of: StepExplanation['of'], place: ExplainedPlace) => {
		if (!entry) return;
		const key = `${of}\0${entry.id}`;
		const found = explained.get(key) ?? explained.set(key, { title: entry.data.title, text: markdownText(entry.body ?? ''), of, places: [] }).get(key)!;
		found.places.push(place);
	};
	for (const pipeline of pipelines) {
		for (const job of pipeline.jobs) {
			const { steps: targets } = jobExplanationTargets(pipeline, job);
			for (const [i, step] of allSteps(job.steps).entries()) {
				add(selectAuthored(targets[i]!, entries), 'step', { pipeline, within: job.name, step: step.name, url: `${jobPath(pipeline, job)}#${jobStepAnchor(step)}` });
			}
		}
	}
	const byId = new Map(pipelines.map((p) => [p.id, p]));
	for (const run of runs) {
		const pipeline = byId.get(run.pipelineId);
		if (!pipeline) continue;
		for (const step of run.steps) {
			if (!step.builtin) continue;
			add(selectAuthored(stageTarget(run, step.builtin), entries), 'stage', { pipeline, within: runTitle(run), step: step.name, url: `${runPath(run)}#${stepAnchor(step)}` });
		}
	}
	return [...explained.values()];
}

/**
 * Step, variable, run-step and explanation records for the search index. Written by the build,
 * read and removed by the search-index integration (it runs after pages are rendered, when the
 * model can no longer be loaded).
 */
export const GET: APIRoute = async ({ params }) => {
	const records =
		params.records === name(EXPLANATION_RECORDS_FILE)
			? explanationRecords(await stepExplanations())
			: await Promise.all([getPipelines(), getRuns()]).then(([pipelines, runs]) => searchRecords(pipelines, runs, jobPath));
	return new Response(JSON.stringify(records), { headers: { 'Content-Type': 'application/json' } });
};
