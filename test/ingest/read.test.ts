import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFolders, readPipelines, remembering } from '../../src/ingest/read';
import { Pipeline } from '../../src/model';
import { createRedactor, REDACTED } from '../../src/redact/redact';
import { tempDir } from '../support/temp';

const root = tempDir('atlas-read-');
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

	it('reads every candidate file of a folder, more than one batch of them, in code-point order at each level', async () => {
		const names = Array.from({ length: 70 }, (_, i) => `w${String(69 - i).padStart(2, '0')}.yml`);
		for (const name of names) write(`tree/shop/.github/workflows/${name}`, 'on: push\n');
		for (const path of ['tree/shop/b/z.yml', 'tree/shop/B/a.yml', 'tree/shop/a.yml', 'tree/shop/Procfile', 'tree/shop/notes.txt', 'tree/shop/runs/1/log.yml', 'tree/shop/node_modules/x/y.yml']) write(path, 'a: 1\n');
		const [folder] = await readFolders(join(root, 'tree'), 'tree/');
		expect(folder!.files.map((f) => f.path)).toEqual([
			...[...names].sort().map((name) => `.github/workflows/${name}`),
			'B/a.yml',
			'Procfile',
			'a.yml',
			'b/z.yml',
		]);
		expect(folder!.files.every((f) => f.text === (f.path.startsWith('.github') ? 'on: push\n' : 'a: 1\n'))).toBe(true);
	});
});

describe('readPipelines output', () => {
	// The pipelines loader stores what readPipelines gives without validating it again: it must
	// already be what the schema makes of it (defaults in, nothing extra), after the steps that
	// follow the schema in assemble (variable uses, redaction, renaming).
	it('is what the Pipeline schema gives for it, for every example pipeline', async () => {
		const pipelines = await readPipelines(join(import.meta.dirname, '../../pipelines'), 'pipelines/');
		expect(pipelines.length).toBeGreaterThan(5);
		for (const pipeline of pipelines) expect(Pipeline.parse(pipeline), pipeline.id).toEqual(pipeline);
	});
});

describe('remembering', () => {
	it('answers as the redactor does, asking it once per distinct text', () => {
		const inner = createRedactor();
		const asked: string[] = [];
		const counting = { redact: (text: string) => (asked.push(text), inner.redact(text)), redactLines: inner.redactLines, shortest: inner.shortest };
		const redactor = remembering(counting);
		const token = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
		const texts = [`curl -H "Authorization: token ${token}"`, 'make test', `curl -H "Authorization: token ${token}"`, 'make test', ''];
		expect(texts.map((t) => redactor.redact(t))).toEqual(texts.map((t) => inner.redact(t)));
		expect(redactor.redact(texts[0]!)).not.toContain(token);
		expect(asked).toEqual([texts[0], 'make test']);
	});

	it('asks nothing of a text shorter than the redactor can change', () => {
		const inner = createRedactor({ values: ['s3cr3t'] });
		const asked: string[] = [];
		const redactor = remembering({ redact: (text: string) => (asked.push(text), inner.redact(text)), redactLines: inner.redactLines, shortest: inner.shortest });
		expect(inner.shortest).toBe(6);
		expect(['make', 'true', 's3cr3', 's3cr3t'].map((t) => redactor.redact(t))).toEqual(['make', 'true', 's3cr3', REDACTED]);
		expect(asked).toEqual(['s3cr3t']);
	});
});
