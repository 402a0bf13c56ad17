/**
 * Run folders shared out between the threads drawing a build's images. The image worker draws
 * beside Astro on the core Astro leaves idle; once Astro exits, a second worker takes the folders
 * the first has not reached, on the core Astro gave back. Which thread draws a folder changes
 * nothing in its files: a run's images come from the run alone.
 *
 * Two counters in memory both threads see: the next folder to take, and how many there are (0
 * until the first worker has listed them).
 */
import type { FolderClaims } from '../ingest/runs';

const NEXT = 0;
const TOTAL = 1;

export type ImageClaims = Int32Array;

export function newImageClaims(): ImageClaims {
	return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** `runFolders`' side: each reader takes the next folder nobody has taken. */
export function folderClaims(claims: ImageClaims): FolderClaims {
	return {
		claim: () => Atomics.add(claims, NEXT, 1),
		found: (count) => void Atomics.store(claims, TOTAL, count),
	};
}

/** Nothing left for another thread: the first worker took its images from the cache whole. */
export function claimAll(claims: ImageClaims): void {
	Atomics.store(claims, NEXT, 2 ** 30);
}

/**
 * How many folders nobody has taken yet (0 until the first worker has listed them; the folder
 * it reads ahead is taken). The CLI starts a second worker only when this is worth its start-up,
 * which reads every pipeline again.
 */
export function foldersLeft(claims: ImageClaims): number {
	const total = Atomics.load(claims, TOTAL);
	return Math.max(0, total - Atomics.load(claims, NEXT));
}
