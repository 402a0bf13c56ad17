import { describe, expect, it } from 'vitest';
import { at, diagnostics, entry, errors, parse, schemaIssues, workflow, yaml } from './helpers';

/** Jobs `build`, `deploy`, `release`, `notify`, and `smoke` with a parameter. */
const JOBS = yaml`
	jobs:
	  build: &job
	    docker: [{image: alpine}]
	    steps: [checkout]
	  deploy: *job
	  release: *job
	  notify: *job
	  smoke:
	    parameters:
	      env: {type: string}
	    docker: [{image: alpine}]
	    steps: [checkout]
`;

const config = (rest: string) => parse(`version: 2.1\n${JOBS}${rest}`);

const ids = (output: ReturnType<typeof parse>, workflowId: string) => (workflow(output, workflowId).entries ?? []).map((e) => e.id);
const requires = (output: ReturnType<typeof parse>, workflowId: string, entryId: string) => (entry(output, workflowId, entryId).requires ?? []).map((r) => r.entry);

describe('job groups', () => {
	// CircleCI's configuration reference's own example.
	const output = config(yaml`
		job-groups:
		  deploy-and-release:
		    jobs:
		      - deploy
		      - release:
		          requires:
		            - deploy
		workflows:
		  main-workflow:
		    jobs:
		      - build
		      - deploy-and-release:
		          requires:
		            - build
		      - notify:
		          requires:
		            - deploy-and-release
	`);

	it("runs a group's jobs as the workflow's, each marked with the group", () => {
		expect(errors(output)).toEqual([]);
		expect(ids(output, 'main-workflow')).toEqual(['build', 'deploy', 'release', 'notify']);
		expect(entry(output, 'main-workflow', 'deploy')).toMatchObject({ jobId: 'deploy', jobGroup: 'deploy-and-release' });
		expect(entry(output, 'main-workflow', 'build').jobGroup).toBeUndefined();
		expect(workflow(output, 'main-workflow').jobGroups).toEqual([
			{ id: 'deploy-and-release', definition: 'deploy-and-release', entries: ['deploy', 'release'], location: { file: '.circleci/config.yml', line: 25, column: 9 } },
		]);
		expect(schemaIssues(output)).toEqual([]);
	});

	it("holds the group's first jobs back by the group's requires, and a job after the group waits for its last", () => {
		expect(requires(output, 'main-workflow', 'deploy')).toEqual(['build']);
		expect(requires(output, 'main-workflow', 'release')).toEqual(['deploy']);
		expect(requires(output, 'main-workflow', 'notify')).toEqual(['release']);
	});

	it('no longer reports job-groups as not modelled', () => {
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
	});

	it('keeps a serial group on the group, and a status a job after it waits for', () => {
		const o = config(yaml`
			job-groups:
			  ship:
			    jobs: [deploy, release]
			workflows:
			  main:
			    jobs:
			      - ship:
			          serial-group: << pipeline.project.slug >>/deploy
			      - notify:
			          requires:
			            - ship: [success, failed]
		`);
		expect(errors(o)).toEqual([]);
		expect(workflow(o, 'main').jobGroups?.[0]?.concurrency).toEqual({ group: '<< pipeline.project.slug >>/deploy' });
		// Both jobs wait for nothing in the group, so both are its last.
		expect(entry(o, 'main', 'notify').requires).toEqual([
			{ entry: 'deploy', status: ['success', 'failed'] },
			{ entry: 'release', status: ['success', 'failed'] },
		]);
	});

	it("reads a group's jobs as a workflow's: arguments, matrices, approvals, filters", () => {
		const o = config(yaml`
			job-groups:
			  verify:
			    jobs:
			      - smoke:
			          matrix:
			            parameters:
			              env: [staging, production]
			      - hold:
			          type: approval
			          requires: [smoke]
			      - release:
			          requires: [hold]
			          filters:
			            branches:
			              only: main
			workflows:
			  main:
			    jobs:
			      - verify
		`);
		expect(errors(o)).toEqual([]);
		expect(ids(o, 'main')).toEqual(['smoke-staging', 'smoke-production', 'hold', 'release']);
		expect(entry(o, 'main', 'smoke-staging')).toMatchObject({ parameters: { env: 'staging' }, jobGroup: 'verify' });
		expect(requires(o, 'main', 'hold')).toEqual(['smoke-staging', 'smoke-production']);
		expect(entry(o, 'main', 'hold')).toMatchObject({ approval: true, jobGroup: 'verify' });
		expect(entry(o, 'main', 'release').filters).toBeDefined();
	});

	it('keeps two runs of one group apart by their names', () => {
		const o = config(yaml`
			job-groups:
			  ship:
			    jobs:
			      - deploy
			      - release: {requires: [deploy]}
			workflows:
			  main:
			    jobs:
			      - ship: {name: ship-staging}
			      - ship: {name: ship-production, requires: [ship-staging]}
		`);
		expect(errors(o)).toEqual([]);
		expect(ids(o, 'main')).toEqual(['ship-staging/deploy', 'ship-staging/release', 'ship-production/deploy', 'ship-production/release']);
		expect(requires(o, 'main', 'ship-staging/release')).toEqual(['ship-staging/deploy']);
		expect(requires(o, 'main', 'ship-production/deploy')).toEqual(['ship-staging/release']);
		expect(workflow(o, 'main').jobGroups?.map((g) => [g.id, g.definition, g.entries])).toEqual([
			['ship-staging', 'ship', ['ship-staging/deploy', 'ship-staging/release']],
			['ship-production', 'ship', ['ship-production/deploy', 'ship-production/release']],
		]);
	});

	it('reports, where they are written, what CircleCI refuses of a group', () => {
		const o = config(yaml`
			job-groups:
			  ship:
			    jobs:
			      - deploy:
			          serial-group: deploys
			      - release:
			          requires: [build]
			      - checks
			  checks:
			    jobs:
			      - notify: {name: notify-checks}
			workflows:
			  main:
			    jobs:
			      - build
			      - checks
			      - ship:
			          context: aws
			          env: prod
			      - notify:
			          requires: [deploy]
		`);
		const found = errors(o).map((d) => `${at(d)} ${d.message}`);
		expect(found).toEqual([
			'18:11 A job of a job group cannot have its own `serial-group`',
			'20:22 `release` requires `build`, which is not a job of its job group `ship`',
			'21:9 Job group `ship` runs job group `checks`; CircleCI does not nest groups',
			'31:11 `context` cannot be set where a workflow runs job group `ship`',
			'32:11 `env` cannot be set where a workflow runs job group `ship`',
			'34:22 `notify` requires `deploy`, a job of job group `ship`: only the whole group can be required',
		]);
		expect(errors(o).find((d) => d.message.includes('`release` requires'))?.hint).toBe('A job of a group waits only for jobs of the same group: put `requires: [build]` where the workflow runs `ship`.');
		expect(errors(o).find((d) => d.message.includes('`notify` requires'))?.hint).toBe('Require `ship`: the jobs after it wait for all of its jobs.');
	});

	it('warns of a group no workflow runs, a group named like a job, and keys a group does not have', () => {
		const o = config(yaml`
			job-groups:
			  idle:
			    jobs: [deploy]
			  build:
			    description: same name as a job
			    jobs: [notify]
			workflows:
			  main:
			    jobs: [build]
		`);
		expect(errors(o)).toEqual([]);
		const warnings = o.diagnostics!.filter((d) => d.severity === 'warning').map((d) => `${at(d)} ${d.code} ${d.message}`);
		expect(warnings).toEqual([
			'15:3 unused-job-group Job group `idle` is not run by any workflow',
			'17:3 name-clash `build` names both a job and a job group; a workflow that lists `build` runs the group',
			'18:5 unknown-key `description` is not a key CircleCI accepts in a job group; Pipeline Atlas leaves it out',
		]);
		// The workflow's `- build` runs the group.
		expect(ids(o, 'main')).toEqual(['notify']);
	});

	it('suggests a group for a misspelt name, and reports a group that requires itself or is run twice under one name', () => {
		const o = config(yaml`
			job-groups:
			  ship:
			    jobs: [deploy]
			workflows:
			  main:
			    jobs:
			      - shipp
			      - ship: {requires: [ship]}
			      - ship
		`);
		const found = errors(o).map((d) => `${at(d)} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
		expect(found).toEqual([
			// Run twice, the group's jobs are prefixed with the runs' names: the same name twice.
			'16:12 Workflow `main` runs two jobs named `ship/deploy` (Give one of them a distinct `name:`.)',
			'20:9 Workflow job `shipp` is not defined (Did you mean `ship`?)',
			'21:27 Job group `ship` requires itself',
			'22:9 Workflow `main` runs two job groups or jobs named `ship` (Give one of them a distinct `name:`.)',
		]);
	});
});
