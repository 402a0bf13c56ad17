import { describe, expect, it } from 'vitest';
import { at, diagnostics, errors, job, parse, yaml } from './helpers';

describe('job types', () => {
	// The shape of CircleCI's configuration reference's example (deploys guide).
	const output = parse(yaml`
		version: 2.1
		jobs:
		  deploy-my-service:
		    docker: [{image: cimg/base:current}]
		    steps:
		      - run: circleci run release plan --environment-name=production --component-name=my-service --target-version=1.0 my-service-release
		  release-my-service:
		    type: release
		    plan_name: my-service-release
		workflows:
		  deploy-service:
		    jobs:
		      - deploy-my-service
		      - release-my-service:
		          requires: [deploy-my-service]
	`);

	it('reads a release job: the plan it follows, no executor and no steps asked for', () => {
		expect(errors(output)).toEqual([]);
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(job(output, 'release-my-service')).toMatchObject({ releasePlan: 'my-service-release', steps: [], executor: { kind: 'unknown' } });
		expect(job(output, 'deploy-my-service').releasePlan).toBeUndefined();
	});

	it('reports a release job without its plan, and steps CircleCI ignores', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  release:
			    type: release
			    steps: [checkout]
			  gate:
			    type: no-op
			    steps: [checkout]
			  marker:
			    type: no-op
			    steps: []
			workflows:
			  main:
			    jobs: [release, gate, marker]
		`);
		expect(errors(o).map((d) => `${at(d)} ${d.message}`)).toEqual(['3:3 Job `release` is a release job without a `plan_name`']);
		expect(diagnostics(o, 'ignored-steps').map((d) => `${at(d)} ${d.message}`)).toEqual([
			'5:5 Job `release` is a `release` job: CircleCI runs steps only in `build` jobs, and ignores these',
			'8:5 Job `gate` is a `no-op` job: CircleCI runs steps only in `build` jobs, and ignores these',
		]);
		expect(job(o, 'release').steps).toEqual([]);
	});

	it('reports lock and unlock jobs, which CircleCI does not document for configs, as not modelled', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  take:
			    type: lock
			    key: production
			workflows:
			  main:
			    jobs: [take]
		`);
		expect(diagnostics(o, 'not-modelled').map((d) => `${at(d)} ${d.message}`)).toEqual([
			'4:11 `type: lock` (lock and unlock jobs are shown as jobs without steps) is not modelled by Pipeline Atlas yet; it is kept out of the pages',
			'5:5 `key` is not modelled by Pipeline Atlas yet; it is kept out of the pages',
		]);
	});
	it('reports a type other than approval set where a workflow lists the job', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  build:
			    docker: [{image: alpine}]
			    steps: [checkout]
			workflows:
			  main:
			    jobs:
			      - build:
			          type: no-op
		`);
		expect(errors(o).map((d) => `${at(d)} ${d.message} (${d.hint})`)).toEqual([
			"10:17 A workflow can set only `type: approval` on a job, not `type: no-op` (Set `type: no-op` in the job's definition under `jobs:`.)",
		]);
	});
});
