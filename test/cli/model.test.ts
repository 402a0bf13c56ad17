import { describe, expect, it } from 'vitest';
import type { Job, Pipeline } from '../../src/model';
import { hasSeeds, modelJson, seeds, seedsLabel } from './support/cli';

// The JSON is the model: typed by the same zod-inferred types the site uses.
function entry(pipeline: Pipeline, workflowId: string, entryId: string) {
	const workflow = pipeline.workflows.find((w) => w.id === workflowId);
	expect(workflow, `workflow ${workflowId}`).toBeDefined();
	const found = workflow!.entries.find((e) => e.id === entryId);
	expect(found, `entry ${entryId} of ${workflowId} (have ${workflow!.entries.map((e) => e.id).join(', ')})`).toBeDefined();
	return found!;
}

function job(pipeline: Pipeline, id: string): Job {
	const found = pipeline.jobs.find((j) => j.id === id);
	expect(found, `job ${id} (have ${pipeline.jobs.map((j) => j.id).join(', ')})`).toBeDefined();
	return found!;
}

describe.skipIf(!hasSeeds)(`model --json on the seed systems (${seedsLabel})`, () => {
	it('titus tagged-deploy: both workflows, with their branch and tag filters', async () => {
		const pipeline = await modelJson<Pipeline>(`${seeds}/titus/circleci-config.tagged-deploy.yml`);
		expect(Array.isArray(pipeline), 'a single file gives one pipeline, not an array').toBe(false);
		expect(pipeline.workflows.map((w) => w.id)).toEqual(expect.arrayContaining(['untagged_build', 'tagged_deployment']));

		const production = entry(pipeline, 'tagged_deployment', 'release-production').filters;
		expect(production?.tags?.only).toEqual([{ kind: 'regex', value: 'v[0-9]+(\\.[0-9]+).*' }]);
		expect(production?.branches?.ignore).toEqual([{ kind: 'regex', value: '.*' }]);

		expect(entry(pipeline, 'untagged_build', 'push-containers').filters?.branches?.only).toEqual([{ kind: 'exact', value: 'master' }]);
	});

	it('orange-county-lettings: run_test uses the python orb to install with pipenv', async () => {
		const pipeline = await modelJson<Pipeline>(`${seeds}/orange-county-lettings/circleci-config.yml`);
		const step = job(pipeline, 'run_test').steps.find((s) => s.name === 'python/install-packages');
		expect(step, JSON.stringify(job(pipeline, 'run_test').steps, null, 1)).toBeDefined();
		expect(step!.uses).toBe('circleci/python@2.1.1');
		expect(step!.with).toEqual({ 'pkg-manager': 'pipenv' });
	});

	it('banking-on-clojure: the orb job heroku/deploy-via-git comes from circleci/heroku@1.1.1', async () => {
		const pipeline = await modelJson<Pipeline>(`${seeds}/banking-on-clojure/circleci-config.yml`);
		expect(job(pipeline, 'heroku/deploy-via-git').origin?.ref).toBe('circleci/heroku@1.1.1');
	});
});

describe('model --json on the example pipelines folder', () => {
	it('prints an array of the example pipelines of every CI, none with errors', async () => {
		const pipelines = await modelJson<Pipeline[]>('pipelines');
		expect(Array.isArray(pipelines)).toBe(true);
		expect(pipelines.map((p) => [p.id, p.provider])).toEqual([
			['atlas-monorepo', 'circleci'],
			['banking-clojure', 'circleci'],
			['banking-clojure-heroku', 'heroku'],
			['lettings-django', 'circleci'],
			['lettings-django-heroku', 'heroku'],
			['notifications-service', 'bitbucket'],
			['payments-api', 'gitlab'],
			['storefront-web', 'github-actions'],
		]);
		for (const p of pipelines) {
			expect(p.diagnostics.filter((d) => d.severity === 'error'), p.id).toEqual([]);
		}
	});
});
