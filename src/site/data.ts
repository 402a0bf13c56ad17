import { getCollection } from 'astro:content';
import type { Pipeline, Run } from '../model';
import { byCodePoint } from '../ingest/order';
import { withLogs } from '../loaders/run-logs';

/** Each stored pipeline's model (see StoredPipeline) parsed once, by id, with the bytes it came from (`astro dev` loads new ones). */
const parsed = new Map<string, { model: ArrayBuffer; pipeline: Pipeline }>();
const decoder = new TextDecoder();

/** Every pipeline, in a stable order (the order pages and sidebars list them). */
export async function getPipelines(): Promise<Pipeline[]> {
	const entries = await getCollection('pipelines');
	const pipelines = entries.map(({ id, data: { model } }) => {
		let known = parsed.get(id);
		if (known?.model !== model) parsed.set(id, (known = { model, pipeline: JSON.parse(decoder.decode(model)) as Pipeline }));
		return known.pipeline;
	});
	return pipelines.sort((a, b) => byCodePoint(a.id, b.id));
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
