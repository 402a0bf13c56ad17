import { describe, expect, it } from 'vitest';
import { whatRuns, type CiEvent, type EvaluablePipeline } from '../../../src/evaluate/runs';
import { describeTrigger } from '../../../src/describe/filters';
import { explainStep } from '../../../src/knowledge/explain';
import { stepKind } from '../../../src/knowledge/step-kinds';
import { Pipeline } from '../../../src/model';
import { parseBitbucketConfig } from '../../../src/providers/bitbucket';
import type { ProviderOutput } from '../../../src/providers/types';

const CONFIG = `image: node:20

clone:
  depth: 10

options:
  max-time: 30

definitions:
  caches:
    pnpm: ~/.pnpm-store
    deps:
      key:
        files: [package-lock.json]
      path: node_modules
  services:
    postgres:
      image: postgres:16
      variables:
        POSTGRES_DB: app
        POSTGRES_PASSWORD: let-me-in
  steps:
    - step: &test
        name: Test
        caches: [node, deps]
        services: [postgres]
        script:
          - npm ci
          - npm test
        after-script:
          - ./report.sh
        artifacts:
          - coverage/**

pipelines:
  default:
    - step: *test
  branches:
    main:
      - step: *test
      - parallel:
          - step:
              name: Lint
              script: [npm run lint]
          - step:
              name: Build
              size: 2x
              services: [docker]
              script:
                - docker build -t app .
              condition:
                changesets:
                  includePaths: ["src/**", Dockerfile]
      - stage:
          name: Ship to staging
          deployment: staging
          trigger: manual
          steps:
            - step:
                name: Migrate
                script: [./migrate.sh]
            - step:
                name: Deploy
                script:
                  - pipe: atlassian/aws-ecs-deploy:1.12.0
                    variables:
                      AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID
                      AWS_SECRET_ACCESS_KEY: hunter2hunter2
                      CLUSTER_NAME: staging
    "release/*":
      - step:
          script: [echo release branch]
    "{feature/*,hotfix/*}":
      - step: *test
  tags:
    "v*":
      - step: *test
      - step:
          name: Release
          deployment: production
          trigger: manual
          max-time: 15
          script: [./release.sh]
  pull-requests:
    "**":
      - step: *test
  custom:
    reindex:
      - variables:
          - name: INDEX
            default: products
            allowed-values: [products, users]
            description: Which index to rebuild
      - step:
          name: Reindex
          oidc: true
          script: [./reindex.sh $INDEX]
`;

const output = parseBitbucketConfig({ path: 'bitbucket-pipelines.yml', text: CONFIG });
/** As the assembler hands it on: the schema's defaults filled in. */
const pipeline = Pipeline.parse({ ...output, id: 'x', group: 'x', title: 'x', provider: 'bitbucket', jobs: output.jobs.map((j) => ({ ...j, slug: j.id })) });

function job(id: string) {
	const found = pipeline.jobs.find((j) => j.id === id);
	if (!found) throw new Error(`no job ${id} (have ${output.jobs.map((j) => j.id).join(', ')})`);
	return found;
}

function workflow(id: string) {
	const found = pipeline.workflows.find((w) => w.id === id);
	if (!found) throw new Error(`no workflow ${id} (have ${output.workflows?.map((w) => w.id).join(', ')})`);
	return found;
}

function evaluable(out: ProviderOutput): EvaluablePipeline {
	return { provider: 'bitbucket', defaultBranch: 'main', workflows: out.workflows as EvaluablePipeline['workflows'] };
}

/** Workflow ids that run (or may run) for an event. */
function started(out: ProviderOutput, event: CiEvent): string[] {
	return whatRuns(evaluable(out), event)
		.filter((w) => w.verdict !== 'skipped')
		.map((w) => w.workflow);
}

describe('Bitbucket Pipelines provider', () => {
	it('yields a valid pipeline without errors or warnings beyond the secrets written in it (a service password, a pipe variable)', () => {
		const result = Pipeline.safeParse({ ...output, id: 'x', group: 'x', title: 'x', provider: 'bitbucket', jobs: output.jobs.map((j) => ({ ...j, slug: j.id })) });
		expect(result.success, result.error?.message).toBe(true);
		expect(output.diagnostics?.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.location.line}`)).toEqual(['secret-in-config 21', 'secret-in-config 68']);
		// Only keys Pipeline Atlas does not show are reported as such, with their place.
		expect(output.diagnostics?.filter((d) => d.code === 'not-modelled').map((d) => `${d.message.split(' ')[0]} ${d.location.line}:${d.location.column}`)).toEqual(['`oidc` 96:11']);
	});

	it('reads each pipeline as a workflow, its steps in order and parallel steps side by side', () => {
		expect(output.workflows?.map((w) => w.id)).toEqual(['default', 'branches/main', 'branches/release/*', 'branches/{feature/*,hotfix/*}', 'tags/v*', 'pull-requests/**', 'custom/reindex']);
		const main = workflow('branches/main');
		expect(main.entries.map((e) => [e.id, e.requires.map((r) => r.entry)])).toEqual([
			['Test', []],
			['Lint', ['Test']],
			['Build', ['Test']],
			['Migrate', ['Lint', 'Build']],
			['Deploy', ['Migrate']],
		]);
		// A manual stage waits for a person before its first step only.
		expect(main.entries.filter((e) => e.approval).map((e) => e.id)).toEqual(['Migrate']);
		expect(main.entries.find((e) => e.id === 'Build')?.filters?.paths).toEqual({ only: [{ kind: 'glob', value: 'src/**' }, { kind: 'glob', value: 'Dockerfile' }] });
	});

	it('makes one job of a step reused through an alias, and names an unnamed step `Build`', () => {
		expect(output.jobs.map((j) => j.id)).toEqual(['Test', 'Lint', 'Build', 'Migrate', 'Deploy', 'Build (2)', 'Release', 'Reindex']);
		expect(workflow('pull-requests/**').entries.map((e) => e.jobId)).toEqual(['Test']);
		expect(job('Build (2)').name).toBe('Build (2)');
	});

	it('models the build setup and teardown around the script: clone, caches, artifacts', () => {
		const test = job('Test');
		expect(test.steps?.map((s) => [s.kind, s.name])).toEqual([
			['checkout', 'Clone the repository'],
			['cache-restore', 'Download the node cache'],
			['cache-restore', 'Download the deps cache'],
			['run', 'npm ci'],
			['run', 'npm test'],
			['run', './report.sh'],
			['cache-save', 'Upload the node cache'],
			['cache-save', 'Upload the deps cache'],
			['workspace-persist', 'Upload artifacts'],
		]);
		expect(test.steps?.[0]?.with).toEqual({ depth: '10' });
		expect(test.steps?.[2]).toMatchObject({ keys: ['deps-{{ files: package-lock.json }}'], paths: ['node_modules'] });
		expect(test.steps?.[5]).toMatchObject({ keyword: 'after-script', condition: 'always' });
		expect(test.timeout).toBe('30 minutes');
		expect(test.executor).toMatchObject({ kind: 'docker', images: [{ image: 'node:20' }] });
		// The service's password is hidden; its other variables are kept.
		expect(test.services).toEqual([
			{
				image: 'postgres:16',
				name: 'postgres',
				env: [
					{ name: 'POSTGRES_DB', value: 'app', secret: false, scope: 'executor', definedAt: expect.anything(), usedBy: [] },
					{ name: 'POSTGRES_PASSWORD', secret: true, scope: 'executor', definedAt: expect.anything(), usedBy: [] },
				],
			},
		]);
		expect(JSON.stringify(output)).not.toContain('let-me-in');
	});

	it('reads sizes, the Docker service, pipes and their variables, a secret value hidden', () => {
		expect(job('Build').executor.resourceClass).toBe('2x');
		expect(job('Build').services).toEqual([{ image: 'docker', name: 'docker' }]);
		const pipe = job('Deploy').steps?.find((s) => s.kind === 'action');
		expect(pipe).toMatchObject({ keyword: 'pipe', name: 'atlassian/aws-ecs-deploy', uses: 'atlassian/aws-ecs-deploy:1.12.0', with: { AWS_ACCESS_KEY_ID: '$AWS_ACCESS_KEY_ID', AWS_SECRET_ACCESS_KEY: '[hidden]', CLUSTER_NAME: 'staging' } });
		expect(JSON.stringify(output)).not.toContain('hunter2hunter2');
	});

	it('deploys a stage’s steps to its environment and a tag’s release to production', () => {
		expect(output.deployTargets?.map((t) => [t.id, t.tier, t.jobs])).toEqual([
			['staging', 'staging', ['Migrate', 'Deploy']],
			['production', 'production', ['Release']],
		]);
		expect(job('Release').timeout).toBe('15 minutes');
		expect(workflow('tags/v*').entries.map((e) => [e.id, e.approval])).toEqual([
			['Test', false],
			['Release', true],
		]);
	});

	it('takes a custom pipeline’s variables as its parameters', () => {
		expect(output.parameters).toEqual([
			{ name: 'INDEX', type: 'string', description: 'Which index to rebuild — Asked for when the custom pipeline `reindex` is run by hand', default: 'products', enum: ['products', 'users'], location: expect.anything() },
		]);
		expect(workflow('custom/reindex').triggers.map((t) => t.event)).toEqual(['manual']);
	});

	it('runs one pipeline per push: the most specific branch pattern that matches, else default', () => {
		expect(started(output, { kind: 'branch', name: 'main' })).toEqual(['branches/main']);
		expect(started(output, { kind: 'branch', name: 'feature/login' })).toEqual(['branches/{feature/*,hotfix/*}']);
		expect(started(output, { kind: 'branch', name: 'hotfix/1' })).toEqual(['branches/{feature/*,hotfix/*}']);
		expect(started(output, { kind: 'branch', name: 'release/2.0' })).toEqual(['branches/release/*']);
		// `*` stops at a slash: a deeper branch falls back to default.
		expect(started(output, { kind: 'branch', name: 'feature/a/b' })).toEqual(['default']);
		expect(started(output, { kind: 'branch', name: 'develop' })).toEqual(['default']);
		expect(started(output, { kind: 'tag', name: 'v1.2.0' })).toEqual(['tags/v*']);
		expect(started(output, { kind: 'tag', name: 'nightly' })).toEqual([]);
		expect(started(output, { kind: 'pull_request', branch: 'feature/login' })).toEqual(['pull-requests/**']);
	});

	it('names a branch written like a number as written: `1.0` is the branch 1.0, not 1', () => {
		const numbered = parseBitbucketConfig({ path: 'bitbucket-pipelines.yml', text: 'pipelines:\n  branches:\n    1.0:\n      - step: {name: a, script: [a]}\n    2:\n      - step: {name: b, script: [b]}\n' });
		expect(numbered.workflows?.map((w) => w.id)).toEqual(['branches/1.0', 'branches/2']);
		expect(started(numbered, { kind: 'branch', name: '1.0' })).toEqual(['branches/1.0']);
		expect(started(numbered, { kind: 'branch', name: '1' })).toEqual([]);
	});

	it('prefers an exact branch name, then the longer fixed beginning, as Bitbucket does', () => {
		const specific = parseBitbucketConfig({
			path: 'bitbucket-pipelines.yml',
			text: 'pipelines:\n  branches:\n    "feature/*":\n      - step: {name: a, script: [a]}\n    "feature/bb-*":\n      - step: {name: b, script: [b]}\n    feature/bb-123:\n      - step: {name: c, script: [c]}\n',
		});
		expect(started(specific, { kind: 'branch', name: 'feature/x' })).toEqual(['branches/feature/*']);
		expect(started(specific, { kind: 'branch', name: 'feature/bb-7' })).toEqual(['branches/feature/bb-*']);
		expect(started(specific, { kind: 'branch', name: 'feature/bb-123' })).toEqual(['branches/feature/bb-123']);
	});

	it('reports what is wrong with its place and what to do, and reads the rest', () => {
		const bad = parseBitbucketConfig({
			path: 'bitbucket-pipelines.yml',
			text: 'pipelines:\n  default:\n    - step:\n        name: a\n        scirpt: [x]\n        caches: [nope]\n        services: [redis]\n        size: 3x\n    - step:\n        name: b\n        script: [ok]\n  branchs:\n    main: []\n',
		});
		const found = (bad.diagnostics ?? []).filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.code} ${d.location.line}:${d.location.column}`);
		expect(found).toEqual([
			'warning misspelt-key 12:3',
			'warning misspelt-key 5:9',
			'error invalid-value 8:15',
			'error unknown-service 7:20',
			'error unknown-cache 6:18',
			'error missing-script 3:7',
		]);
		expect(bad.jobs.map((j) => j.id)).toEqual(['a', 'b']);
		const manual = parseBitbucketConfig({ path: 'bitbucket-pipelines.yml', text: 'pipelines:\n  default:\n    - step:\n        trigger: manual\n        script: [x]\n' });
		expect(manual.diagnostics?.map((d) => `${d.code} ${d.location.line}:${d.location.column}`)).toEqual(['manual-first-step 3:7']);
	});

	it('never throws: an empty file, a list, no pipelines', () => {
		for (const text of ['', '- a\n- b\n', 'image: node\n']) {
			const out = parseBitbucketConfig({ path: 'bitbucket-pipelines.yml', text });
			expect(out.diagnostics?.some((d) => d.severity === 'error')).toBe(true);
			expect(out.diagnostics?.every((d) => d.location.file === 'bitbucket-pipelines.yml' && d.location.line >= 1)).toBe(true);
		}
	});
});

describe('Bitbucket Pipelines provider, the finer points', () => {
	const parse = (text: string) => parseBitbucketConfig({ path: 'bitbucket-pipelines.yml', text });
	const problems = (out: ProviderOutput) => (out.diagnostics ?? []).filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.location.line}:${d.location.column}`);
	const typed = (out: ProviderOutput) => Pipeline.parse({ ...out, id: 'x', group: 'x', title: 'x', provider: 'bitbucket', jobs: out.jobs.map((j) => ({ ...j, slug: j.id })) });

	it('says which custom pipeline asks for each variable, when two ask for the same name', () => {
		const out = parse('pipelines:\n  custom:\n    deploy:\n      - variables:\n          - name: TARGET\n      - step: {name: d, script: [./deploy.sh]}\n    rollback:\n      - variables:\n          - name: TARGET\n      - step: {name: r, script: [./rollback.sh]}\n');
		expect(out.parameters?.map((p) => [p.name, p.description])).toEqual([
			['TARGET', 'Asked for when the custom pipeline `deploy` is run by hand'],
			['TARGET', 'Asked for when the custom pipeline `rollback` is run by hand'],
		]);
	});

	it('never keeps the default of a custom variable named like a secret', () => {
		const out = parse('pipelines:\n  custom:\n    rotate:\n      - variables:\n          - name: API_TOKEN\n            default: s3cr3t-value\n      - step: {name: r, script: [./rotate.sh]}\n');
		expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
		expect(problems(out)).toEqual(['secret-in-config 6:22']);
		expect(out.env).toEqual([{ name: 'API_TOKEN', secret: true, scope: 'workflow', definedAt: expect.anything(), usedBy: [] }]);
	});

	it('checks that allowed values come with a default among them', () => {
		const out = parse('pipelines:\n  custom:\n    c:\n      - variables:\n          - name: A\n            allowed-values: [x, y]\n          - name: B\n            default: z\n            allowed-values: [x, y]\n      - step: {name: r, script: [x]}\n');
		expect(problems(out)).toEqual(['missing-key 5:13', 'invalid-value 8:22']);
	});

	it('makes a step reused in a stage with a deployment a job of its own', () => {
		const out = parse(
			'definitions:\n  steps:\n    - step: &s\n        name: Smoke\n        script: [./smoke.sh]\npipelines:\n  default:\n    - step: *s\n  branches:\n    main:\n      - stage:\n          deployment: staging\n          steps:\n            - step: *s\n',
		);
		expect(out.jobs.map((j) => [j.id, j.deployTarget, j.location.line])).toEqual([
			['Smoke', undefined, 4],
			['Smoke (2)', 'staging', 4],
		]);
	});

	it('starts custom pipelines from the triggers block, its condition kept as written', () => {
		const out = parse(
			'pipelines:\n  custom:\n    lint:\n      - step: {name: l, script: [make lint]}\ntriggers:\n  repository-push:\n    - condition: glob(BITBUCKET_BRANCH, "feature/*")\n      pipelines: [lint, nope]\n',
		);
		expect(problems(out)).toEqual(['unknown-pipeline 8:25']);
		const lint = typed(out).workflows[0]!;
		expect(lint.triggers.map((t) => [t.event, t.filters?.expression])).toEqual([
			['manual', undefined],
			['push', 'glob(BITBUCKET_BRANCH, "feature/*")'],
		]);
		const [verdict] = whatRuns({ provider: 'bitbucket', defaultBranch: 'main', workflows: typed(out).workflows }, { kind: 'branch', name: 'feature/x' });
		expect(verdict).toMatchObject({ verdict: 'depends' });
		// Said as it is written, its case kept.
		expect(describeTrigger(lint.triggers[1]!, 'bitbucket')).toBe('Starts on a push (repository-push) — runs when `glob(BITBUCKET_BRANCH, "feature/*")`.');
	});

	it('never starts a pipeline of the triggers block on a tag push, as Bitbucket runs only `tags` pipelines for tags', () => {
		const out = parse('pipelines:\n  custom:\n    lint:\n      - step: {name: l, script: [make lint]}\ntriggers:\n  repository-push:\n    - pipelines: [lint]\n');
		const pipeline = { provider: 'bitbucket' as const, defaultBranch: 'main', workflows: typed(out).workflows };
		expect(whatRuns(pipeline, { kind: 'branch', name: 'any' })[0]).toMatchObject({ verdict: 'runs' });
		expect(whatRuns(pipeline, { kind: 'tag', name: 'v1' })[0]).toMatchObject({ verdict: 'skipped' });
	});

	it('names pipes and artifacts in Bitbucket’s words on the pages, and other CIs’ steps as before', () => {
		expect(stepKind(job('Deploy').steps.find((s) => s.keyword === 'pipe')!).label).toBe('Pipe');
		expect(stepKind(job('Test').steps.at(-1)!).label).toBe('Artifacts');
		expect(stepKind({ kind: 'workspace-persist', keyword: 'persist_to_workspace' }).label).toBe('Persist to workspace');
		expect(stepKind({ kind: 'action', keyword: 'uses' }).label).toBe('Action');
	});

	it('explains a `cd` or an `export` as lasting for the rest of the script: the lines of a step share one shell', () => {
		const cd = job('Test').steps.find((s) => s.command === 'npm ci')!;
		const explained = explainStep({ ...cd, command: 'cd app' }, { provider: 'bitbucket' });
		expect(JSON.stringify(explained)).toContain('the rest of the job’s script');
	});

	it('says a branch’s pipeline or a custom one may run on a schedule set up in Bitbucket, never a tag’s or a pull request’s', () => {
		const scheduled = whatRuns(evaluable(output), { kind: 'schedule', branch: 'main' });
		expect(scheduled.filter((w) => w.verdict !== 'skipped').map((w) => [w.workflow, w.verdict])).toEqual([
			['branches/main', 'depends'],
			['custom/reindex', 'depends'],
		]);
	});

	it('merges a step’s clone settings over the config’s, key by key', () => {
		const out = parse('clone:\n  lfs: true\n  depth: 5\npipelines:\n  default:\n    - step:\n        clone: {tags: true}\n        script: [x]\n    - step:\n        clone: {depth: full, enabled: true}\n        script: [y]\n    - step:\n        clone: {depth: fulll}\n        script: [z]\n');
		const [a, b, c] = typed(out).jobs;
		expect(a!.steps[0]!.with).toEqual({ depth: '5', lfs: 'true', tags: 'true' });
		expect(b!.steps[0]!.with).toEqual({ depth: 'full', lfs: 'true' });
		expect(c!.steps[0]!.with.depth).toBe('50');
		expect(problems(out)).toEqual(['invalid-value 13:24']);
	});

	it('keeps a runner’s labels and the size together, and lets after-script fail without failing the step', () => {
		const out = parse('pipelines:\n  default:\n    - step:\n        runs-on: [self.hosted, linux]\n        size: 4x\n        script: [x]\n        after-script: [./notify.sh]\n');
		const [job] = typed(out).jobs;
		expect(job!.executor).toMatchObject({ kind: 'runner', resourceClass: 'self.hosted, linux (4x)' });
		expect(job!.steps.at(-1)).toMatchObject({ keyword: 'after-script', condition: 'always', allowFailure: true });
	});

	it('shows which artifacts a step downloads when it chooses, and reports what it cannot read', () => {
		const out = parse(
			'pipelines:\n  default:\n    - step:\n        artifacts: {download: [dist], paths: [out/**]}\n        script: [a]\n    - step:\n        artifacts: {download: false}\n        script: [b]\n    - step:\n        artifacts: {download: maybe}\n        script: [c]\n',
		);
		const jobs = typed(out).jobs;
		expect(jobs.map((j) => j.steps.filter((s) => s.keyword === 'artifacts').map((s) => [s.kind, s.with.artifacts ?? s.paths?.join(',')]))).toEqual([
			[
				['workspace-attach', 'dist'],
				['workspace-persist', 'out/**'],
			],
			[['workspace-attach', 'none']],
			[],
		]);
		expect(problems(out)).toEqual(['invalid-value 10:31']);
	});

	it('reports keys beside `step` instead of inside it, conditions it cannot read, and a pipe without a name', () => {
		const out = parse(
			'pipelines:\n  default:\n    - step:\n        script: [a]\n    - parallel:\n        - step:\n          script: [b]\n        - step: {script: [c], condition: {changesets: {includePaths: [a], excludePaths: [b]}}}\n    - step:\n        condition: yes\n        script:\n          - pipe:\n',
		);
		// A `step:` left empty is reported once, as no map, not also as a step without a script.
		expect(problems(out)).toEqual(['misplaced-key 7:11', 'invalid-type 6:16', 'invalid-value 8:55', 'missing-key 12:13', 'invalid-type 10:20']);
	});

	it('runs one pipeline for a name several patterns match, `*` before `**` and a choice of names before both', () => {
		const out = parse("pipelines:\n  branches:\n    '**':\n      - step: {name: a, script: [a]}\n    '*':\n      - step: {name: b, script: [b]}\n    '{main,dev}':\n      - step: {name: c, script: [c]}\n");
		expect(started(out, { kind: 'branch', name: 'main' })).toEqual(['branches/{main,dev}']);
		expect(started(out, { kind: 'branch', name: 'next' })).toEqual(['branches/*']);
		expect(started(out, { kind: 'branch', name: 'feature/x' })).toEqual(['branches/**']);
	});
});
