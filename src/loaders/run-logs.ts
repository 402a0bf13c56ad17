import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeWhole } from '../cache/files';
import type { Run, RunStep, StoredRun } from '../model';

/**
 * Run logs beside the content store (see `StoredRun`): one JSON file per distinct run log in
 * the build cache, named by its hash, so an unchanged run keeps its file and the store keeps
 * its entry from one build to the next.
 */
export function storeRunLogs(run: Run, dir: string): StoredRun {
	const text = JSON.stringify(run.steps.map((step) => step.lines));
	const path = join(dir, `${createHash('sha256').update(text).digest('hex')}.json`);
	if (!existsSync(path)) {
		mkdirSync(dir, { recursive: true });
		writeWhole(path, text);
	}
	return { ...run, steps: run.steps.map(({ lines: _, ...step }) => step), logs: path };
}

/** Whether every file the stored runs name is still there (a cache cleared by hand, say). */
export function runLogsKept(runs: Iterable<Pick<StoredRun, 'logs'>>): boolean {
	for (const run of runs) if (!existsSync(run.logs)) return false;
	return true;
}

/** Removes the files of `dir` that no stored run names any more. */
export function pruneRunLogs(dir: string, keep: ReadonlySet<string>): void {
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir)) if (!keep.has(join(dir, name))) rmSync(join(dir, name), { force: true });
}

/**
 * The run with its steps' `lines` back. They are read from the file when first asked for, and
 * only the last few files read stay in memory: a build renders one run at a time, and holding
 * every log at once is what keeping them out of the store saves.
 */
export function withLogs(run: StoredRun): Run {
	const { logs, ...rest } = run;
	return {
		...rest,
		steps: run.steps.map((step, index) =>
			Object.defineProperty({ ...step }, 'lines', { enumerable: true, get: () => linesOf(logs)[index] ?? [] }) as RunStep,
		),
	};
}

const recent = new Map<string, string[][]>();
const RECENT_FILES = 4;

function linesOf(path: string): string[][] {
	let lines = recent.get(path);
	if (lines) {
		recent.delete(path);
		recent.set(path, lines);
		return lines;
	}
	try {
		lines = JSON.parse(readFileSync(path, 'utf8')) as string[][];
	} catch (error) {
		throw new Error(`The logs of a recorded run are missing from the build cache (${path}): ${(error as Error).message}. Build again; the cache was changed while this build ran.`);
	}
	recent.set(path, lines);
	if (recent.size > RECENT_FILES) recent.delete(recent.keys().next().value!);
	return lines;
}
