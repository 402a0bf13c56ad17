import { getCollection } from 'astro:content';
import type { Pipeline } from '../model';

/** Every pipeline, in a stable order (the order pages and sidebars list them). */
export async function getPipelines(): Promise<Pipeline[]> {
	const entries = await getCollection('pipelines');
	return entries.map((e) => e.data).sort((a, b) => a.id.localeCompare(b.id));
}
