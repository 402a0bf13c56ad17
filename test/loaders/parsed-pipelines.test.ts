import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';
import { awaitParsedPipelines, doneParsing, keepParsedPipelines, markParsing, PARSED_PIPELINES, parsedPipelines, PARSING } from '../../src/loaders/parsed-pipelines';
import { tempDir } from '../support/temp';

const examples = join(import.meta.dirname, '../../pipelines');

describe('parsed pipelines handed on', () => {
	it('gives back the pipelines kept for the same fingerprint, their JSON the same', async () => {
		const cacheDir = tempDir('atlas-parsed-');
		const pipelines = await readPipelines(examples, 'pipelines/');
		expect(keepParsedPipelines(cacheDir, 'abc', pipelines)).toBeUndefined();
		expect(JSON.stringify(parsedPipelines(cacheDir, 'abc'))).toBe(JSON.stringify(pipelines));
		// Renamed into place: nothing half-written left beside it.
		expect(readdirSync(cacheDir)).toEqual([PARSED_PIPELINES]);
	});

	it('gives nothing for another fingerprint, no file, or a file it cannot read', () => {
		const cacheDir = tempDir('atlas-parsed-');
		expect(parsedPipelines(cacheDir, 'abc')).toBeUndefined();
		keepParsedPipelines(cacheDir, 'abc', []);
		expect(parsedPipelines(cacheDir, 'abc')).toEqual([]);
		expect(parsedPipelines(cacheDir, 'abd')).toBeUndefined();
		writeFileSync(join(cacheDir, PARSED_PIPELINES), 'not what v8 serialises');
		expect(parsedPipelines(cacheDir, 'abc')).toBeUndefined();
	});

	it('makes the cache folder when it is not there yet, as in a cold build', () => {
		const notYet = join(tempDir('atlas-parsed-'), 'inputs', 'abc');
		keepParsedPipelines(notYet, 'abc', []);
		expect(parsedPipelines(notYet, 'abc')).toEqual([]);
	});

	it('keeps nothing, and throws nothing, where the cache cannot be written', () => {
		const file = join(tempDir('atlas-parsed-'), 'a-file');
		writeFileSync(file, '');
		const underAFile = join(file, 'cache');
		// Why, for the caller to say: a cache that silently kept nothing went unnoticed once.
		expect(keepParsedPipelines(underAFile, 'abc', [])).toBe('ENOTDIR');
		expect(parsedPipelines(underAFile, 'abc')).toBeUndefined();
	});
	it('waits for them while a worker says it is parsing them, and no longer than that', async () => {
		const cacheDir = tempDir('atlas-parsed-');
		// No one parsing: nothing to wait for.
		const started = Date.now();
		expect(await awaitParsedPipelines(cacheDir, 'abc')).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(1000);

		// Parsing: the file kept after the reader asked is the one it gets.
		markParsing(cacheDir);
		setTimeout(() => {
			keepParsedPipelines(cacheDir, 'abc', []);
			doneParsing(cacheDir);
		}, 150);
		expect(await awaitParsedPipelines(cacheDir, 'abc')).toEqual([]);
		expect(existsSync(join(cacheDir, PARSING))).toBe(false);

		// The worker gave up (the folder changed while it read): the reader stops waiting then.
		markParsing(cacheDir);
		setTimeout(() => doneParsing(cacheDir), 150);
		expect(await awaitParsedPipelines(cacheDir, 'abd')).toBeUndefined();

		// A mark left by a build that was stopped (its process gone): not waited for.
		const gone = spawnSync(process.execPath, ['-e', '']).pid!;
		writeFileSync(join(cacheDir, PARSING), String(gone));
		const notWaited = Date.now();
		expect(await awaitParsedPipelines(cacheDir, 'abd', 5000)).toBeUndefined();
		expect(Date.now() - notWaited).toBeLessThan(1000);

		// A mark no one clears, by a process still running: waited out.
		markParsing(cacheDir);
		const waited = Date.now();
		expect(await awaitParsedPipelines(cacheDir, 'abd', 200)).toBeUndefined();
		expect(Date.now() - waited).toBeGreaterThanOrEqual(200);
	});
});
