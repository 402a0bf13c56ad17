/**
 * The CLI's side of the search index: Pagefind indexes in a process of its own, fed by a worker
 * thread with a small heap (see ./worker-apart.ts). Fed from the CLI's own thread, the page
 * strings and Pagefind's messages grew its heap to ~250 MB with ~40 MB live, beside Pagefind's
 * 1.4 GB peak: the whole build's peak.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLANATION_RECORDS_FILE, KEPT_INPUTS, RECORDS_FILE } from '../config/paths';
import { runApart } from './worker-apart';

const WORKER = new URL('./search-index-worker.mjs', import.meta.url);

/**
 * `writeSearchIndex(root, { previous, keepInputs })` in a worker thread; in the calling thread
 * once the worker runs out of heap. Async so that a missing records file is a rejected promise,
 * as the build expects.
 */
export async function writeSearchIndexApart(root: string, previous?: string, keepInputs?: string): Promise<string> {
	const recordsBytes = statSync(join(root, RECORDS_FILE)).size + (statSync(join(root, EXPLANATION_RECORDS_FILE), { throwIfNoEntry: false })?.size ?? 0);
	const link = linkable(previous);
	const heapMb = Number(process.env.ATLAS_SEARCH_HEAP_MB) || searchHeapMb(recordsBytes, link.bytes);
	return await runApart<string>(WORKER, { root, previous: link.from, keepInputs }, heapMb, 'search index', () =>
		import('../integrations/search-index').then(({ writeSearchIndex }) => writeSearchIndex(root, { previous: link.from, keepInputs })),
	).result;
}

/** A search index begun before the site is built (see ../integrations/search-head-start.ts). */
export interface SearchIndexApart {
	/** The index of the site built in `root`. Returns what to log. */
	finish(root: string): Promise<string>;
	/** Nothing to index after all (the build failed or stopped). */
	abandon(): Promise<void>;
}

/**
 * The next site's search index begun in a worker thread from `lastSite` and the inputs its build
 * kept in `inputsDir` (with the explanations' records Astro writes to `early`, if it does);
 * undefined when there are no inputs to begin from. A worker that runs out of its heap hands
 * over to the calling thread, which builds the index from scratch once told where.
 */
export function startSearchIndexApart(lastSite: string, inputsDir: string, early?: string): SearchIndexApart | undefined {
	const records = statSync(join(inputsDir, KEPT_INPUTS.records), { throwIfNoEntry: false });
	if (!records?.isFile() || !statSync(join(inputsDir, KEPT_INPUTS.pages), { throwIfNoEntry: false })?.isFile()) return undefined;
	const link = linkable(join(lastSite, 'pagefind'));
	const heapMb = Number(process.env.ATLAS_SEARCH_HEAP_MB) || searchHeapMb(records.size, link.bytes);
	let tell!: (root: string | undefined) => void;
	const told = new Promise<string | undefined>((resolve) => (tell = resolve));
	const apart = runApart<string>(WORKER, { headStart: { lastSite, inputsDir, previous: link.from, early } }, heapMb, 'search index', async () => {
		const root = await told;
		if (!root) return '';
		const { writeSearchIndex } = await import('../integrations/search-index');
		return writeSearchIndex(root, { previous: link.from, keepInputs: inputsDir });
	});
	// Awaited by finish or abandon; a failure before is not an unhandled rejection.
	apart.result.catch(() => undefined);
	const send = (root: string | undefined) => {
		tell(root);
		apart.post({ root });
	};
	return {
		finish(root) {
			send(root);
			return apart.result;
		},
		abandon() {
			send(undefined);
			return apart.result.then(
				() => undefined,
				() => undefined,
			);
		},
	};
}

/**
 * The last index to link from, and its size. Linking takes the new index's files into memory in
 * one message from Pagefind: from a last index too large for that, or one that cannot be read,
 * Pagefind writes its files itself.
 */
function linkable(previous: string | undefined): { from: string | undefined; bytes: number } {
	const bytes = previous === undefined ? undefined : folderBytes(previous);
	return bytes !== undefined && bytes <= MAX_LINKED_INDEX_BYTES ? { from: previous, bytes } : { from: undefined, bytes: 0 };
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
