import type { APIRoute, GetStaticPaths } from 'astro';
import { RECORDS_FILE } from '../config/paths';
import { selectAuthored } from '../explain/authored';
import { markdownText } from '../search/markdown-text';
import { searchRecords } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { getExplanations } from '../site/explanations';
import { jobExplanationTargets, pageKey } from '../site/page-keys';
import { jobPath } from '../site/urls';

/** Every step a record shows, as its job page looks explanations up for it. */
async function stepTargets() {
	return (await getPipelines()).flatMap((pipeline) => pipeline.jobs.flatMap((job) => jobExplanationTargets(pipeline, job).steps));
}

/**
 * `/search-records.json`, a route with a parameter only so that it can give Astro a key (see
 * src/site/page-keys.ts) as the generated pages do. The records come from the model and from
 * the team's explanations of steps; making them reads every run's log lines (~1 s at 2,000
 * jobs): a build whose model and step explanations did not change copies the last build's.
 */
export const getStaticPaths = (async () => [{ params: { records: RECORDS_FILE.replace(/\.json$/, '') }, cacheKey: await pageKey([RECORDS_FILE], await stepTargets()) }]) satisfies GetStaticPaths;

/**
 * Step, variable and run-step records for the search index. Written by the build, read and
 * removed by the search-index integration (it runs after pages are rendered, when the model
 * can no longer be loaded).
 */
export const GET: APIRoute = async () => {
	const [pipelines, runs, entries] = await Promise.all([getPipelines(), getRuns(), getExplanations()]);
	// One explanation often explains many steps (a command every deploy runs): its text is read once.
	const texts = new Map<string, string[]>();
	const textOf = (entry: (typeof entries)[number]) => {
		let text = texts.get(entry.id);
		if (!text) texts.set(entry.id, (text = [...(entry.data.title ? [entry.data.title] : []), ...markdownText(entry.body ?? '')]));
		return text;
	};
	// By step object: the targets hold the model's own steps, which the records walk too.
	const explained = new Map<object, string[]>();
	for (const pipeline of pipelines) {
		for (const job of pipeline.jobs) {
			for (const target of jobExplanationTargets(pipeline, job).steps) {
				const entry = selectAuthored(target, entries);
				if (entry && target.step) explained.set(target.step, textOf(entry));
			}
		}
	}
	const records = searchRecords(pipelines, runs, jobPath, (_p, _j, step) => explained.get(step) ?? []);
	return new Response(JSON.stringify(records), { headers: { 'Content-Type': 'application/json' } });
};
