import { renameSync, writeFileSync } from 'node:fs';
import { EARLY_EXPLANATIONS } from '../config/paths';
import { selectAuthored } from '../explain/authored';
import { allSteps } from '../model';
import { markdownText } from '../search/markdown-text';
import { explanationRecords, type ExplainedPlace, type StepExplanation } from '../search/records';
import { getPipelines, getRuns } from './data';
import { getExplanations, type AuthoredEntry } from './explanations';
import { jobExplanationTargets, stageTarget } from './page-keys';
import { runTitle, stepAnchor } from './runs';
import { jobPath, jobStepAnchor, runPath } from './urls';

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

let early: Promise<string> | undefined;

/** The explanations' search records (EXPLANATION_RECORDS_FILE), as JSON. */
export function explanationRecordsJson(): Promise<string> {
	const json = () => stepExplanations().then((explained) => JSON.stringify(explanationRecords(explained)));
	// Once per build when the CLI asked for them early (below); in `astro dev` afresh each time.
	return process.env[EARLY_EXPLANATIONS] ? (early ??= json()) : json();
}

/**
 * The explanations' records written where `pipeline-atlas build` asked (EARLY_EXPLANATIONS), as
 * soon as the routes are listed: the search index's head start finishes the index with them
 * while the pages render (src/integrations/search-head-start.ts), and checks them against the
 * route's file once the site is built. Written whole or not at all (renamed into place).
 */
export async function writeEarlyExplanations(): Promise<void> {
	const path = process.env[EARLY_EXPLANATIONS];
	if (!path) return;
	const json = await explanationRecordsJson();
	try {
		writeFileSync(`${path}.partial`, json);
		renameSync(`${path}.partial`, path);
	} catch {
		// Only a head start lost: the index waits for the route's file.
	}
}
