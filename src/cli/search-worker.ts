/**
 * The CLI's side of the search index: Pagefind indexes in a process of its own, fed by a worker
 * thread with a small heap (see ./worker-apart.ts). Fed from the CLI's own thread, the page
 * strings and Pagefind's messages grew its heap to ~250 MB with ~40 MB live, beside Pagefind's
 * 1.4 GB peak: the whole build's peak.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLANATION_RECORDS_FILE, RECORDS_FILE } from '../config/paths';
import { runApart } from './worker-apart';

/**
 * `writeSearchIndex(root, undefined, previous)` in a worker thread; in the calling thread once
 * the worker runs out of heap. Async so that a missing records file is a rejected promise, as
 * the build expects.
 */
export async function writeSearchIndexApart(root: string, previous?: string): Promise<string> {
	const recordsBytes = statSync(join(root, RECORDS_FILE)).size + (statSync(join(root, EXPLANATION_RECORDS_FILE), { throwIfNoEntry: false })?.size ?? 0);
	// Linking takes the new index's files into memory in one message from Pagefind: from a last
	// index too large for that, or one that cannot be read, Pagefind writes its files itself.
	const lastBytes = previous === undefined ? undefined : folderBytes(previous);
	const linkFrom = lastBytes !== undefined && lastBytes <= MAX_LINKED_INDEX_BYTES ? previous : undefined;
	const heapMb = Number(process.env.ATLAS_SEARCH_HEAP_MB) || searchHeapMb(recordsBytes, linkFrom ? lastBytes : 0);
	return await runApart<string>(new URL('./search-index-worker.mjs', import.meta.url), { root, previous: linkFrom }, heapMb, 'search index', () =>
		import('../integrations/search-index').then(({ writeSearchIndex }) => writeSearchIndex(root, undefined, linkFrom)),
	).result;
}

/**
 * The largest last index whose files are linked (20 MB at size L): Pagefind's client builds its
 * answer as one string, about twice the files' size, which V8 bounds (~512 MB).
 */
export const MAX_LINKED_INDEX_BYTES = 100 * 2 ** 20;

/**
 * The records stay in memory throughout, about 3.5 times their JSON's size (40 MB live for
 * 11.5 MB at 2,000 jobs); the pages pass through one at a time. With a last index to link from,
 * the new index's files come into memory at the end (`indexBytes`, the last one's size, stands
 * for theirs): in one message from Pagefind, base64 inside JSON inside base64, then parsed and
 * decoded, about four and a half times their size at its peak.
 */
export function searchHeapMb(recordsBytes: number, indexBytes = 0): number {
	return Math.max(128, 64 + Math.ceil((6 * recordsBytes + 5 * indexBytes) / 2 ** 20));
}

/** The bytes of the files under `dir`; undefined when it cannot be read whole. */
function folderBytes(dir: string): number | undefined {
	try {
		let bytes = 0;
		for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
		return bytes;
	} catch {
		return undefined;
	}
}
