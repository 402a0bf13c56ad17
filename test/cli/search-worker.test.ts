import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECORDS_FILE } from '../../src/config/paths';
import { searchHeapMb, startSearchIndexApart, writeSearchIndexApart } from '../../src/cli/search-worker';
import type { SearchRecord } from '../../src/search/records';
import { tempDir } from '../support/temp';
import { dying } from './support/dying';

vi.mock('../../src/cli/worker-apart', async (original) => (await import('./support/dying')).dyingWorkers(original));

/** A built site of two pages and one step record, as Astro leaves it for the index. */
function site(): string {
	const root = tempDir('atlas-search-site-');
	const page = (title: string, text: string) =>
		`<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${text}</p></main></body></html>`;
	writeFileSync(join(root, 'index.html'), page('Overview', 'How our pipelines build and deploy.'));
	mkdirSync(join(root, 'docs'));
	writeFileSync(join(root, 'docs', 'caching.html'), page('Caching', 'Restore the dependency cache before installing.'));
	const record: SearchRecord = { kind: 'step', url: '/pipelines/app/jobs/build/#step-1', title: 'Install dependencies', body: ['Install dependencies', 'npm ci'], pipeline: 'app' };
	writeFileSync(join(root, RECORDS_FILE), JSON.stringify([record]));
	return root;
}

/** Every file of the index, by path, with its bytes. */
function index(root: string): Record<string, string> {
	const dir = join(root, 'pagefind');
	const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
	return Object.fromEntries(files.filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

/** Pagefind processes this test's process started and left running (exited ones not yet reaped excluded). */
const pagefindChildren = () =>
	execFileSync('ps', ['-o', 'stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line.includes('pagefind') && !line.trim().startsWith('Z'));

afterEach(() => {
	dying.next = false;
	vi.restoreAllMocks();
});

describe('writeSearchIndexApart', () => {
	it('writes the index in a worker, and the same index in the calling thread once the worker runs out of heap', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const inWorker = site();
		expect(await writeSearchIndexApart(inWorker)).toMatch(/^search index: 2 pages and 1 step, variable, run and explanation records/);
		expect(log).not.toHaveBeenCalled();
		expect(readdirSync(inWorker)).not.toContain(RECORDS_FILE);
		const written = index(inWorker);
		expect(Object.keys(written).filter((f) => f.startsWith('fragment/'))).toHaveLength(3);

		// The worker dies out of heap with Pagefind started and a page sent (./support/dying-worker.mjs).
		dying.next = true;
		const fallback = site();
		expect(await writeSearchIndexApart(fallback)).toMatch(/^search index: 2 pages and 1 step/);
		expect(log).toHaveBeenCalledWith('The search index worker ran out of its 128 MB heap: carrying on in the main thread.');
		// The worker that died left the records for the thread that took over, which removed them.
		expect(readdirSync(fallback)).not.toContain(RECORDS_FILE);
		expect(index(fallback)).toEqual(written);
		await vi.waitFor(() => expect(pagefindChildren()).toEqual([]), { timeout: 5000 });
	}, 60_000);

	it("links the last index's unchanged files, and has Pagefind write them when the last index cannot be read", async () => {
		const last = site();
		await writeSearchIndexApart(last);
		const linking = site();
		expect(await writeSearchIndexApart(linking, join(last, 'pagefind'))).toMatch(/, \d+ of \d+ files linked from the last build's\)$/);
		expect(index(linking)).toEqual(index(last));
		// A file where the last index should be: nothing to measure or link from, the index as ever.
		const unreadable = site();
		expect(await writeSearchIndexApart(unreadable, join(last, 'index.html'))).toMatch(/\(pages read \d+ms, pages sent and records \d+ms, writing \d+ms\)$/);
		expect(index(unreadable)).toEqual(index(last));
	});

	it('rejects, without throwing, when the site has no records file', async () => {
		const empty = tempDir('atlas-search-empty-');
		const written = writeSearchIndexApart(empty);
		await expect(written).rejects.toThrow(/ENOENT/);
	});

	it('sizes the heap from the records, which it holds throughout', () => {
		expect(searchHeapMb(1000)).toBe(128);
		// 11.5 MB of records at 2,000 jobs (40 MB live) fit about the floor.
		expect(searchHeapMb(11.5 * 2 ** 20)).toBeLessThan(140);
		expect(searchHeapMb(50 * 2 ** 20)).toBe(364);
		// With a last index to link from, the new one's files (about its size) come into memory at the end.
		expect(searchHeapMb(50 * 2 ** 20, 10 * 2 ** 20)).toBe(414);
	});
});

describe('startSearchIndexApart', () => {
	/** The last site, indexed by a build that kept its inputs for the next one. */
	async function lastBuild() {
		const last = site();
		const inputs = join(tempDir('atlas-search-inputs-'), 'search-inputs');
		await writeSearchIndexApart(last, undefined, inputs);
		return { last, inputs };
	}

	it('begins the index in a worker from the last site and finishes it once told where the new site is', async () => {
		const { last, inputs } = await lastBuild();
		const head = startSearchIndexApart(last, inputs)!;
		expect(head).toBeDefined();
		const next = site();
		expect(await head.finish(next)).toMatch(/^search index: 2 pages and 1 step, variable, run and explanation records in \d+ms after the site \(begun \d+ms into the build; .*, \d+ of \d+ files linked from the last build's\)$/);
		expect(index(next)).toEqual(index(last));
		expect(readdirSync(next)).not.toContain(RECORDS_FILE);
		await vi.waitFor(() => expect(pagefindChildren()).toEqual([]), { timeout: 5000 });
	});

	it('has nothing to begin from when the last build kept no inputs', async () => {
		const last = site();
		await writeSearchIndexApart(last);
		expect(startSearchIndexApart(last, join(tempDir('atlas-search-none-'), 'search-inputs'))).toBeUndefined();
	});

	it('builds the index in the calling thread, once told where, when the worker runs out of heap', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const { last, inputs } = await lastBuild();
		dying.next = true;
		const head = startSearchIndexApart(last, inputs)!;
		await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringMatching(/^The search index worker ran out of its \d+ MB heap: carrying on in the main thread\.$/)));
		const next = site();
		expect(await head.finish(next)).toMatch(/^search index: 2 pages and 1 step, variable, run and explanation records in \d+ms \(pages read/);
		expect(index(next)).toEqual(index(last));
	});

	it('ends without an index when abandoned', async () => {
		const { last, inputs } = await lastBuild();
		await startSearchIndexApart(last, inputs)!.abandon();
		await vi.waitFor(() => expect(pagefindChildren()).toEqual([]), { timeout: 5000 });
	});
});
