import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeSearchIndexApart } from '../../src/cli/search-worker';
import { runApart } from '../../src/cli/worker-apart';
import { RECORDS_FILE } from '../../src/config/paths';
import { tempDir } from '../support/temp';

/*
 * Workers that really run out of their heap (`npm run test:stress`, not part of `npm test`):
 * V8 can run out while finalising compiled code, which aborts the whole process, test runner
 * included, instead of stopping the worker (seen once in three CI runs). The suite tests the
 * hand-over with a stand-in worker (test/cli/support/dying-worker.mjs); these check that the
 * stand-in's error is the one Node really gives.
 */
describe('a worker out of its heap', () => {
	it('stops with ERR_WORKER_OUT_OF_MEMORY, and the fallback takes over', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const hoard = `const kept = []; for (;;) kept.push(new Array(1e5).fill(kept.length));`;
		const apart = runApart(new URL(`data:text/javascript,${encodeURIComponent(hoard)}`), {}, 16, 'hoarding', () => Promise.resolve('fallback'));
		expect(await apart.result).toBe('fallback');
		expect(log).toHaveBeenCalledWith('The hoarding worker ran out of its 16 MB heap: carrying on in the main thread.');
	});

	it('hands the search index over to the calling thread', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const root = tempDir('atlas-search-site-');
		mkdirSync(join(root, 'docs'));
		writeFileSync(join(root, 'docs', 'index.html'), '<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Docs</h1></main></body></html>');
		writeFileSync(join(root, RECORDS_FILE), '[]');
		process.env.ATLAS_SEARCH_HEAP_MB = '8';
		try {
			expect(await writeSearchIndexApart(root)).toMatch(/^search index: \d+ pages and 0 step/);
		} finally {
			delete process.env.ATLAS_SEARCH_HEAP_MB;
		}
		expect(log).toHaveBeenCalledWith('The search index worker ran out of its 8 MB heap: carrying on in the main thread.');
	}, 60_000);
});
