/**
 * The pipelines a build parsed, handed from the CLI's first image worker to Astro's loaders and
 * to the second image worker. The worker starts with the build and has parsed every config
 * seconds before Astro's content layer asks; Astro parsing them again was ~3 s of the thread that
 * then renders every page (at size M, with the transforms of the parsers' modules), where reading
 * them back is 0.1 s. Kept under the pipelines folder's fingerprint (./fingerprint.ts), so a file
 * left from other inputs is never used; a missing one (a bare `astro build`, a cache that cannot
 * be written) only means the reader parses for itself. The cache's key covers Pipeline Atlas's
 * own code, so the model's shape is the reader's.
 *
 * Who asks first is a race: Astro's content layer asks 3–5 s into a cold build, about when the
 * worker (started beside Astro, its drawing code loaded first) has parsed, and lost half the time
 * at M. So the CLI marks the pipelines as being parsed before it starts Astro (`PARSING`), the
 * worker clears the mark once it has kept them or will not, and a reader that finds the mark
 * waits for them, up to `WAIT_MS`, instead of parsing too.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { Pipeline } from '../model';

/** The file, in the build cache. */
export const PARSED_PIPELINES = 'parsed-pipelines.v8';

/** Beside it while a worker is parsing them: readers wait for the file. */
export const PARSING = 'parsed-pipelines.parsing';

/**
 * The longest a reader waits: past it (a worker that died without clearing the mark) it parses.
 * At M the parse takes 1.5–3 s, and the worker starts with the build.
 */
const WAIT_MS = 15_000;

/** Marks the pipelines as being parsed for this build (the CLI, before it starts Astro), by this process. */
export function markParsing(cacheDir: string): void {
	try {
		mkdirSync(cacheDir, { recursive: true });
		writeFileSync(join(cacheDir, PARSING), String(process.pid));
	} catch {
		// Then readers do not wait: each parses for itself.
	}
}

/** Clears the mark: the pipelines are kept, or will not be. */
export function doneParsing(cacheDir: string): void {
	try {
		rmSync(join(cacheDir, PARSING), { force: true });
	} catch {
		// Readers wait out WAIT_MS, then parse.
	}
}

/**
 * `parsedPipelines`, waiting for them while they are being parsed (see PARSING): undefined when
 * no one is parsing them, or not within `waitMs`.
 */
export async function awaitParsedPipelines(cacheDir: string, fingerprint: string, waitMs = WAIT_MS): Promise<Pipeline[] | undefined> {
	const until = Date.now() + waitMs;
	// A mark left by a build that was stopped: no one is parsing.
	if (!markerAlive(join(cacheDir, PARSING))) return parsedPipelines(cacheDir, fingerprint);
	// Only the mark is looked at meanwhile: the file, 9 MB at M, may be the last build's.
	while (existsSync(join(cacheDir, PARSING)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
	// Read once the mark is gone: the worker keeps the file before it clears the mark.
	return parsedPipelines(cacheDir, fingerprint);
}

/** Whether the mark is there and the process that made it still runs. */
function markerAlive(mark: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(mark, 'utf8'));
	} catch {
		return false;
	}
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

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
