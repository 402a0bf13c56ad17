import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderClaims, foldersLeft, newImageClaims } from '../../src/cli/image-claims';
import { readPipelines } from '../../src/ingest/read';
import { readRuns, runFolders } from '../../src/ingest/runs';
import type { Run } from '../../src/model';
import { tempDir } from '../support/temp';

/** The example pipelines with each run folder copied under two more names: several folders per group. */
function examples(): string {
	const dir = join(tempDir('atlas-run-folders-'), 'pipelines');
	cpSync(join(import.meta.dirname, '../../pipelines'), dir, { recursive: true });
	for (const group of readdirSync(dir)) {
		const runs = join(dir, group, 'runs');
		if (!existsSync(runs)) continue;
		for (const folder of readdirSync(runs, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
			for (const copy of [`${folder}-b`, `a-${folder}`]) cpSync(join(runs, folder), join(runs, copy), { recursive: true });
		}
	}
	return dir;
}

async function collect(folders: AsyncGenerator<Run[]>): Promise<Run[][]> {
	const out: Run[][] = [];
	for await (const runs of folders) out.push(runs);
	return out;
}

describe('runFolders', () => {
	it('reads ahead without changing what each folder gives, or in which order', async () => {
		const dir = examples();
		const pipelines = await readPipelines(dir, 'pipelines/');
		const forwards = await collect(runFolders(dir, pipelines, 'pipelines/'));
		// Pipeline folders in order, and the run folders of each in order.
		expect(forwards.map((runs) => runs[0]!.group)).toEqual([
			...['a-circleci-1450', 'circleci-1450', 'circleci-1450-b'],
			...['a-circleci-366', 'circleci-366', 'circleci-366-b'],
			...['a-gitlab-7724519306', 'gitlab-7724519306', 'gitlab-7724519306-b'],
			...['a-github-11873421907', 'github-11873421907', 'github-11873421907-b'],
		]);
		expect(forwards.flat()).toEqual(await readRuns(dir, pipelines, 'pipelines/'));
	});

	it('shares the folders out between readers that claim them: each folder once, as it reads alone', async () => {
		const dir = examples();
		const pipelines = await readPipelines(dir, 'pipelines/');
		const alone = await collect(runFolders(dir, pipelines, 'pipelines/'));
		const claims = newImageClaims();
		const first = runFolders(dir, pipelines, 'pipelines/', folderClaims(claims));
		const taken: Run[][][] = [[], []];
		// The first reader goes on its own for a while, then a second joins and they take turns.
		for (let i = 0; i < 3; i++) taken[0]!.push((await first.next()).value as Run[]);
		const second = runFolders(dir, pipelines, 'pipelines/', folderClaims(claims));
		const readers = [first, second];
		for (let turn = 0, done = 0; done < 2; turn++) {
			const next = await readers[turn % 2]!.next();
			if (next.done) done++;
			else taken[turn % 2]!.push(next.value);
		}
		expect(taken[1]!.length).toBeGreaterThan(2);
		const byGroup = (runs: Run[][]) => runs.map((r) => r[0]!.group);
		// Every folder once between them, each as reading alone gives it.
		expect([...byGroup(taken[0]!), ...byGroup(taken[1]!)].sort()).toEqual(byGroup(alone).sort());
		const all = [...taken[0]!, ...taken[1]!];
		for (const runs of alone) expect(all.find((r) => r[0]!.group === runs[0]!.group)).toEqual(runs);
		expect(foldersLeft(claims)).toBe(0);
	});

	it('lets a reader stop early', async () => {
		const dir = examples();
		const pipelines = await readPipelines(dir, 'pipelines/');
		const first: Run[][] = [];
		for await (const runs of runFolders(dir, pipelines, 'pipelines/')) {
			first.push(runs);
			break;
		}
		expect(first).toHaveLength(1);
		expect(first[0]![0]!.group).toBe('a-circleci-1450');
	});
});
