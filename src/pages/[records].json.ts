import type { APIRoute, GetStaticPaths } from 'astro';
import { EXPLANATION_RECORDS_FILE, RECORDS_FILE } from '../config/paths';
import { selectAuthored } from '../explain/authored';
import { markdownText } from '../search/markdown-text';
import { explanationRecords, searchRecords, type ExplainedStep, type StepExplanation } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { getExplanations } from '../site/explanations';
import { allSteps, jobExplanationTargets, pageKey } from '../site/page-keys';
import { jobPath } from '../site/urls';

const name = (file: string) => file.replace(/\.json$/, '');

/**
 * `/search-records.json` and `/search-explanations.json`, a route with a parameter only so that
 * each can give Astro a key (see src/site/page-keys.ts) as the generated pages do. The first
 * comes from the model alone, and making it reads every run's log lines (~1 s at 2,000 jobs): a
 * build whose model did not change copies the last build's, whatever explanation changed. The
 * second comes from the team's explanations of steps, and changes with them.
 */
export const getStaticPaths = (async () => {
	const steps = (await getPipelines()).flatMap((pipeline) => pipeline.jobs.flatMap((job) => jobExplanationTargets(pipeline, job).steps));
	return [
		{ params: { records: name(RECORDS_FILE) }, cacheKey: await pageKey([RECORDS_FILE]) },
		{ params: { records: name(EXPLANATION_RECORDS_FILE) }, cacheKey: await pageKey([EXPLANATION_RECORDS_FILE], steps) },
	];
}) satisfies GetStaticPaths;

/** Each explanation with the steps it explains, as their job pages choose them, in page order. */
async function stepExplanations(): Promise<StepExplanation[]> {
	const [pipelines, entries] = await Promise.all([getPipelines(), getExplanations()]);
	const explained = new Map<string, { entry: (typeof entries)[number]; steps: ExplainedStep[] }>();
	for (const pipeline of pipelines) {
		for (const job of pipeline.jobs) {
			const { steps: targets } = jobExplanationTargets(pipeline, job);
			for (const [i, step] of allSteps(job.steps).entries()) {
				const entry = selectAuthored(targets[i]!, entries);
				if (!entry) continue;
				const found = explained.get(entry.id) ?? explained.set(entry.id, { entry, steps: [] }).get(entry.id)!;
				found.steps.push({ pipeline, job, step });
			}
		}
	}
	return [...explained.values()].map(({ entry, steps }) => ({ title: entry.data.title, text: markdownText(entry.body ?? ''), steps }));
}

/**
 * Step, variable, run-step and explanation records for the search index. Written by the build,
 * read and removed by the search-index integration (it runs after pages are rendered, when the
 * model can no longer be loaded).
 */
export const GET: APIRoute = async ({ params }) => {
	const records =
		params.records === name(EXPLANATION_RECORDS_FILE)
			? explanationRecords(await stepExplanations(), jobPath)
			: await Promise.all([getPipelines(), getRuns()]).then(([pipelines, runs]) => searchRecords(pipelines, runs, jobPath));
	return new Response(JSON.stringify(records), { headers: { 'Content-Type': 'application/json' } });
};
