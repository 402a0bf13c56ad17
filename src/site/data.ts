import { getCollection } from 'astro:content';
import type { Pipeline, Run } from '../model';
import { byCodePoint } from '../ingest/order';
import { withLogs } from '../loaders/run-logs';
import { storedPipelines } from './stored-pipelines';

const modelsOf = storedPipelines();

/** Every pipeline, in a stable order (the order pages and sidebars list them). */
export async function getPipelines(): Promise<Pipeline[]> {
	return modelsOf(await getCollection('pipelines')).sort((a, b) => byCodePoint(a.id, b.id));
}

/**
 * Every recorded run, grouped in the order run pages list them: by pipeline, run folder, then
 * job. Their steps' lines are read from the build cache when asked for (`withLogs`).
 */
let runs: Promise<Run[]> | undefined;
export function getRuns(): Promise<Run[]> {
	// Once per build: Astro warns on every read of an empty collection, and most sites have no runs yet.
	runs ??= getCollection('runs').then((entries) =>
		entries.map((e) => withLogs(e.data)).sort((a, b) => byCodePoint(a.pipelineId, b.pipelineId) || byCodePoint(a.group, b.group) || byCodePoint(a.id, b.id)),
	);
	return runs;
}
