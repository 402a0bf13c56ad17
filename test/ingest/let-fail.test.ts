import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';
import { readRuns } from '../../src/ingest/runs';
import { tempDir } from '../support/temp';

const EXAMPLES = join(import.meta.dirname, '../../pipelines');
const LINT = 'github-11873421907-lint';

async function storefrontLint(dir: string) {
	const pipelines = await readPipelines(dir);
	return { run: (await readRuns(dir, pipelines)).find((r) => r.id === LINT)! };
}

describe('a step the configuration lets fail (the example storefront-web: npm audit with continue-on-error)', () => {
	it('is shown failed, and its job passed, as GitHub has them', async () => {
		const { run } = await storefrontLint(EXAMPLES);
		expect(run.steps.filter((s) => s.status === 'failed')).toEqual([expect.objectContaining({ name: 'Audit dependencies', allowedToFail: true })]);
		expect(run.status).toBe('success');
	});

	it('fails its job when the configuration no longer lets it fail', async () => {
		const dir = join(tempDir('atlas-let-fail-'), 'pipelines');
		cpSync(join(EXAMPLES, 'storefront-web'), join(dir, 'storefront-web'), { recursive: true });
		const workflow = join(dir, 'storefront-web/.github/workflows/ci.yml');
		const text = readFileSync(workflow, 'utf8');
		expect(text).toContain('        continue-on-error: true\n');
		writeFileSync(workflow, text.replace('        continue-on-error: true\n', ''));
		const { run } = await storefrontLint(dir);
		const audit = run.steps.find((s) => s.name === 'Audit dependencies')!;
		expect(audit.status).toBe('failed');
		expect(audit.allowedToFail).toBeUndefined();
		expect(run.status).toBe('failed');
	});

	it('passes its job when it ran past its own timeout-minutes, and not when the job ran past its limit', async () => {
		const dir = join(tempDir('atlas-let-fail-'), 'pipelines');
		cpSync(join(EXAMPLES, 'storefront-web'), join(dir, 'storefront-web'), { recursive: true });
		const log = join(dir, 'storefront-web/runs/github-11873421907/lint/6_Audit dependencies.txt');
		const text = readFileSync(log, 'utf8');
		expect(text).toContain('##[error]Process completed with exit code 1.');
		const endedBy = async (error: string) => {
			writeFileSync(log, text.replace('Process completed with exit code 1.', error));
			return (await storefrontLint(dir)).run;
		};
		const own = await endedBy("The action 'Audit dependencies' has timed out after 2 minutes.");
		expect(own.steps.find((s) => s.name === 'Audit dependencies')).toMatchObject({ status: 'timedout', ownTimeout: true, allowedToFail: true });
		expect(own.status).toBe('success');
		const job = await endedBy('The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 5 minutes.');
		expect(job.steps.find((s) => s.name === 'Audit dependencies')?.allowedToFail).toBeUndefined();
		expect(job.status).toBe('timedout');
	});
});
