import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';
import { tempDir } from '../support/temp';

describe('readPipelines', () => {
	it('masks credentials written straight into a config, wherever they are in the model', async () => {
		const dir = tempDir('atlas-read-');
		mkdirSync(join(dir, 'shop/.circleci'), { recursive: true });
		const token = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
		writeFileSync(
			join(dir, 'shop/.circleci/config.yml'),
			`version: 2.1\njobs:\n  b:\n    docker: [{ image: cimg/base:2024.02 }]\n    environment:\n      INDEX_URL: https://deploy:pw-${'x'.repeat(12)}@pypi.example.com/simple\n    steps:\n      - run: 'curl -H "Authorization: token ${token}" https://api.github.com'\nworkflows:\n  main:\n    jobs: [b]\n`,
		);
		const [pipeline] = await readPipelines(dir);
		const text = JSON.stringify(pipeline);
		expect(text).not.toContain(token);
		expect(text).not.toContain(`pw-${'x'.repeat(12)}`);
		expect(text).toContain('https://deploy:[redacted]@pypi.example.com/simple');
		expect(pipeline!.jobs[0]!.steps[0]!.location.line).toBe(8);
	});
});
