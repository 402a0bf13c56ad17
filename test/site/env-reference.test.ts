import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import type { Run } from '../../src/model';
import { envEntries } from '../../src/site/env-reference';
import { withPostgresService } from '../support/bitbucket';

const config = `version: 2.1
jobs:
  deploy:
    docker: [{ image: cimg/base:2024.02 }]
    environment:
      APP_NAME: lettings
      DEPLOY_TOKEN: not-a-real-one
    steps:
      - run:
          name: Deploy
          command: deploy --app "$APP_NAME" --branch "$CIRCLE_BRANCH" --token "$DEPLOY_TOKEN" --to "$TARGET_HOST"
workflows:
  main:
    jobs: [deploy]
`;
const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.circleci/config.yml', text: config }] });
const run: Run = {
	id: 'r1', group: 'r1', pipelineId: pipeline!.id, provider: 'circleci', format: 'circleci-api', job: 'deploy', status: 'success', files: [], diagnostics: [],
	steps: [{ index: 1, name: 'Deploy', status: 'success', lines: ['deploying with CIRCLE_BRANCH=main'], sections: [], marks: [] }],
};
const entries = new Map(envEntries(pipeline!, [run]).map((e) => [e.name, e]));

describe('envEntries', () => {
	it('describes a built-in from the catalog, links the step reading it and the runs naming it', () => {
		const branch = entries.get('CIRCLE_BRANCH')!;
		expect(branch.kind).toBe('builtin');
		expect(branch.description).toMatch(/branch/i);
		expect(branch.reference).toMatch(/^https:\/\/circleci\.com\//);
		expect(branch.usedBy).toEqual([{ jobId: 'deploy', stepId: '1' }]);
		expect(branch.runs).toEqual(['r1']);
		expect(branch.anchor).toBe('p--CIRCLE_BRANCH');
	});
	it('shows a defined value with where it is defined', () => {
		const app = entries.get('APP_NAME')!;
		expect(app.kind).toBe('defined');
		expect(app.definitions[0]).toMatchObject({ scope: 'job', value: 'lettings', jobId: 'deploy' });
		expect(app.definitions[0]!.location?.line).toBe(6);
	});
	it('never carries the value of a secret, even one written in the config', () => {
		const token = entries.get('DEPLOY_TOKEN')!;
		expect(token.kind).toBe('secret');
		expect(JSON.stringify(token)).not.toContain('not-a-real-one');
	});
	it('calls a variable read but defined nowhere a project setting', () => {
		expect(entries.get('TARGET_HOST')).toMatchObject({ kind: 'project', runs: [] });
	});
});

describe('envEntries, a variable given to another', () => {
	const gitlab = [
		'variables:',
		'  DB_PASSWORD: $TEST_DB_PASSWORD',
		'test:',
		'  services:',
		'    - name: postgres:16',
		'      alias: db',
		'  variables:',
		'    IMAGE: $REGISTRY_HOST/app',
		'  script:',
		'    - make test',
		'lint:',
		'  variables:',
		'    IMAGE: $REGISTRY_HOST/app',
		'  script:',
		'    - make lint',
	].join('\n');
	const [pipeline] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text: gitlab }] });
	const entries = new Map(envEntries(pipeline!).map((e) => [e.name, e]));

	it('shows a secret set from another variable by the name it is set from, never more', () => {
		const password = entries.get('DB_PASSWORD')!;
		expect(password.kind).toBe('secret');
		expect(password.definitions[0]).toMatchObject({ scope: 'pipeline', valueFrom: '$TEST_DB_PASSWORD' });
		expect(password.definitions[0]!.value).toBeUndefined();
	});

	it('says which of the config’s variables take their value from it, each once with its jobs', () => {
		expect(entries.get('TEST_DB_PASSWORD')).toMatchObject({ kind: 'secret', usedBy: [], givenTo: [{ name: 'DB_PASSWORD', scope: 'pipeline', jobIds: [] }] });
		expect(entries.get('REGISTRY_HOST')?.givenTo).toEqual([{ name: 'IMAGE', jobIds: ['test', 'lint'] }]);
		expect(entries.get('IMAGE')?.givenTo).toEqual([]);
	});

	it('says GitLab passes the config’s variables to the services of the jobs that get them, and only those', () => {
		// The pipeline's own variable reaches every job; a job's, its own job.
		expect(entries.get('DB_PASSWORD')?.services).toEqual([{ image: 'postgres:16', jobIds: ['test'] }]);
		expect(entries.get('IMAGE')?.services).toEqual([{ image: 'postgres:16', jobIds: ['test'] }]);
		// A project's variable, set in GitLab's settings, is said nowhere in the config: not listed.
		expect(entries.get('TEST_DB_PASSWORD')?.services).toEqual([]);
		// A variable of a job without services, and a job's secret from Vault: no service gets them.
		const more = gitlab.replace('lint:\n  variables:', 'lint:\n  variables:\n    LINT_ONLY: x').replace('test:\n', 'test:\n  secrets:\n    VAULT_DB:\n      vault: production/db/password@ops\n');
		const other = new Map(envEntries(assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text: more }] })[0]!).map((e) => [e.name, e]));
		expect(other.get('LINT_ONLY')?.services).toEqual([]);
		expect(other.get('VAULT_DB')?.kind).toBe('secret');
		expect(other.get('VAULT_DB')?.services).toEqual([]);
		// Bitbucket's services have variables of their own (as GitHub's and CircleCI's have).
		expect(envEntries(withPostgresService(['POSTGRES_PASSWORD: secret'])).every((e) => e.services.length === 0)).toBe(true);
	});
});

describe('envEntries, a variable given to a container or to its own name', () => {
	it('names the service whose environment takes it, and not a variable set from the secret of its own name', () => {
		const bb = withPostgresService(['POSTGRES_PASSWORD: $TEST_DB_PASSWORD']);
		const secret = envEntries(bb).find((e) => e.name === 'TEST_DB_PASSWORD');
		expect(secret?.givenTo).toEqual([{ name: 'POSTGRES_PASSWORD', container: { name: 'postgres', service: true }, jobIds: [bb.jobs[0]!.id] }]);

		const workflow = ['on: push', 'env:', '  VERCEL_TOKEN: ${{ secrets.VERCEL_TOKEN }}', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: vercel --token "$VERCEL_TOKEN"'].join('\n');
		const [gh] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.github/workflows/a.yml', text: workflow }] });
		expect(envEntries(gh!).find((e) => e.name === 'VERCEL_TOKEN')).toMatchObject({ kind: 'secret', givenTo: [] });
	});
});

describe('envEntries, a step a workflow adds around a job', () => {
	it('lists a variable only a pre-step reads, with the step, its workflow and its job', () => {
		const circleci = [
			'version: 2.1',
			'jobs:',
			'  release:',
			'    docker: [{ image: cimg/base:stable }]',
			'    steps:',
			'      - run: make release',
			'workflows:',
			'  release-production:',
			'    jobs:',
			'      - release:',
			'          pre-steps:',
			'            - run:',
			'                name: Announce the release',
			'                command: echo "Releasing $CIRCLE_TAG"',
			'          post-steps:',
			'            - run:',
			'                name: Say it is out',
			'                command: notify "$RELEASE_CHANNEL"',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'c', displayPrefix: 'c/', files: [{ path: '.circleci/config.yml', text: circleci }] });
		const entries = new Map(envEntries(pipeline!).map((e) => [e.name, e]));
		expect(entries.get('CIRCLE_TAG')).toMatchObject({
			kind: 'builtin',
			usedBy: [],
			readAround: [{ step: 'Announce the release', workflowId: 'release-production', workflowName: 'release-production', jobId: 'release', before: true }],
		});
		expect(entries.get('RELEASE_CHANNEL')).toMatchObject({ kind: 'project', readAround: [{ step: 'Say it is out', before: false }] });
		// Located at the post-step that reads it, for the note on a variable defined nowhere.
		expect(pipeline!.diagnostics.find((d) => d.code === 'undefined-variable')?.location.line).toBe(16);
	});
});

describe('envEntries, a pre-step’s own variables and variables of one name at two levels', () => {
	it('counts a variable a pre-step sets as defined in its job, not as a project setting', () => {
		const circleci = [
			'version: 2.1',
			'jobs:',
			'  release:',
			'    docker: [{ image: cimg/base:stable }]',
			'    steps: [{ run: make release }]',
			'workflows:',
			'  main:',
			'    jobs:',
			'      - release:',
			'          pre-steps:',
			'            - run:',
			'                name: Greet',
			'                command: echo "$GREETING"',
			'                environment:',
			'                  GREETING: hello',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'c', displayPrefix: 'c/', files: [{ path: '.circleci/config.yml', text: circleci }] });
		expect(pipeline!.diagnostics.filter((d) => d.code === 'undefined-variable')).toEqual([]);
		expect(envEntries(pipeline!).find((e) => e.name === 'GREETING')).toMatchObject({ kind: 'defined', definitions: [{ value: 'hello', jobId: 'release' }], readAround: [{ step: 'Greet' }] });
	});

	it('says a pipeline’s variable and a job’s variable of one name apart', () => {
		const gitlab = ['variables:', '  IMAGE: $REGISTRY/app', 'test:', '  variables:', '    IMAGE: $REGISTRY/test', '  script: [make]'].join('\n');
		const [pipeline] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text: gitlab }] });
		expect(envEntries(pipeline!).find((e) => e.name === 'REGISTRY')?.givenTo).toEqual([
			{ name: 'IMAGE', scope: 'pipeline', jobIds: [] },
			{ name: 'IMAGE', jobIds: ['test'] },
		]);
	});
});

describe('envEntries, a variable the conditions read', () => {
	it('lists the variables a job’s rules read, with the jobs they decide', () => {
		const gitlab = [
			'build:',
			'  script: [make]',
			'deploy:',
			'  rules:',
			'    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
			'    - if: $DEPLOY_ANYWAY == "yes"',
			'      when: manual',
			'  script: [make deploy]',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text: gitlab }] });
		const entries = new Map(envEntries(pipeline!).map((e) => [e.name, e]));
		expect(entries.get('CI_COMMIT_BRANCH')).toMatchObject({ kind: 'builtin', usedBy: [], inConditions: ['deploy'] });
		expect(entries.get('CI_DEFAULT_BRANCH')?.inConditions).toEqual(['deploy']);
		// Defined nowhere: a setting to ask for, located at the rules that read it.
		expect(entries.get('DEPLOY_ANYWAY')?.kind).toBe('project');
		expect(pipeline!.diagnostics.find((d) => d.code === 'undefined-variable' && d.message.includes('DEPLOY_ANYWAY'))?.location.line).toBe(4);
	});

	it('reads a GitHub `if:` written without ${{ }} as the expression it is', () => {
		const workflow = ['on: push', 'jobs:', '  deploy:', '    if: vars.DEPLOY_ENABLED == \'true\'', '    runs-on: ubuntu-latest', '    steps: [{ run: make }]'].join('\n');
		const [pipeline] = assembleFolder({ group: 'h', displayPrefix: 'h/', files: [{ path: '.github/workflows/d.yml', text: workflow }] });
		expect(envEntries(pipeline!).find((e) => e.name === 'DEPLOY_ENABLED')?.inConditions).toHaveLength(1);
	});
});

describe('envEntries, a variable offered for a pipeline run by hand', () => {
	it('carries GitLab’s description and choices of a prefilled variable, and nothing for a plain one', () => {
		const text = [
			'variables:',
			'  HELM_TIMEOUT:',
			'    description: How long a deploy waits for the pods',
			'    value: "5m"',
			'    options: ["5m", "10m"]',
			'  GOFLAGS: -mod=readonly',
			'deploy:',
			'  script: helm upgrade --timeout "$HELM_TIMEOUT" $GOFLAGS',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text }] });
		const entries = envEntries(pipeline!);
		expect(entries.find((e) => e.name === 'HELM_TIMEOUT')?.offered).toEqual({ description: 'How long a deploy waits for the pods — Offered in GitLab’s Run pipeline form when the pipeline is run by hand', options: ['5m', '10m'] });
		expect(entries.find((e) => e.name === 'GOFLAGS')?.offered).toBeUndefined();
	});
});
