/**
 * The CLI's side of the search index: Pagefind indexes in a process of its own, fed by a worker
 * thread with a small heap (see ./worker-apart.ts). Fed from the CLI's own thread, the page
 * strings and Pagefind's messages grew its heap to ~250 MB with ~40 MB live, beside Pagefind's
 * 1.4 GB peak: the whole build's peak.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLANATION_RECORDS_FILE, RECORDS_FILE } from '../config/paths';
import { runApart } from './worker-apart';

/**
 * `writeSearchIndex(root)` in a worker thread; in the calling thread once the worker runs out of
 * heap. Async so that a missing records file is a rejected promise, as the build expects.
 */
export async function writeSearchIndexApart(root: string): Promise<string> {
	const recordsBytes = statSync(join(root, RECORDS_FILE)).size + (statSync(join(root, EXPLANATION_RECORDS_FILE), { throwIfNoEntry: false })?.size ?? 0);
	const heapMb = Number(process.env.ATLAS_SEARCH_HEAP_MB) || searchHeapMb(recordsBytes);
	return await runApart<string>(new URL('./search-index-worker.mjs', import.meta.url), { root }, heapMb, 'search index', () =>
		import('../integrations/search-index').then(({ writeSearchIndex }) => writeSearchIndex(root)),
	).result;
}

/**
 * The records stay in memory throughout, about 3.5 times their JSON's size (40 MB live for
 * 11.5 MB at 2,000 jobs); the pages pass through one at a time.
 */
export function searchHeapMb(recordsBytes: number): number {
	return Math.max(128, 64 + Math.ceil((6 * recordsBytes) / 2 ** 20));
}
