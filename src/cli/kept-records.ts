/**
 * The last build's search records, kept in the build cache for the pipelines folder as it was.
 * The records come from the pipelines and runs alone, so a rebuild from the same pipelines
 * (after a docs or explanation edit) can give them to Pagefind while Astro still renders, on
 * the core Astro leaves idle, instead of after it (see ./search-worker.ts). Whether they are
 * the records Astro then writes is checked, byte for byte, before the index is carried on.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the records of the pipelines folder with this fingerprint are kept (or would be). */
export function keptRecordsFile(cacheDir: string, fingerprint: string): string {
	return join(cacheDir, 'search-records', `${fingerprint}.json`);
}

/** The records file as kept, or undefined when none is. */
export function keptRecords(file: string): string | undefined {
	return existsSync(file) ? file : undefined;
}

/** `records` kept at `file`, as the only records kept (one pipelines folder state at a time). */
export function keepRecords(records: string, file: string): void {
	if (!existsSync(records)) return;
	rmSync(dirname(file), { recursive: true, force: true });
	mkdirSync(dirname(file), { recursive: true });
	// Copied beside, then renamed: a build stopped while keeping leaves no half file to be used.
	copyFileSync(records, `${file}.partial`);
	renameSync(`${file}.partial`, file);
}
