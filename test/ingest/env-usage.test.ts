import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import { valueReads, variablesIn } from '../../src/ingest/env-usage';
import { withPostgresService } from '../support/bitbucket';

const names = (text: string) => variablesIn(text).map((u) => `${u.source}:${u.name}`);

describe('variablesIn', () => {
	it('finds shell variables in both spellings, with default-value forms', () => {
		expect(names('docker build -t ${DOCKER_REPO}/web:$CIRCLE_SHA1 --build-arg X=${BUILD_ARG:-none} .')).toEqual([
			'shell:DOCKER_REPO',
			'shell:CIRCLE_SHA1',
			'shell:BUILD_ARG',
		]);
	});
	it('skips what the script sets itself, positional and special parameters, and command substitution', () => {
		expect(names('TAG=0.1.$CIRCLE_BUILD_NUM\ndocker push img:$TAG\nfor f in *; do echo $f $1 $? $$; done\necho $(date)')).toEqual(['shell:CIRCLE_BUILD_NUM']);
	});
	it('reads GitHub expressions by context, never mistaking them for shell syntax', () => {
		expect(names('deploy --token ${{ secrets.VERCEL_TOKEN }} --env ${{ env.STAGE }} --org ${{ vars.ORG }} ${{ github.sha }}')).toEqual([
			'secrets:VERCEL_TOKEN',
			'env:STAGE',
			'vars:ORG',
		]);
	});
	it('reads CircleCI pipeline values', () => {
		expect(names('echo << pipeline.git.branch >> <<pipeline.number>>')).toEqual(['pipeline:pipeline.git.branch', 'pipeline:pipeline.number']);
	});
});

describe('withVariableUses (through the assembler)', () => {
	const gitlab = [
		'unit:',
		'  parallel:',
		'    matrix:',
		'      - GO_VERSION: ["1.22", "1.23"]',
		'  image: golang:$GO_VERSION',
		'  script:',
		'    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin',
		'    - deploy --to "$TEAM_TARGET" --sha "$CI_COMMIT_SHA"',
	].join('\n');
	const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text: gitlab }] });
	const env = new Map(pipeline!.env.map((v) => [v.name, v]));

	it('links each variable to the steps that read it', () => {
		expect(env.get('CI_COMMIT_SHA')).toMatchObject({ scope: 'builtin', secret: false, usedBy: ['unit#1'] });
	});
	it('keeps a built-in the catalog calls secret secret', () => {
		expect(env.get('CI_REGISTRY_PASSWORD')).toMatchObject({ scope: 'builtin', secret: true });
		expect(env.get('CI_REGISTRY_PASSWORD')?.value).toBeUndefined();
	});
	it('reports a variable read but defined nowhere as a project setting', () => {
		expect(env.get('TEAM_TARGET')).toMatchObject({ scope: 'project', secret: false });
		const note = pipeline!.diagnostics.find((d) => d.code === 'undefined-variable');
		expect(note?.message).toContain('TEAM_TARGET');
		expect(note?.location.file).toBe('p/.gitlab-ci.yml');
	});
	it('counts GitLab matrix variables as defined by the job, with their values', () => {
		expect(env.has('GO_VERSION')).toBe(false);
		expect(pipeline!.jobs[0]!.env.find((v) => v.name === 'GO_VERSION')).toMatchObject({ scope: 'job', value: '1.22 | 1.23' });
		expect(pipeline!.diagnostics.some((d) => d.message.includes('GO_VERSION'))).toBe(false);
	});
});

describe('withVariableUses, a step’s own variables', () => {
	it('links a variable a step sets to the steps that read it', () => {
		const workflow = [
			'on: push',
			'jobs:',
			'  e2e:',
			'    runs-on: ubuntu-latest',
			'    steps:',
			'      - name: Wait for the app',
			'        env:',
			'          BASE_URL: https://staging.example.com',
			'        run: npx wait-on "$BASE_URL"',
			'      - name: Another step, its own BASE_URL from elsewhere',
			'        run: curl "$BASE_URL"',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.github/workflows/e2e.yml', text: workflow }] });
		const step = pipeline!.jobs[0]!.steps[0]!;
		// Only that step: a variable a step sets is that step's alone.
		expect(step.env.find((v) => v.name === 'BASE_URL')).toMatchObject({ scope: 'step', usedBy: [`${pipeline!.jobs[0]!.id}#${step.id}`] });
	});
});

describe('withVariableUses, a container’s own environment', () => {
	it('lists a variable a service container reads, though no step reads it', () => {
		const pipeline = withPostgresService(['POSTGRES_DB: $TEST_DB_NAME']);
		expect(pipeline.env.find((v) => v.name === 'TEST_DB_NAME')).toMatchObject({ scope: 'project', usedBy: [] });
	});
});

describe('withVariableUses, a secret set from another variable', () => {
	it('shows a secret-named service variable set from a secured variable by that name, and lists the variable it reads', () => {
		const pipeline = withPostgresService(['POSTGRES_PASSWORD: $TEST_DB_PASSWORD', 'POSTGRES_TOKEN: literal-and-$TEST_DB_PASSWORD']);
		const service = pipeline.jobs[0]!.services[0]!;
		expect(service.env?.find((v) => v.name === 'POSTGRES_PASSWORD')).toMatchObject({ secret: true, valueFrom: '$TEST_DB_PASSWORD' });
		// A literal beside the reference is a value: hidden, references and all.
		const mixed = service.env?.find((v) => v.name === 'POSTGRES_TOKEN');
		expect(mixed).toMatchObject({ secret: true });
		expect(mixed?.value ?? mixed?.valueFrom).toBeUndefined();
		expect(pipeline.env.find((v) => v.name === 'TEST_DB_PASSWORD')).toMatchObject({ scope: 'secret', secret: true, usedBy: [] });
	});

	it('shows a GitHub variable set from a secret as the expression naming it, and counts the step reading the secret', () => {
		const workflow = [
			'on: push',
			'env:',
			'  DEPLOY_KEY: ${{ secrets.PROD_DEPLOY_KEY }}',
			'jobs:',
			'  publish:',
			'    runs-on: ubuntu-latest',
			'    steps:',
			'      - env:',
			'          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
			'        run: npm publish',
		].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.github/workflows/publish.yml', text: workflow }] });
		const job = pipeline!.jobs[0]!;
		expect(job.steps[0]!.env[0]).toMatchObject({ name: 'NODE_AUTH_TOKEN', secret: true, valueFrom: '${{ secrets.NPM_TOKEN }}' });
		expect(pipeline!.env.find((v) => v.name === 'NPM_TOKEN')).toMatchObject({ scope: 'secret', usedBy: [`${job.id}#${job.steps[0]!.id}`] });
		expect(pipeline!.env.find((v) => v.name === 'PROD_DEPLOY_KEY')).toMatchObject({ scope: 'secret', usedBy: [] });
	});

	it.each(['false', 'no', 'off', 'False'])('hides a GitLab secret whose `$` GitLab takes as written (`expand: %s`): it is a literal then', (expand) => {
		const text = ['variables:', '  DB_PASSWORD:', '    value: $SECRET_VALUE', `    expand: ${expand}`, '  API_TOKEN: $CI_JOB_TOKEN', 'job:', '  script: [make]'].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text }] });
		expect(JSON.stringify(pipeline)).not.toContain('SECRET_VALUE');
		expect(pipeline!.diagnostics.some((d) => d.code === 'secret-in-config' && d.message.includes('DB_PASSWORD'))).toBe(true);
		expect(pipeline!.env.find((v) => v.name === 'API_TOKEN')).toMatchObject({ secret: true, valueFrom: '$CI_JOB_TOKEN' });
	});

	it('hides a GitLab secret that looks like a reference to no conventional name (a generated password)', () => {
		const text = ['variables:', '  DB_PASSWORD: $Kx9vTq2', 'job:', '  script: [make]'].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text }] });
		expect(JSON.stringify(pipeline)).not.toContain('Kx9vTq2');
	});

	it('reads nothing in an ordinary GitLab variable taken as written, nor in a Heroku config var', () => {
		const text = ['variables:', '  PATTERN:', '    value: $NOT_A_VARIABLE', '    expand: false', 'job:', '  script: [echo "$PATTERN"]'].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text }] });
		expect(pipeline!.env.find((v) => v.name === 'PATTERN')).toMatchObject({ value: '$NOT_A_VARIABLE', literal: true });
		expect(pipeline!.env.map((v) => v.name)).not.toContain('NOT_A_VARIABLE');
		expect(valueReads('heroku')({ name: 'X', source: 'shell' })).toBe(false);
	});
});

describe('withVariableUses, the values of the config’s own variables', () => {
	it('reads a GitLab variable’s value as GitLab expands it, at the job that defines it', () => {
		const text = ['build:', '  variables:', '    IMAGE: $REGISTRY_HOST/app:$CI_COMMIT_SHA', '  script:', '    - docker build -t "$IMAGE" .'].join('\n');
		const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text }] });
		expect(pipeline!.env.find((v) => v.name === 'REGISTRY_HOST')).toMatchObject({ scope: 'project', usedBy: [] });
		expect(pipeline!.env.find((v) => v.name === 'CI_COMMIT_SHA')).toMatchObject({ scope: 'builtin' });
		expect(pipeline!.diagnostics.find((d) => d.code === 'undefined-variable' && d.message.includes('REGISTRY_HOST'))?.location.line).toBe(3);
	});

	it('reads no `$X` in a CircleCI or GitHub value, which those CIs pass on as written, but reads what they do expand', () => {
		const circleci = [
			'version: 2.1',
			'jobs:',
			'  build:',
			'    docker: [{ image: cimg/base:stable }]',
			'    environment:',
			'      LITERAL: $NOT_EXPANDED',
			'      BRANCH: << pipeline.git.branch >>',
			'    steps:',
			'      - run:',
			'          command: make',
			'          environment:',
			'            ALSO_LITERAL: $NOT_EXPANDED_EITHER',
			'workflows:',
			'  main:',
			'    jobs: [build]',
		].join('\n');
		const [circle] = assembleFolder({ group: 'c', displayPrefix: 'c/', files: [{ path: '.circleci/config.yml', text: circleci }] });
		const names = circle!.env.map((v) => v.name);
		expect(names).not.toContain('NOT_EXPANDED');
		expect(names).not.toContain('NOT_EXPANDED_EITHER');
		expect(names).toContain('pipeline.git.branch');

		const workflow = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    env:', '      LITERAL: $NOT_EXPANDED', '      ORG: ${{ vars.ORG_NAME }}', '    steps:', '      - run: make'].join('\n');
		const [github] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.github/workflows/a.yml', text: workflow }] });
		expect(github!.env.map((v) => v.name)).not.toContain('NOT_EXPANDED');
		expect(github!.env.find((v) => v.name === 'ORG_NAME')).toMatchObject({ usedBy: [] });
	});
});

describe('withVariableUses, texts repeated across jobs', () => {
	const script = '    - deploy "$DEPLOY_TARGET" && notify "$DEPLOY_TARGET" "$NOTIFY_URL"';
	const text = ['a:', '  script:', script, 'b:', '  script:', script, '  after_script:', '    - echo "$NOTIFY_URL"', ''].join('\n');
	const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.gitlab-ci.yml', text }] });
	const env = new Map(pipeline!.env.map((v) => [v.name, v]));

	it('lists every step that reads a variable once, in order, however often the step reads it', () => {
		expect(env.get('DEPLOY_TARGET')?.usedBy).toEqual(['a#1', 'b#1']);
		expect(env.get('NOTIFY_URL')?.usedBy).toEqual(['a#1', 'b#1', 'b#2']);
	});

	it('reports an undefined variable once, at the first step that reads it', () => {
		const notes = pipeline!.diagnostics.filter((d) => d.code === 'undefined-variable' && d.message.includes('`DEPLOY_TARGET`'));
		expect(notes.map((d) => d.location.line)).toEqual([3]);
	});
});
