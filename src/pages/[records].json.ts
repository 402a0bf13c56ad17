import type { APIRoute, GetStaticPaths } from 'astro';
import { EXPLANATION_RECORDS_FILE, RECORDS_FILE } from '../config/paths';
import { searchRecords } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { jobExplanationTargets, pageKey, runExplanationTargets } from '../site/page-keys';
import { explanationRecordsJson, writeEarlyExplanations } from '../site/step-explanations';
import { jobPath } from '../site/urls';

const name = (file: string) => file.replace(/\.json$/, '');

/**
 * `/search-records.json` and `/search-explanations.json`, a route with a parameter only so that
 * each can give Astro a key (see src/site/page-keys.ts) as the generated pages do. The first
 * comes from the model alone, and making it reads every run's log lines (~1 s at 2,000 jobs): a
 * build whose model did not change copies the last build's, whatever explanation changed. The
 * second comes from the team's explanations of steps and stages, and changes with them; a
 * `pipeline-atlas build` gets it early as well (writeEarlyExplanations).
 */
export const getStaticPaths = (async () => {
	const [pipelines, runs] = await Promise.all([getPipelines(), getRuns()]);
	const targets = [...pipelines.flatMap((pipeline) => pipeline.jobs.flatMap((job) => jobExplanationTargets(pipeline, job).steps)), ...runs.flatMap(runExplanationTargets)];
	await writeEarlyExplanations();
	return [
		{ params: { records: name(RECORDS_FILE) }, cacheKey: await pageKey([RECORDS_FILE]) },
		{ params: { records: name(EXPLANATION_RECORDS_FILE) }, cacheKey: await pageKey([EXPLANATION_RECORDS_FILE], targets) },
	];
}) satisfies GetStaticPaths;

/**
 * Step, variable, run-step and explanation records for the search index. Written by the build,
 * read and removed by the search-index integration (it runs after pages are rendered, when the
 * model can no longer be loaded).
 */
export const GET: APIRoute = async ({ params }) => {
	const json =
		params.records === name(EXPLANATION_RECORDS_FILE)
			? await explanationRecordsJson()
			: JSON.stringify(await Promise.all([getPipelines(), getRuns()]).then(([pipelines, runs]) => searchRecords(pipelines, runs, jobPath)));
	return new Response(json, { headers: { 'Content-Type': 'application/json' } });
};
