import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';

const root = mkdtempSync(join(tmpdir(), 'atlas-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
	mkdirSync(join(root, path, '..'), { recursive: true });
	writeFileSync(join(root, path), text);
}
const circle = 'version: 2.1\njobs:\n  build:\n    docker: [{image: x}]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n';

describe('readPipelines', () => {
	it('gives URL-safe, unique ids and keeps a stray top-level YAML from merging the folders', async () => {
		write('pipelines/My Repo #1/.circleci/config.yml', circle);
		write('pipelines/api/.circleci/config.yml', circle);
		write('pipelines/api/.gitlab-ci.yml', 'test:\n  script: make\n');
		write('pipelines/api-circleci/.circleci/config.yml', circle);
		write('pipelines/renovate.yml', 'extends: [config:base]\n');
		const pipelines = await readPipelines(join(root, 'pipelines'), 'pipelines/');
		expect(pipelines.map((p) => p.id)).toEqual(['My-Repo-1', 'api-circleci', 'api-circleci-2', 'api-gitlab']);
		expect(new Set(pipelines.map((p) => p.id)).size).toBe(pipelines.length);
		expect(pipelines.find((p) => p.id === 'My-Repo-1')!.diagnostics.map((d) => d.code)).toContain('renamed');
	});
});
