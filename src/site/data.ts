import { getCollection } from 'astro:content';
import type { Pipeline } from '../model';
import { byCodePoint } from '../ingest/order';

/** Every pipeline, in a stable order (the order pages and sidebars list them). */
export async function getPipelines(): Promise<Pipeline[]> {
	const entries = await getCollection('pipelines');
	return entries.map((e) => e.data).sort((a, b) => byCodePoint(a.id, b.id));
}
