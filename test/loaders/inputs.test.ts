import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forget, pipelinesFolder } from '../../src/loaders/inputs';
import { tempDir } from '../support/temp';

function folder(): string {
	const dir = tempDir('atlas-inputs-');
	mkdirSync(join(dir, 'shop/.circleci'), { recursive: true });
	writeFileSync(join(dir, 'shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: node:22 }]\n    steps: [checkout]\n');
	return dir;
}

describe('pipelinesFolder', () => {
	it('hashes and parses the folder once for both loaders', async () => {
		const dir = folder();
		const first = pipelinesFolder(dir);
		expect(pipelinesFolder(dir)).toBe(first);
		const pipelines = await first.pipelines();
		expect(pipelines.map((p) => p.jobs.map((j) => j.id))).toEqual([['build']]);
		expect(await pipelinesFolder(dir).pipelines()).toBe(pipelines);
	});

	it('reads the folder again once told it changed', async () => {
		const dir = folder();
		const before = pipelinesFolder(dir);
		await before.pipelines();
		writeFileSync(join(dir, 'shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  test:\n    docker: [{ image: node:22 }]\n    steps: [checkout]\n');
		expect(pipelinesFolder(dir)).toBe(before);
		forget(dir);
		const after = pipelinesFolder(dir);
		expect(after.fingerprint).not.toBe(before.fingerprint);
		expect((await after.pipelines()).map((p) => p.jobs.map((j) => j.id))).toEqual([['test']]);
	});

	it('has nothing, under a fingerprint of its own, for a folder that does not exist', async () => {
		const missing = pipelinesFolder(join(tmpdir(), 'atlas-no-such-folder-8c1f'));
		expect(missing.fingerprint).toBe('none');
		expect(await missing.pipelines()).toEqual([]);
	});
});
