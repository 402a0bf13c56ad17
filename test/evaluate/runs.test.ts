import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { namedBranches, standardEvents, startableByHand, whatRuns, whyNothing, type CiEvent, type EvaluablePipeline } from '../../src/evaluate/runs';
import { allows, globToRegExp, matches } from '../../src/evaluate/patterns';
import { parseCircleCiConfig } from '../../src/providers/circleci';
import { parseGitLabConfig } from '../../src/providers/gitlab';
import { Workflow, type Pattern, type WorkflowEntry } from '../../src/model';

const titusPath = fileURLToPath(new URL('../../../shared/seed-systems/titus/circleci-config.tagged-deploy.yml', import.meta.url));
const examplePath = fileURLToPath(new URL('../../pipelines/atlas-monorepo/.circleci/config.yml', import.meta.url));

function circleci(path: string): EvaluablePipeline {
	const output = parseCircleCiConfig({ path, text: readFileSync(path, 'utf8') });
	return { provider: 'circleci', defaultBranch: 'master', workflows: output.workflows as EvaluablePipeline['workflows'] };
}

/** Ids of the jobs that run, across workflows. */
function running(pipeline: EvaluablePipeline, event: CiEvent): string[] {
	return whatRuns(pipeline, event).flatMap((w) => w.entries.filter((e) => e.verdict === 'runs').map((e) => e.id));
}

describe.skipIf(!existsSync(titusPath))('Titus seed (CircleCI filter semantics)', () => {
	const titus = existsSync(titusPath) ? circleci(titusPath) : undefined!;

	it('a push to master runs the whole untagged build up to pre-production', () => {
		expect(running(titus, { kind: 'branch', name: 'master' })).toEqual(['install', 'lint', 'test', 'build', 'push-containers', 'release-preproduction']);
	});
	it('a push to feature/x runs install, lint, test and build', () => {
		expect(running(titus, { kind: 'branch', name: 'feature/x' })).toEqual(['install', 'lint', 'test', 'build']);
	});
	it('the tag v0.1.0 runs release-production only', () => {
		expect(running(titus, { kind: 'tag', name: 'v0.1.0' })).toEqual(['release-production']);
	});
	it('a tag that does not match the version pattern runs nothing', () => {
		expect(running(titus, { kind: 'tag', name: 'nightly' })).toEqual([]);
	});
	it('says why a job is skipped', () => {
		const [untagged] = whatRuns(titus, { kind: 'branch', name: 'feature/x' });
		expect(untagged!.entries.find((e) => e.id === 'release-preproduction')?.reason).toBe('branch filter excludes it');
	});
});

describe('example atlas-monorepo', () => {
	const atlas = circleci(examplePath);
	it('main runs up to pre-production; a version tag goes through the approval to production', () => {
		expect(running(atlas, { kind: 'branch', name: 'main' })).toEqual(['install', 'lint', 'test', 'build', 'push-containers', 'release-preproduction', 'track-preproduction-release']);
		expect(running(atlas, { kind: 'tag', name: 'v1.2.0' })).toEqual(['hold-production', 'release-production']);
	});
});

describe('example GitHub Actions and GitLab pipelines', async () => {
	const { readPipelines } = await import('../../src/ingest/read');
	const pipelines = await readPipelines(fileURLToPath(new URL('../../pipelines/', import.meta.url)));
	const byId = (id: string) => pipelines.find((p) => p.id === id)!;
	const perWorkflow = (p: EvaluablePipeline, event: CiEvent) =>
		Object.fromEntries(whatRuns(p, event).map((w) => [w.workflow, w.entries.filter((e) => e.verdict !== 'skipped').map((e) => e.id)]));

	it('storefront-web (GitHub): main runs CI, a feature push nothing, its pull request CI, a v-tag the deploys', () => {
		const web = byId('storefront-web');
		const ci = ['lint', 'test (20, ubuntu-latest)', 'test (22, ubuntu-latest)', 'test (22, windows-latest)', 'build', 'e2e'];
		expect(perWorkflow(web, { kind: 'branch', name: 'main' })).toEqual({ ci, deploy: [], e2e: [] });
		expect(perWorkflow(web, { kind: 'branch', name: 'feature/x' })).toEqual({ ci: [], deploy: [], e2e: [] });
		expect(perWorkflow(web, { kind: 'pull_request', branch: 'feature/x' })).toEqual({ ci, deploy: [], e2e: [] });
		expect(perWorkflow(web, { kind: 'tag', name: 'v1.2.0' })).toEqual({ ci: [], deploy: ['deploy-staging', 'deploy-production'], e2e: [] });
	});

	it('storefront-web (GitHub): started by hand, only the workflow_dispatch deploy runs; production depends on the input', () => {
		const web = byId('storefront-web');
		expect(startableByHand(web)).toBe(true);
		const [ci, deploy] = whatRuns(web, { kind: 'manual', branch: 'main' });
		expect(ci!.entries.every((e) => e.verdict === 'skipped' && e.reason === 'not started by hand')).toBe(true);
		expect(deploy!.entries.map((e) => `${e.id}: ${e.verdict}`)).toEqual(['deploy-staging: runs', 'deploy-production: depends']);
		// A manual run has the inputs its form asks for: unknown here, where a push has none.
		expect(deploy!.entries[1]!.reason).toBe("only when startsWith(github.ref, 'refs/tags/v') || inputs.environment == 'production'");
		expect(whatRuns(web, { kind: 'branch', name: 'main' })[1]!.entries[1]!.verdict).toBe('skipped');
	});

	it('notifications-service (Bitbucket): started by hand, its one custom pipeline runs; the row is of custom pipelines, not of branch pipelines run again', () => {
		const bitbucket = byId('notifications-service');
		expect(startableByHand(bitbucket)).toBe(true);
		const started = whatRuns(bitbucket, { kind: 'manual', branch: 'main' }).filter((w) => w.verdict !== 'skipped').map((w) => w.workflow);
		expect(started).toEqual([bitbucket.workflows.find((w) => w.name === 'custom: resend-failed')!.id]);
	});

	it('gives a row to a run started by hand only where the config says how one goes', () => {
		// atlas-monorepo (CircleCI) and payments-api (GitLab: a run from its page creates the jobs a push to main does).
		expect(pipelines.filter(startableByHand).map((p) => p.id)).toEqual(['notifications-service', 'storefront-web']);
		expect(standardEvents('main', [], 'github-actions', true).at(-1)).toEqual({ label: 'Started by hand on main', event: { kind: 'manual', branch: 'main' } });
		expect(standardEvents('main', [], 'github-actions').map((e) => e.label)).not.toContain('Started by hand on main');
	});

	it('payments-api (GitLab): a merge request creates the build and test jobs, whatever the deploy jobs’ rules; a branch alone nothing', () => {
		const api = byId('payments-api');
		const created = perWorkflow(api, { kind: 'pull_request', branch: 'feature/x' }).pipeline!;
		expect(created).toEqual(['build', 'govulncheck', 'lint', 'unit-test: [1.22]', 'unit-test: [1.23]', 'integration-test']);
		// Its workflow:rules create no pipeline for a branch without a merge request.
		expect(perWorkflow(api, { kind: 'branch', name: 'feature/x' }).pipeline).toEqual([]);
	});

	it('payments-api (GitLab): rules decide staging on main and production on a tag', () => {
		const api = byId('payments-api');
		const verdict = (event: CiEvent, id: string) => whatRuns(api, event)[0]!.entries.find((e) => e.id === id)?.verdict;
		expect(verdict({ kind: 'branch', name: 'main' }, 'deploy-staging')).toBe('runs');
		expect(verdict({ kind: 'branch', name: 'feature/x' }, 'deploy-staging')).toBe('skipped');
		expect(verdict({ kind: 'branch', name: 'main' }, 'deploy-production')).toBe('skipped');
		// `when: manual`: a tag creates it, and it runs once someone starts it.
		expect(verdict({ kind: 'tag', name: 'v1.2.0' }, 'deploy-production')).toBe('depends');
		expect(whatRuns(api, { kind: 'tag', name: 'v1.2.0' })[0]!.entries.find((e) => e.id === 'deploy-production')?.reason).toBe('when someone starts it by hand');
	});
});

describe('jobs a person starts by hand', () => {
	const at = { file: 'bitbucket-pipelines.yml', line: 1, column: 1 };
	const entry = (id: string, more: Partial<WorkflowEntry> = {}): WorkflowEntry => ({ id, jobId: id, requires: [], approval: false, contexts: [], parameters: {}, location: at, ...more });
	const pipeline = (entries: WorkflowEntry[]): EvaluablePipeline => ({
		provider: 'bitbucket',
		defaultBranch: 'main',
		workflows: [{ id: 'default', name: 'default', triggers: [{ event: 'push', location: at }], entries }],
	});
	const reasons = (p: EvaluablePipeline) => Object.fromEntries(whatRuns(p, { kind: 'branch', name: 'main' })[0]!.entries.map((e) => [e.id, `${e.verdict}: ${e.reason}`]));

	it('run once someone starts them, and so do the jobs that wait for them', () => {
		const p = pipeline([entry('build'), entry('migrate', { approval: true, requires: [{ entry: 'build', status: ['success'] }] }), entry('deploy', { requires: [{ entry: 'migrate', status: ['success'] }] })]);
		expect(reasons(p)).toEqual({
			build: 'runs: filters allow it',
			migrate: 'depends: when someone starts it by hand',
			deploy: 'depends: after a job someone starts by hand',
		});
	});

	it('keep what else they depend on, and the jobs after them still say why', () => {
		const paths = { paths: { only: [{ kind: 'glob' as const, value: 'db/**' }] }, location: at };
		const p = pipeline([entry('migrate', { approval: true, filters: paths }), entry('deploy', { requires: [{ entry: 'migrate', status: ['success'] }] })]);
		expect(reasons(p)).toEqual({
			migrate: 'depends: depends on the files changed, then when someone starts it by hand',
			deploy: 'depends: after a job someone starts by hand',
		});
	});

	it('include a GitLab job whose matching rule is manual, among rules that are not', () => {
		const gitlab: EvaluablePipeline = {
			provider: 'gitlab',
			defaultBranch: 'main',
			workflows: [
				{
					id: 'pipeline',
					name: 'pipeline',
					triggers: [{ event: 'push', location: at }],
					entries: [
						entry('deploy', {
							filters: {
								rules: [
									{ if: '$CI_COMMIT_TAG', when: 'manual' },
									{ if: '$CI_COMMIT_BRANCH == "main"', when: 'on_success' },
								],
								location: at,
							},
						}),
					],
				},
			],
		};
		const verdict = (event: CiEvent) => whatRuns(gitlab, event)[0]!.entries[0]!;
		expect(verdict({ kind: 'tag', name: 'v1.0.0' })).toMatchObject({ verdict: 'depends', reason: 'when someone starts it by hand' });
		expect(verdict({ kind: 'branch', name: 'main' })).toMatchObject({ verdict: 'runs' });
	});

	it('of GitHub or Bitbucket, where several workflows can be: each runs only if it is the one started', () => {
		const dispatched = (id: string): EvaluablePipeline['workflows'][number] => ({ id, name: id, triggers: [{ event: 'manual', name: 'workflow_dispatch', location: at }], entries: [entry(`${id}-job`)] });
		const two: EvaluablePipeline = { provider: 'github-actions', defaultBranch: 'main', workflows: [dispatched('deploy'), dispatched('rollback')] };
		expect(whatRuns(two, { kind: 'manual', branch: 'main' }).map((w) => `${w.workflow}: ${w.verdict} (${w.entries[0]!.reason})`)).toEqual([
			'deploy: depends (if it is the one started by hand)',
			'rollback: depends (if it is the one started by hand)',
		]);
		expect(whatRuns({ ...two, workflows: [dispatched('deploy')] }, { kind: 'manual', branch: 'main' })[0]!.verdict).toBe('runs');
	});

	it('are not approval gates: a gate (no job of its own) runs, waiting for its approval', () => {
		const p = pipeline([entry('hold', { approval: true, jobId: undefined }), entry('release', { requires: [{ entry: 'hold', status: ['success'] }] })]);
		expect(reasons(p)).toEqual({ hold: 'runs: filters allow it', release: 'runs: filters allow it' });
	});
});

describe('GitHub triggers', () => {
	const at = { file: 'ci.yml', line: 1, column: 1 };
	const entry = { id: 'test', jobId: 'test', requires: [], approval: false, contexts: [], parameters: {}, location: at };
	const github = (triggers: EvaluablePipeline['workflows'][number]['triggers']): EvaluablePipeline => ({
		provider: 'github-actions',
		defaultBranch: 'main',
		workflows: [{ id: 'ci', name: 'ci', triggers, entries: [entry] }],
	});
	it('a pull request branch filter names the branch it targets', () => {
		const p = github([{ event: 'pull_request', filters: { branches: { only: [{ kind: 'glob', value: 'main' }] }, location: at }, location: at }]);
		expect(running(p, { kind: 'pull_request', branch: 'feature/x' })).toEqual(['test']);
	});
	it("leaves a pull_request_target workflow's event and ref unknown: it runs in the base branch's context", () => {
		const conditioned = (name: string) => ({
			provider: 'github-actions' as const,
			defaultBranch: 'main',
			workflows: [{ id: 'ci', name: 'ci', triggers: [{ event: 'pull_request' as const, name, location: at }], entries: [{ ...entry, condition: "github.event_name == 'pull_request'" }] }],
		});
		expect(whatRuns(conditioned('pull_request'), { kind: 'pull_request', branch: 'feature/x' })[0]!.entries[0]!.verdict).toBe('runs');
		expect(whatRuns(conditioned('pull_request_target'), { kind: 'pull_request', branch: 'feature/x' })[0]!.entries[0]!.verdict).toBe('depends');
	});
	it('path filters do not apply to tag pushes', () => {
		const p = github([{ event: 'push', filters: { tags: { only: [{ kind: 'glob', value: 'v*' }] }, paths: { only: [{ kind: 'glob', value: 'src/**' }] }, location: at }, location: at }]);
		expect(running(p, { kind: 'tag', name: 'v1.0.0' })).toEqual(['test']);
	});
});

describe('CircleCI rules', () => {
	const at = { file: 'c.yml', line: 1, column: 1 };
	const entry = (id: string, filters?: object, requires: string[] = []) => ({
		id,
		jobId: id,
		requires: requires.map((r) => ({ entry: r, status: ['success'] })),
		filters: filters ? { ...filters, location: at } : undefined,
		approval: false,
		contexts: [],
		parameters: {},
		location: at,
	});
	const pipeline = (entries: ReturnType<typeof entry>[]): EvaluablePipeline => ({
		provider: 'circleci',
		defaultBranch: 'main',
		workflows: [{ id: 'w', name: 'w', triggers: [{ event: 'push', location: at }], entries }],
	});

	it('a job on a tag needs every job it requires to have a matching tag filter too', () => {
		const p = pipeline([entry('build'), entry('deploy', { tags: { only: [{ kind: 'regex', value: 'v.*' }] } }, ['build'])]);
		const [w] = whatRuns(p, { kind: 'tag', name: 'v1' });
		expect(w!.entries.map((e) => [e.id, e.verdict, e.reason])).toEqual([
			['build', 'skipped', 'no tag filter'],
			['deploy', 'skipped', 'build does not run'],
		]);
	});
	it('a regex filter must match the whole name', () => {
		const p = pipeline([entry('a', { branches: { only: [{ kind: 'regex', value: 'main' }] } })]);
		expect(running(p, { kind: 'branch', name: 'main-old' })).toEqual([]);
		expect(running(p, { kind: 'branch', name: 'main' })).toEqual(['a']);
	});
	it('expression filters cannot be decided from the ref alone', () => {
		const p = pipeline([entry('a', { expression: 'pipeline.parameters.deploy' })]);
		expect(whatRuns(p, { kind: 'branch', name: 'main' })[0]!.entries[0]!.verdict).toBe('depends');
	});
	it('scheduled-only workflows do not run on a push', () => {
		const p = pipeline([entry('nightly')]);
		p.workflows[0]!.triggers = [{ event: 'schedule', cron: '0 0 * * *', filters: { branches: { only: [{ kind: 'exact', value: 'main' }] }, location: at }, location: at }];
		expect(running(p, { kind: 'branch', name: 'main' })).toEqual([]);
		expect(running(p, { kind: 'schedule', branch: 'main' })).toEqual(['nightly']);
	});
});

describe('GitLab rules', () => {
	const at = { file: '.gitlab-ci.yml', line: 1, column: 1 };
	it('a job left out by its rules does not hold back the next stage', () => {
		const p: EvaluablePipeline = {
			provider: 'gitlab',
			defaultBranch: 'main',
			workflows: [
				{
					id: 'pipeline',
					name: 'pipeline',
					triggers: [{ event: 'push', location: at }],
					entries: [
						{ id: 'image', jobId: 'image', requires: [], filters: { branches: { only: [{ kind: 'exact', value: 'main' }] }, location: at }, approval: false, contexts: [], parameters: {}, location: at },
						{ id: 'test', jobId: 'test', requires: [{ entry: 'image', status: ['success'] }], approval: false, contexts: [], parameters: {}, location: at },
					],
				},
			],
		};
		expect(running(p, { kind: 'branch', name: 'feature/x' })).toEqual(['test']);
		expect(running(p, { kind: 'branch', name: 'main' })).toEqual(['image', 'test']);
	});
});

describe('globs (GitHub filters)', () => {
	it('`*` stops at a slash, `**` does not', () => {
		expect(globToRegExp('release/*').test('release/1.0')).toBe(true);
		expect(globToRegExp('release/*').test('release/1/x')).toBe(false);
		expect(globToRegExp('release/**').test('release/1/x')).toBe(true);
		expect(matches({ kind: 'glob', value: 'v*.*' }, 'v1.2')).toBe(true);
		// `?` is zero or one of the character before it, as GitHub documents.
		expect(matches({ kind: 'glob', value: 'v1.?' }, 'v1')).toBe(true);
		expect(matches({ kind: 'glob', value: 'v1.?' }, 'v1.2')).toBe(false);
	});
	it('supports classes, `+` and ordered `!` negation as GitHub does', () => {
		expect(matches({ kind: 'glob', value: 'v[0-9]+.[0-9]+.[0-9]+' }, 'v1.22.0')).toBe(true);
		expect(matches({ kind: 'glob', value: 'v[0-9]+.[0-9]+.[0-9]+' }, 'v1.x.0')).toBe(false);
		const only = [{ kind: 'glob' as const, value: 'releases/**' }, { kind: 'glob' as const, value: '!releases/**-alpha' }];
		expect(allows({ only }, 'releases/1.0', false)).toBe(true);
		expect(allows({ only }, 'releases/1.0-alpha', false)).toBe(false);
	});
	it('an invalid regex matches nothing instead of throwing', () => {
		expect(matches({ kind: 'regex', value: '(' }, 'x')).toBe(false);
	});
});

describe('namedBranches', () => {
	const at = { file: 'config.yml', line: 1, column: 1 };
	const only = (...values: [Pattern['kind'], string][]) => ({ branches: { only: values.map(([kind, value]) => ({ kind, value })) }, location: at });
	it('gives the branches filters name one by one, not the default one, nor patterns, in order, at most three', () => {
		const pipeline: EvaluablePipeline = {
			provider: 'circleci',
			defaultBranch: 'main',
			workflows: [
				{
					id: 'w',
					name: 'w',
					triggers: [{ event: 'push', filters: only(['exact', 'main'], ['glob', 'release/*']), location: at }],
					entries: [
						{ id: 'deploy', jobId: 'deploy', requires: [], approval: false, contexts: [], parameters: {}, location: at, filters: only(['exact', 'live'], ['regex', 'hotfix-.*']) },
						{ id: 'a', jobId: 'a', requires: [], approval: false, contexts: [], parameters: {}, location: at, filters: only(['glob', 'staging'], ['exact', 'qa'], ['exact', 'demo'], ['exact', 'live']) },
					],
				},
			],
		};
		expect(namedBranches(pipeline)).toEqual(['live', 'staging', 'qa']);
		// The branches a pull request targets are no push's.
		pipeline.workflows[0]!.triggers.push({ event: 'pull_request', filters: only(['exact', 'develop']), location: at });
		expect(namedBranches(pipeline)).not.toContain('develop');
		expect(standardEvents('main', namedBranches(pipeline)).map((e) => e.label)).toEqual(['Push to main', 'Push to live', 'Push to staging', 'Push to qa', 'Push to feature/x', 'Tag v1.2.0', 'Pull request from feature/x', 'Schedule on main']);
		expect(standardEvents('main', [], 'gitlab').map((e) => e.label)).toContain('Merge request from feature/x');
	});
});

describe('GitLab workflow:rules', () => {
	/** A GitLab config as the evaluation reads it (the parser's model, not a hand-made one). */
	function gitlab(text: string): EvaluablePipeline {
		const output = parseGitLabConfig({ path: '.gitlab-ci.yml', text });
		return { provider: 'gitlab', defaultBranch: 'main', workflows: (output.workflows ?? []).map((w) => Workflow.parse(w)) };
	}
	const verdicts = (p: EvaluablePipeline, event: CiEvent) => whatRuns(p, event)[0]!.entries.map((e) => `${e.id}: ${e.verdict} (${e.reason})`);
	// GNOME's usual rules: merge requests, tags and the default branch, never a branch with a merge request open.
	const mergeRequests = gitlab(
		[
			'workflow:',
			'  rules:',
			"    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'",
			'    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
			'      when: never',
			'    - if: $CI_COMMIT_TAG',
			'    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
			'build:',
			'  script: make',
			'deploy:',
			'  script: ./deploy',
			'  rules:',
			"    - if: $CI_PIPELINE_SOURCE == 'schedule'",
			'      when: never',
			'    - if: $CI_COMMIT_TAG',
		].join('\n'),
	);

	it('decides whether a pipeline is created, as GitLab does, before any job', () => {
		expect(verdicts(mergeRequests, { kind: 'pull_request', branch: 'feature/x' })).toEqual([
			'build: runs (filters allow it)',
			'deploy: skipped (no rule matches)',
		]);
		expect(verdicts(mergeRequests, { kind: 'tag', name: 'v1.2.0' })).toEqual(['build: runs (filters allow it)', 'deploy: runs (the rule $CI_COMMIT_TAG matches)']);
		// Whether a merge request is open for the branch cannot be known from the config.
		expect(verdicts(mergeRequests, { kind: 'branch', name: 'main' })).toEqual([
			'build: depends (depends on $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS)',
			'deploy: skipped (no rule matches)',
		]);
	});

	it('creates no pipeline when no rule matches, or a rule says never', () => {
		// Whether a merge request is open cannot be known, but no rule after it matches either: none either way.
		expect(verdicts(mergeRequests, { kind: 'branch', name: 'feature/x' })[0]).toBe('build: skipped (no pipeline: no rule of workflow:rules matches)');
		const branches = gitlab(['workflow:', '  rules:', '    - if: $CI_COMMIT_BRANCH == "develop" || $CI_COMMIT_BRANCH == "main"', '      when: always', '    - when: never', 'build:', '  script: make'].join('\n'));
		expect(verdicts(branches, { kind: 'branch', name: 'main' })).toEqual(['build: runs (filters allow it)']);
		expect(verdicts(branches, { kind: 'branch', name: 'feature/x' })).toEqual(['build: skipped (no pipeline: the last rule of workflow:rules says never)']);
		expect(verdicts(branches, { kind: 'tag', name: 'v1.2.0' })).toEqual(['build: skipped (no pipeline: the last rule of workflow:rules says never)']);
		const tagsOnly = gitlab(['workflow:', '  rules:', '    - if: $CI_COMMIT_TAG', 'build:', '  script: make'].join('\n'));
		expect(verdicts(tagsOnly, { kind: 'branch', name: 'main' })).toEqual(['build: skipped (no pipeline: no rule of workflow:rules matches)']);
		// Said once for the event, not job by job.
		expect(whyNothing(whatRuns(tagsOnly, { kind: 'branch', name: 'main' }))).toBe('no pipeline: no rule of workflow:rules matches');
		expect(whyNothing(whatRuns(tagsOnly, { kind: 'tag', name: 'v1' }))).toBeUndefined();
	});

	it('gives a merge request without workflow:rules a pipeline of the jobs whose own rules ask for one', () => {
		const plain = gitlab(['build:', '  script: make', 'review:', '  script: ./review', '  rules:', "    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'", 'legacy:', '  script: ./l', '  only: [merge_requests]'].join('\n'));
		expect(verdicts(plain, { kind: 'pull_request', branch: 'feature/x' })).toEqual([
			'build: skipped (in branch and tag pipelines only: no rule or only: of its own asks for merge requests)',
			"review: runs (the rule $CI_PIPELINE_SOURCE == 'merge_request_event' matches)",
			'legacy: runs (filters allow it)',
		]);
		expect(verdicts(plain, { kind: 'branch', name: 'main' })[0]).toBe('build: runs (filters allow it)');
	});

	it('takes rules:changes as matching on a tag’s and a schedule’s pipeline, as GitLab does; exists still depends', () => {
		const p = gitlab(['docs:', '  script: make docs', '  rules:', '    - changes: [docs/**]', 'container:', '  script: make image', '  rules:', '    - exists: [Dockerfile]'].join('\n'));
		expect(verdicts(p, { kind: 'tag', name: 'v1.2.0' })).toEqual(['docs: runs (the last rule matches)', 'container: depends (depends on the files changed)']);
		expect(verdicts(p, { kind: 'branch', name: 'main' })[0]).toBe('docs: depends (depends on the files changed)');
	});

	it('decides only/except refs by the ref, and a job’s own when as how it runs, not whether', () => {
		const p = gitlab(
			['build:', '  script: make', '  only: [main]', 'release:', '  script: ./r', '  only: [tags]', 'nightly:', '  script: ./n', '  only: [schedules]', 'notify:', '  script: ./n', '  when: always', 'cleanup:', '  script: ./c', '  when: on_failure', 'docs:', '  script: ./d', '  only:', '    changes: [docs/**]'].join('\n'),
		);
		expect(verdicts(p, { kind: 'branch', name: 'main' })).toEqual([
			'build: runs (filters allow it)',
			'release: skipped (ref filter excludes it)',
			// A push's pipeline is no schedule's.
			'nightly: skipped (only in pipelines of schedules)',
			'notify: runs (filters allow it)',
			'cleanup: depends (only after a failure in an earlier stage)',
			'docs: depends (depends on the files changed)',
		]);
		expect(verdicts(p, { kind: 'tag', name: 'v1.2.0' }).slice(0, 2)).toEqual(['build: skipped (ref filter excludes it)', 'release: runs (filters allow it)']);
		// only:changes holds on a tag's pipeline.
		expect(verdicts(p, { kind: 'tag', name: 'v1.2.0' })[5]).toBe('docs: runs (filters allow it)');
	});

	it('reads except: alone as taking from every branch and tag, and a ref of one project by its name', () => {
		const p = gitlab(['build:', '  script: make', '  except: [tags]', 'pages:', '  script: ./p', '  only: [main@example-org/payments-api]', 'docs:', '  script: ./d', '  except:', '    changes: [src/**]'].join('\n'));
		expect(verdicts(p, { kind: 'branch', name: 'feature/x' })).toEqual(['build: runs (filters allow it)', 'pages: skipped (ref filter excludes it)', 'docs: depends (depends on the files changed)']);
		expect(verdicts(p, { kind: 'branch', name: 'main' })[1]).toBe('pages: runs (filters allow it)');
		// except: changes holds on a tag's pipeline, which keeps the job out.
		expect(verdicts(p, { kind: 'tag', name: 'v1.2.0' })).toEqual([
			'build: skipped (ref filter excludes it)',
			'pages: skipped (ref filter excludes it)',
			'docs: skipped (except: changes holds on a pipeline with no changes to compare)',
		]);
	});

	it('keeps jobs with only: refs out of a merge request’s pipeline, workflow:rules or not, and a job whose only: refs exclude the ref out before its variables', () => {
		const p = gitlab(
			['workflow:', '  rules:', "    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'", '    - if: $CI_COMMIT_BRANCH', 'build:', '  script: make', 'lint:', '  script: ./l', '  only: [branches]', 'deploy:', '  script: ./d', '  only:', '    refs: [main]', '    variables: [$DEPLOY == "yes"]', 'off:', '  script: ./o', '  when: never'].join(
				'\n',
			),
		);
		expect(verdicts(p, { kind: 'pull_request', branch: 'feature/x' }).slice(0, 2)).toEqual([
			'build: runs (filters allow it)',
			'lint: skipped (in branch and tag pipelines only: no rule or only: of its own asks for merge requests)',
		]);
		expect(verdicts(p, { kind: 'branch', name: 'feature/x' }).slice(2)).toEqual(['deploy: skipped (ref filter excludes it)', 'off: skipped (when: never)']);
		expect(verdicts(p, { kind: 'branch', name: 'main' })[2]).toBe('deploy: depends (depends on $DEPLOY == "yes")');
	});

	it('reads only: and except: pipeline sources and variables as GitLab’s policies do', () => {
		const p = gitlab(
			[
				'nightly:', '  script: ./n', '  only: [main, schedules]',
				'fast:', '  script: ./f', '  except: [schedules]',
				'release:', '  script: ./r', '  only:', '    refs: [tags]', '    variables: [$CI_COMMIT_TAG =~ /^v/]',
				'quiet:', '  script: ./q', '  except:', '    variables: [$CI_COMMIT_BRANCH == "main"]',
			].join('\n'),
		);
		const on = (event: CiEvent) => verdicts(p, event).map((v) => v.split(' (')[0]);
		expect(on({ kind: 'branch', name: 'feature/x' })).toEqual(['nightly: skipped', 'fast: runs', 'release: skipped', 'quiet: runs']);
		expect(on({ kind: 'branch', name: 'main' })).toEqual(['nightly: runs', 'fast: runs', 'release: skipped', 'quiet: skipped']);
		expect(on({ kind: 'tag', name: 'v1.2.0' })).toEqual(['nightly: skipped', 'fast: runs', 'release: runs', 'quiet: runs']);
		expect(on({ kind: 'tag', name: 'nightly-1' })[2]).toBe('release: skipped');
		// A schedule on another branch: only: schedules lets the job in, except: schedules keeps one out.
		const scheduled = verdicts(p, { kind: 'schedule', branch: 'develop' });
		expect(scheduled.slice(0, 2)).toEqual(['nightly: depends (only if a schedule in GitLab runs this pipeline)', 'fast: skipped (its except: names schedules)']);
	});

	it('reads a pipeline run from its page as GitLab does: source web, its changes holding, its jobs by hand still by hand', () => {
		const p = gitlab(
			[
				'workflow:',
				'  rules:',
				'    - if: $CI_PIPELINE_SOURCE == "web"',
				'    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
				'build:', '  script: make', '  rules:', '    - changes: [src/**/*]',
				'pushed:', '  script: ./p', '  only: [pushes]',
				'rebuild:', '  script: ./r', '  only: [web]',
				'deploy:', '  script: ./d', '  rules:', '    - if: $CI_PIPELINE_SOURCE == "web"', '      when: manual',
			].join('\n'),
		);
		expect(startableByHand(p)).toBe(true);
		expect(verdicts(p, { kind: 'manual', branch: 'feature/x' })).toEqual([
			'build: runs (the last rule matches)',
			'pushed: skipped (only in pipelines of pushes)',
			'rebuild: runs (filters allow it)',
			'deploy: depends (when someone starts it by hand)',
		]);
		// A push of the same branch creates no pipeline (its workflow:rules), and rebuild is left out of one on main.
		expect(verdicts(p, { kind: 'branch', name: 'feature/x' })[0]).toBe('build: skipped (no pipeline: no rule of workflow:rules matches)');
		expect(verdicts(p, { kind: 'branch', name: 'main' }).slice(2, 3)).toEqual(['rebuild: skipped (only in pipelines of web)']);
		// A row where a run from GitLab's page differs from a push to the default branch, however the config says so.
		expect(startableByHand(gitlab(['build:', '  script: make'].join('\n')))).toBe(false);
		expect(startableByHand(gitlab(['build:', '  script: make', '  except:', '    variables: [$CI_PIPELINE_SOURCE == "web"]'].join('\n')))).toBe(true);
		expect(startableByHand(gitlab(['build:', '  script: make', '  rules:', '    - if: $CI_PIPELINE_SOURCE =~ /^(web|schedule)$/'].join('\n')))).toBe(true);
		expect(startableByHand(gitlab(['build:', '  script: make', '  only: [pushes]'].join('\n')))).toBe(true);
		// `changes` holds in a pipeline run by hand, where a push's depends on the files.
		expect(startableByHand(gitlab(['build:', '  script: make', '  rules:', '    - changes: [src/**/*]'].join('\n')))).toBe(true);
	});

	it('says a schedule runs a pipeline only if one is set up in GitLab, with or without workflow:rules', () => {
		const plain = gitlab(['build:', '  script: make', 'nightly:', '  script: ./soak', '  rules:', "    - if: $CI_PIPELINE_SOURCE == 'schedule'"].join('\n'));
		expect(verdicts(plain, { kind: 'schedule', branch: 'main' })).toEqual([
			'build: depends (only if a schedule in GitLab runs this pipeline)',
			'nightly: depends (only if a schedule in GitLab runs this pipeline)',
		]);
		expect(verdicts(plain, { kind: 'branch', name: 'main' })).toEqual(['build: runs (filters allow it)', 'nightly: skipped (no rule matches)']);
		expect(verdicts(mergeRequests, { kind: 'schedule', branch: 'main' })[1]).toBe('deploy: skipped (the rule $CI_PIPELINE_SOURCE == \'schedule\' says never)');
	});
});
