/**
 * The pipelines a build parsed, handed from the CLI's first image worker to Astro's loaders and
 * to the second image worker. The worker starts with the build and has parsed every config
 * seconds before Astro's content layer asks; Astro parsing them again was ~3 s of the thread that
 * then renders every page (at size M, with the transforms of the parsers' modules), where reading
 * them back is 0.1 s. Kept under the pipelines folder's fingerprint (./fingerprint.ts), so a file
 * left from other inputs is never used; a missing one (a bare `astro build`, a worker not there
 * yet, a cache that cannot be written) only means the reader parses for itself. The cache's key
 * covers Pipeline Atlas's own code, so the model's shape is the reader's.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { Pipeline } from '../model';

/** The file, in the build cache. */
export const PARSED_PIPELINES = 'parsed-pipelines.v8';

/**
 * Keeps `pipelines`, as parsed from the folder that hashes to `fingerprint`, for the build's other
 * readers. Returns why they could not be kept (an error's code), or undefined once they are.
 */
export function keepParsedPipelines(cacheDir: string, fingerprint: string, pipelines: readonly Pipeline[]): string | undefined {
	const file = join(cacheDir, PARSED_PIPELINES);
	// Renamed in whole: a reader sees the last file or this one, never half of one.
	const partial = `${file}.${process.pid}-${threadId}`;
	try {
		// A cold build's cache folder may not be made yet: the worker starts beside Astro.
		mkdirSync(cacheDir, { recursive: true });
		writeFileSync(partial, serialize({ fingerprint, pipelines }));
		renameSync(partial, file);
		return undefined;
	} catch (error) {
		// A cache that cannot be written only means each reader parses for itself.
		try {
			rmSync(partial, { force: true });
		} catch {
			// Where the folder cannot be made (a file in its way), the partial file cannot be there either.
		}
		return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
	}
}

/** The pipelines kept for the folder that hashes to `fingerprint`, or undefined when none are. */
export function parsedPipelines(cacheDir: string, fingerprint: string): Pipeline[] | undefined {
	let kept: unknown;
	try {
		kept = deserialize(readFileSync(join(cacheDir, PARSED_PIPELINES)));
	} catch {
		return undefined;
	}
	if (typeof kept !== 'object' || kept === null || !('fingerprint' in kept) || !('pipelines' in kept)) return undefined;
	return kept.fingerprint === fingerprint && Array.isArray(kept.pipelines) ? (kept.pipelines as Pipeline[]) : undefined;
}
