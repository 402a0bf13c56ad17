import { describe, expect, it } from 'vitest';
import { at, diagnostics, entry, errors, job, parse, schemaIssues, steps, workflow, yaml } from './helpers';

const requires = (output: ReturnType<typeof parse>, id: string) => entry(output, 'pipeline', id).requires?.map((r) => r.entry);

describe('stages, needs and implicit stage dependencies', () => {
	const output = parse(yaml`
		stages: [build, test, deploy]
		compile:
		  stage: build
		  script: make
		lint:
		  stage: build
		  script: make lint
		unit:
		  stage: test
		  script: make test
		fast:
		  stage: test
		  needs: []
		  script: make fast
		package:
		  stage: deploy
		  needs: [unit, {job: lint, artifacts: false}, {job: ghost, optional: true}]
		  script: make pkg
		publish:
		  stage: deploy
		  script: make publish
		  needs:
		    - pipeline: $PARENT_PIPELINE_ID
		      job: generate
		default_stage:
		  script: echo
		  dependencies: [compile]
	`);

	it('orders entries by stage and makes the previous non-empty stage an implicit requirement', () => {
		expect(schemaIssues(output)).toEqual([]);
		expect(workflow(output, 'pipeline').entries?.map((e) => e.id)).toEqual(['compile', 'lint', 'unit', 'fast', 'default_stage', 'package', 'publish']);
		expect(requires(output, 'compile')).toEqual([]);
		expect(requires(output, 'unit')).toEqual(['compile', 'lint']);
		expect(requires(output, 'default_stage')).toEqual(['compile', 'lint']);
	});

	it('reads needs: [] as starting at once, optional needs of missing jobs as nothing', () => {
		expect(requires(output, 'fast')).toEqual([]);
		expect(requires(output, 'package')).toEqual(['unit', 'lint']);
	});

	it('turns cross-pipeline needs into a reference diagnostic, not an edge', () => {
		expect(requires(output, 'publish')).toEqual([]);
		expect(diagnostics(output, 'cross-pipeline-need').map(at)).toEqual(['23:7']);
		expect(errors(output)).toEqual([]);
	});

	it('shows dependencies as an artifact download step', () => {
		expect(steps(output, 'default_stage')[0]).toMatchObject({ kind: 'workspace-attach', with: { jobs: 'compile' } });
	});

	it('uses the default stages and .pre/.post when stages is absent; unknown needs are errors', () => {
		const o = parse(yaml`
			last: {stage: .post, script: a}
			first: {stage: .pre, script: a}
			d: {stage: deploy, script: a, needs: [nope]}
			b: {stage: build, script: a}
		`);
		expect(workflow(o, 'pipeline').entries?.map((e) => e.id)).toEqual(['first', 'b', 'd', 'last']);
		expect(requires(o, 'last')).toEqual(['d']);
		expect(errors(o).map((d) => [d.code, at(d)])).toEqual([['unknown-need', '3:39']]);
	});
});

describe('rules, only/except and when', () => {
	const output = parse(yaml`
		workflow:
		  name: Main pipeline
		  rules:
		    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
		    - if: $CI_COMMIT_BRANCH == "main"
		      changes: [src/**/*]
		    - if: $CI_COMMIT_TAG
		    - when: never
		deploy:
		  script: ./deploy
		  rules:
		    - if: $CI_COMMIT_BRANCH == "main"
		      when: manual
		    - when: never
		nightly:
		  script: ./n
		  only: [main, /^release-.*$/, schedules]
		  except: [tags]
		tagged:
		  script: ./t
		  only: [tags]
		cleanup:
		  stage: deploy
		  script: ./c
		  when: always
		later:
		  script: ./l
		  when: delayed
		  start_in: 30 minutes
	`);

	it('reads workflow:rules as triggers, expressions kept', () => {
		const wf = workflow(output, 'pipeline');
		expect(wf.name).toBe('Main pipeline');
		expect(wf.triggers?.map((t) => [t.event, t.name, t.filters?.expression])).toEqual([
			['pull_request', 'merge_request_event', 'if $CI_PIPELINE_SOURCE == "merge_request_event" -> always'],
			['push', undefined, 'if $CI_COMMIT_BRANCH == "main" and changes [src/**/*] -> always'],
			['tag', undefined, 'if $CI_COMMIT_TAG -> always'],
		]);
		expect(wf.triggers?.[1]?.filters?.paths).toEqual({ only: [{ kind: 'glob', value: 'src/**/*' }] });
		expect(output.triggers).toEqual(wf.triggers);
	});

	it('says which variables a rule sets when it matches', () => {
		const o = parse(yaml`
			build:
			  script: make
			  rules:
			    - if: $CI_COMMIT_TAG
			      variables: {RELEASE: "true", CHANNEL: stable}
			    - when: on_success
		`);
		expect(entry(o, 'pipeline', 'build').filters?.expression).toBe('rules: if $CI_COMMIT_TAG -> on_success (sets RELEASE=true, CHANNEL=stable); otherwise -> on_success');
		expect(entry(o, 'pipeline', 'build').filters?.rules?.[0]?.variables).toEqual([
			{ name: 'RELEASE', value: 'true' },
			{ name: 'CHANNEL', value: 'stable' },
		]);
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
	});

	it('keeps out of the model the value a rule gives a secret-looking variable', () => {
		const o = parse(yaml`
			build:
			  script: make
			  rules:
			    - if: $CI_COMMIT_TAG
			      variables: {DEPLOY_TOKEN: hunter2hunter2, CHANNEL: stable}
		`);
		const filters = entry(o, 'pipeline', 'build').filters;
		expect(filters?.rules?.[0]?.variables).toEqual([{ name: 'DEPLOY_TOKEN' }, { name: 'CHANNEL', value: 'stable' }]);
		expect(JSON.stringify(o)).not.toContain('hunter2');
		expect(diagnostics(o, 'secret-in-config').map((d) => [d.message.split(';')[0], at(d)])).toEqual([['`DEPLOY_TOKEN` looks like a secret and a rule sets it in the config', '5:19']]);
	});

	it('refuses a workflow:rules rule that is neither always nor never, as GitLab does', () => {
		const o = parse(yaml`
			workflow:
			  rules:
			    - if: $CI_COMMIT_TAG
			      when: manual
			build:
			  script: make
		`);
		expect(errors(o).map((d) => [d.message, at(d)])).toEqual([['A `workflow:rules` rule takes `when: always` or `when: never`, not `manual`', '4:13']]);
		expect(o.workflows?.[0]?.rules?.[0]?.when).toBe('always');
	});

	it('says what a rule changes when it matches: a job’s interruptible, the workflow’s auto-cancel', () => {
		const o = parse(yaml`
			workflow:
			  rules:
			    - if: $CI_COMMIT_BRANCH == "main"
			      auto_cancel: {on_new_commit: none}
			    - when: always
			deploy:
			  script: ./deploy.sh
			  interruptible: true
			  rules:
			    - if: $CI_COMMIT_TAG
			      interruptible: false
			    - when: on_success
			      interruptible: maybe
		`);
		expect(o.workflows?.[0]?.condition).toBeUndefined();
		expect(o.workflows?.[0]?.rules).toEqual([
			{ if: '$CI_COMMIT_BRANCH == "main"', when: 'always', autoCancel: { onNewCommit: 'none' } },
			{ when: 'always' },
		]);
		expect(entry(o, 'pipeline', 'deploy').filters?.expression).toBe('rules: if $CI_COMMIT_TAG -> on_success (interruptible: false); otherwise -> on_success');
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o).map((d) => d.message)).toEqual(['`interruptible` must be true or false, not `maybe`']);
	});

	it('warns about a key of the other kind of rule, and takes nothing from it', () => {
		const o = parse(yaml`
			workflow:
			  rules:
			    - if: $CI_COMMIT_TAG
			      needs: [build]
			    - when: always
			build:
			  script: make
			  rules:
			    - if: $CI_COMMIT_TAG
			      auto_cancel: {on_new_commit: none}
		`);
		expect(diagnostics(o, 'unknown-key').map((d) => [d.message.split(';')[0], at(d)])).toEqual([
			['`needs` is not a key GitLab accepts in a `workflow:rules` rule', '4:7'],
			['`auto_cancel` is not a key GitLab accepts in a rule', '10:7'],
		]);
		expect(o.workflows?.[0]?.rules).toEqual([{ if: '$CI_COMMIT_TAG', when: 'always' }, { when: 'always' }]);
		expect(entry(o, 'pipeline', 'build').filters?.expression).toBe('rules: if $CI_COMMIT_TAG -> on_success');
	});

	it("says which jobs a rule's needs wait for instead of the job's own, and checks their names", () => {
		const o = parse(yaml`
			stages: [build, test, deploy]
			build: {stage: build, script: make}
			lint: {stage: build, script: make lint}
			test:
			  stage: test
			  script: make test
			  needs: [build]
			  rules:
			    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
			      needs: [build, {job: lint, artifacts: false}]
			    - if: $CI_PIPELINE_SOURCE == "schedule"
			      needs: []
			    - if: $CI_COMMIT_TAG
			      needs: [biuld]
			    - when: on_success
		`);
		expect(entry(o, 'pipeline', 'test').filters?.expression).toBe(
			"rules: if $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH -> on_success (needs build, lint instead of the job's own); " +
				"if $CI_PIPELINE_SOURCE == \"schedule\" -> on_success (needs no job instead of the job's own); " +
				"if $CI_COMMIT_TAG -> on_success (needs biuld instead of the job's own); otherwise -> on_success",
		);
		// The diagram keeps the job's own needs.
		expect(requires(o, 'test')).toEqual(['build']);
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(diagnostics(o, 'unknown-need').map((d) => [d.message, at(d)])).toEqual([['`test` needs `biuld`, which the pipeline does not define', '14:15']]);
	});

	it('makes a job manual under every rule an approval gate', () => {
		const e = entry(output, 'pipeline', 'deploy');
		expect(e.approval).toBe(true);
		expect(e.filters?.expression).toBe('rules: if $CI_COMMIT_BRANCH == "main" -> manual; otherwise -> never');
	});

	it('reads only/except refs into branch and tag filters', () => {
		const f = entry(output, 'pipeline', 'nightly').filters!;
		const names = [{ kind: 'exact', value: 'main' }, { kind: 'regex', value: '^release-.*$' }];
		expect(f.branches).toEqual({ only: names });
		expect(f.tags).toEqual({ only: names, ignore: [{ kind: 'regex', value: '.*' }] });
		expect(f.expression).toBe('only: main, /^release-.*$/, schedules; except: tags');
		// `tags` opens every tag, said as a pattern of every name (an empty filter would be none).
		const tagged = entry(output, 'pipeline', 'tagged').filters!;
		expect([tagged.branches, tagged.tags, tagged.expression]).toEqual([{ only: [] }, { only: [{ kind: 'regex', value: '.*' }] }, undefined]);
	});

	it('keeps when: always / delayed as the entry condition', () => {
		expect(entry(output, 'pipeline', 'cleanup').condition).toBe('always');
		expect(entry(output, 'pipeline', 'cleanup').requires?.[0]?.status).toEqual(['success', 'failed', 'canceled']);
		expect(entry(output, 'pipeline', 'later').condition).toBe('delayed 30 minutes');
		expect(errors(output)).toEqual([]);
	});

	it('defaults to a push trigger without workflow:rules', () => {
		const o = parse('a:\n  script: x\n  when: manual\n');
		expect(o.triggers?.map((t) => t.event)).toEqual(['push']);
		expect(entry(o, 'pipeline', 'a').approval).toBe(true);
	});
});

describe('extends, hidden jobs, anchors and !reference', () => {
	const output = parse(yaml`
		.base: &base
		  image: node:20
		  variables: {A: "1", B: "2"}
		  tags: [docker]
		  script: [echo base]
		.middle:
		  extends: .base
		  variables: {B: "3", C: "4"}
		  tags: [linux, large]
		.setup:
		  before_script:
		    - npm ci
		    - !reference [.more, script]
		.more:
		  script: [echo more, echo again]
		job:
		  extends: [.middle]
		  variables: {D: "5"}
		  before_script: !reference [.setup, before_script]
		  script:
		    - !reference [.more, script]
		    - echo own
		anchored:
		  <<: *base
		  script: echo anchored
	`);

	it('merges multi-level extends: hashes merged, arrays replaced; hidden jobs are not jobs', () => {
		expect(output.jobs.map((j) => j.id)).toEqual(['job', 'anchored']);
		const j = job(output, 'job');
		expect(j.env?.map((v) => `${v.name}=${v.value}`)).toEqual(['A=1', 'B=3', 'C=4', 'D=5']);
		expect(j.executor).toMatchObject({ kind: 'docker', images: [{ image: 'node:20' }], resourceClass: 'linux, large' });
	});

	it('resolves !reference tags, nested ones too, splicing lists', () => {
		expect(steps(output, 'job').map((s) => [s.name, s.command])).toEqual([
			['before_script', 'npm ci\necho more\necho again'],
			['script', 'echo more\necho again\necho own'],
		]);
		expect(errors(output)).toEqual([]);
		expect(diagnostics(output).filter((d) => d.severity !== 'info')).toEqual([]);
	});

	it('applies YAML merge keys', () => {
		expect(job(output, 'anchored').executor.images).toEqual([{ image: 'node:20' }]);
	});

	it('reports unknown extends targets and references, and cycles', () => {
		const o = parse(yaml`
			a: {extends: .nope, script: x}
			b: {script: !reference [.gone, script]}
			.c: {extends: .d}
			.d: {extends: .c}
			e: {extends: .c, script: x}
		`);
		expect(errors(o).map((d) => `${d.code} ${at(d)}`).sort()).toEqual(['extends-cycle 4:15', 'missing-script 2:1', 'unknown-extends 1:14', 'unknown-reference 2:24']);
	});
});

describe('include: local', () => {
	const files = new Map([
		['ci/build.yml', 'include: ci/nested.yml\nvariables: {FROM_INCLUDE: "yes"}\nbuild:\n  stage: build\n  script: make\n'],
		['ci/nested.yml', '.tpl:\n  image: alpine\n'],
		['ci/broken.yml', 'oops: [\n'],
	]);
	const output = parse(
		yaml`
			include:
			  - local: /ci/build.yml
			  - ci/broken.yml
			  - project: group/templates
			    file: ci.yml
			  - template: Auto-DevOps.gitlab-ci.yml
			  - remote: https://example.com/ci.yml
			  - component: gitlab.com/acme/comp@1.0
			  - local: missing.yml
			variables: {MAIN: "1"}
			test:
			  extends: .tpl
			  script: make test
			  needs: [build]
		`,
		{ files, displayPrefix: 'repo/' },
		'repo/.gitlab-ci.yml',
	);

	it('merges local includes (nested ones too) and lists them as sources', () => {
		expect(output.jobs.map((j) => j.id)).toEqual(['build', 'test']);
		expect(job(output, 'test').executor.images).toEqual([{ image: 'alpine' }]);
		expect(output.env?.map((v) => v.name)).toEqual(['FROM_INCLUDE', 'MAIN']);
		expect(output.sources).toEqual([
			{ path: '.gitlab-ci.yml', role: 'config' },
			{ path: 'ci/build.yml', role: 'include' },
			{ path: 'ci/nested.yml', role: 'include' },
			{ path: 'ci/broken.yml', role: 'include' },
		]);
		expect(job(output, 'build').location).toEqual({ file: 'repo/ci/build.yml', line: 3, column: 1 });
		expect(requires(output, 'test')).toEqual(['build']);
	});

	it('names every unresolved include and locates errors in the included file', () => {
		expect(diagnostics(output, 'include-unresolved').map((d) => /`([^`]+)`/.exec(d.message)![1])).toEqual([
			'group/templates (ci.yml)',
			'Auto-DevOps.gitlab-ci.yml',
			'https://example.com/ci.yml',
			'gitlab.com/acme/comp@1.0',
		]);
		expect(diagnostics(output, 'include-not-found').map(at)).toEqual(['9:5']);
		expect(errors(output).map((d) => [d.code, d.location.file])).toEqual([['yaml-syntax', 'repo/ci/broken.yml']]);
	});
});

describe('parallel', () => {
	const output = parse(yaml`
		test:
		  stage: test
		  script: tox
		  parallel:
		    matrix:
		      - PY: ["3.11", "3.12"]
		        OS: [linux]
		      - PY: pypy
		shards:
		  stage: test
		  script: run
		  parallel: 3
		report:
		  stage: deploy
		  script: r
		  needs:
		    - job: test
		      parallel:
		        matrix:
		          - PY: "3.12"
		            OS: linux
		all:
		  stage: deploy
		  script: r
	`);

	it('names matrix instances as GitLab does and groups them', () => {
		const ids = workflow(output, 'pipeline').entries?.map((e) => e.id);
		expect(ids).toEqual(['test: [3.11, linux]', 'test: [3.12, linux]', 'test: [pypy]', 'shards', 'report', 'all']);
		expect(entry(output, 'pipeline', 'test: [3.12, linux]')).toMatchObject({ jobId: 'test', matrixGroup: 'test', matrix: { PY: '3.12', OS: 'linux' } });
		expect(job(output, 'shards').parallelism).toBe(3);
	});

	it('refuses a `parallel` GitLab would not run, located (found by fuzzing: 9007199254740992 made the whole pipeline unreadable)', () => {
		const huge = parse(yaml`
			a:
			  script: x
			  parallel: 9007199254740992
			b:
			  script: y
			  parallel: 0
		`);
		expect(errors(huge).map((d) => [d.code, at(d)])).toEqual([
			['invalid-value', '3:13'],
			['invalid-value', '6:13'],
		]);
		expect(job(huge, 'a').parallelism).toBeUndefined();
		expect(schemaIssues(huge)).toEqual([]);
	});

	it('needs one matrix instance, or all of them implicitly', () => {
		expect(requires(output, 'report')).toEqual(['test: [3.12, linux]']);
		expect(requires(output, 'all')).toEqual(['test: [3.11, linux]', 'test: [3.12, linux]', 'test: [pypy]', 'shards']);
	});
});

describe('environments, cache, artifacts, services and variables', () => {
	const output = parse(yaml`
		variables:
		  GLOBAL: "g"
		  API_TOKEN: "abc123"
		  DEPLOY_TO:
		    value: staging
		    options: [staging, production]
		    description: Where to deploy
		default:
		  image: ruby:3.3
		  services: [postgres:16, {name: redis:7, alias: cache}]
		  tags: [saas-linux-small]
		test:
		  cache:
		    key:
		      files: [Gemfile.lock]
		    paths: [vendor/]
		    policy: pull-push
		  script: [bundle exec rspec]
		  after_script: [echo done]
		  artifacts:
		    when: always
		    paths: [coverage/]
		    reports:
		      junit: rspec.xml
		  allow_failure: true
		review:
		  stage: deploy
		  script: helm upgrade app
		  environment:
		    name: review/$CI_COMMIT_REF_SLUG
		    url: https://$CI_COMMIT_REF_SLUG.example.com
		    on_stop: stop_review
		stop_review:
		  stage: deploy
		  script: helm uninstall
		  when: manual
		  environment: {name: review/$CI_COMMIT_REF_SLUG, action: stop}
		prod:
		  stage: deploy
		  script: kubectl apply
		  environment: production
		uat:
		  stage: deploy
		  script: x
		  environment: uat
		  inherit: {default: false}
	`);

	it('maps environments to deploy targets with tiers', () => {
		expect(output.deployTargets?.map((t) => [t.id, t.tier, t.platform, t.jobs])).toEqual([
			['review/$CI_COMMIT_REF_SLUG', 'review', 'helm', ['review']],
			['production', 'production', 'kubernetes', ['prod']],
			['uat', 'preproduction', undefined, ['uat']],
		]);
		expect(job(output, 'prod').deployTarget).toBe('production');
		expect(job(output, 'stop_review').description).toContain('Stops');
		expect(job(output, 'stop_review').deployTarget).toBeUndefined();
	});

	it('builds steps per log section: cache, scripts, artifacts, test results', () => {
		expect(steps(output, 'test').map((s) => [s.id, s.kind, s.name, s.condition])).toEqual([
			['1', 'cache-restore', 'Restoring cache', undefined],
			['2', 'run', 'script', undefined],
			['3', 'run', 'after_script', 'always'],
			['4', 'cache-save', 'Saving cache', undefined],
			['5', 'artifacts', 'Uploading artifacts', 'always'],
			['6', 'test-results', 'Uploading test results', 'always'],
		]);
		expect(steps(output, 'test')[0]).toMatchObject({ keys: ['{{ files: Gemfile.lock }}'], paths: ['vendor/'] });
		expect(steps(output, 'test')[5]!.paths).toEqual(['rspec.xml']);
		expect(job(output, 'test').allowFailure).toBe(true);
	});

	it('reports inherit:variables as not modelled, where it is: its job is shown with every variable of the pipeline', () => {
		const o = parse(yaml`
			variables: {GLOBAL: g}
			own:
			  inherit: {default: false, variables: [GLOBAL]}
			  script: x
			mine:
			  inherit: {default: false}
			  script: y
		`);
		expect(diagnostics(o, 'not-modelled').map((d) => [d.message, at(d)])).toEqual([['`inherit:variables` (the job is shown with every variable of the pipeline) is not modelled by Pipeline Atlas yet; it is kept out of the pages', '3:29']]);
	});

	it('applies default image, services and runner tags unless inherit:default is false', () => {
		expect(job(output, 'test').executor).toMatchObject({ kind: 'docker', images: [{ image: 'ruby:3.3' }], resourceClass: 'saas-linux-small' });
		expect(job(output, 'test').services).toEqual([{ image: 'postgres:16' }, { image: 'redis:7', name: 'cache' }]);
		expect(job(output, 'uat').executor).toEqual({ kind: 'runner', images: [] });
	});

	it('reads pipeline variables, parameters and hides secrets', () => {
		expect(output.env?.map((v) => [v.name, v.value, v.secret, v.scope])).toEqual([
			['GLOBAL', 'g', false, 'pipeline'],
			['API_TOKEN', undefined, true, 'pipeline'],
			['DEPLOY_TO', 'staging', false, 'pipeline'],
		]);
		expect(output.parameters).toMatchObject([{ name: 'DEPLOY_TO', type: 'enum', default: 'staging', enum: ['staging', 'production'], description: 'Where to deploy — Offered in GitLab’s Run pipeline form when the pipeline is run by hand' }]);
		expect(diagnostics(output, 'secret-in-config').map(at)).toEqual(['3:3']);
		expect(JSON.stringify(output)).not.toContain('abc123');
		expect(schemaIssues(output)).toEqual([]);
	});
});

describe('limits', () => {
	const output = parse(yaml`
		default:
		  timeout: 30m
		  retry: 1
		build: {script: make}
		flaky:
		  script: make it
		  retry:
		    max: 2
		    when: [runner_system_failure, stuck_or_timeout_failure]
		    exit_codes: 137
		deploy:
		  script: ./deploy
		  timeout: 1h 30m
		  retry: 0
		  resource_group: production
		own:
		  inherit: {default: false}
		  script: x
	`);

	it('reads timeout and retry, from default: unless a job sets or refuses them', () => {
		expect(output.jobs.map((j) => [j.id, j.timeout, j.retry])).toEqual([
			['build', '30m', { max: 1, when: [] }],
			['flaky', '30m', { max: 2, when: ['runner_system_failure', 'stuck_or_timeout_failure', 'exit code 137'] }],
			['deploy', '1h 30m', undefined],
			['own', undefined, undefined],
		]);
	});

	it('reads the coverage pattern, and refuses one that is not between slashes', () => {
		const o = parse(yaml`
			test: {script: make test, coverage: '/total:\s+(\d+\.\d+)%/'}
			bad: {script: make, coverage: 'total'}
		`);
		expect(job(o, 'test').coverage).toBe('/total:\\s+(\\d+\\.\\d+)%/');
		expect(job(o, 'bad').coverage).toBeUndefined();
		expect(errors(o).map((d) => [d.code, at(d)])).toEqual([['invalid-value', '2:31']]);
	});

	it('keeps a cache policy other than the default on its steps, and refuses one GitLab does not know', () => {
		const o = parse(yaml`
			pull: {script: make, cache: {paths: [a/], policy: pull}}
			both: {script: make, cache: {paths: [a/]}}
			typo: {script: make, cache: {paths: [a/], policy: pul}}
			listed: {script: make, cache: {paths: [a/], policy: [pull]}}
		`);
		expect(steps(o, 'pull').map((s) => [s.kind, s.with])).toEqual([['cache-restore', { policy: 'pull' }], ['run', {}]]);
		expect(steps(o, 'both').map((s) => [s.kind, s.with])).toEqual([['cache-restore', {}], ['run', {}], ['cache-save', {}]]);
		// Refused where it is written; the job is shown with GitLab's default.
		expect(steps(o, 'typo').map((s) => [s.kind, s.with])).toEqual([['cache-restore', {}], ['run', {}], ['cache-save', {}]]);
		expect(errors(o).map((d) => [d.code, at(d), d.message])).toEqual([
			['invalid-value', '3:51', '`cache:policy` must be `pull`, `push`, `pull-push` or a variable, not `pul`'],
			['invalid-value', '4:53', expect.stringMatching(/^`cache:policy` must be .* not a list/)],
		]);
	});

	it('reads resource_group as jobs that run one at a time', () => {
		expect(job(output, 'deploy').concurrency).toEqual({ group: 'production' });
		expect(job(output, 'build').concurrency).toBeUndefined();
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('reads interruptible (from default: too) and the workflow auto_cancel', () => {
		const o = parse(yaml`
			workflow:
			  auto_cancel:
			    on_new_commit: interruptible
			    on_job_failure: all
			default:
			  interruptible: true
			test: {script: make test}
			deploy: {script: ./deploy, interruptible: false}
		`);
		expect(o.jobs.map((j) => [j.id, j.interruptible])).toEqual([
			['test', true],
			['deploy', false],
		]);
		expect(workflow(o, 'pipeline').autoCancel).toEqual({ onNewCommit: 'interruptible', onJobFailure: 'all' });
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o)).toEqual([]);
		expect(schemaIssues(o)).toEqual([]);
	});

	it('reports auto_cancel settings GitLab refuses', () => {
		const o = parse(yaml`
			workflow:
			  auto_cancel: {on_new_commit: always, on_job_fail: all}
			a: {script: x, interruptible: yes please}
		`);
		expect(errors(o).map((d) => [d.code, at(d)])).toEqual([
			['invalid-value', '2:32'],
			['invalid-type', '3:31'],
		]);
		expect(diagnostics(o, 'unknown-key').map(at)).toEqual(['2:40']);
		expect(workflow(o, 'pipeline').autoCancel).toBeUndefined();
	});

	it('reports a retry GitLab refuses, and unknown retry keys, where they are', () => {
		const o = parse(yaml`
			a: {script: x, retry: 3}
			b:
			  script: x
			  retry: {max: 1, whne: always}
			c: {script: x, resource_group: [a]}
		`);
		expect(errors(o).map((d) => [d.code, at(d)])).toEqual([
			['invalid-value', '1:23'],
			['invalid-type', '5:32'],
		]);
		expect(diagnostics(o, 'misspelt-key').map(at)).toEqual(['4:19']);
		expect(job(o, 'b').retry).toEqual({ max: 1, when: [] });
	});
});

describe('diagnostics', () => {
	it('reports not-modelled keys with their location, once per place', () => {
		const o = parse(yaml`
			.t:
			  hooks: {pre_get_sources_script: date}
			a:
			  extends: .t
			  script: x
			  release: {tag_name: v1}
			  manual_confirmation: Sure?
			b: {extends: .t, script: y}
		`);
		expect(diagnostics(o, 'not-modelled').map((d) => [/`(\w+)`/.exec(d.message)![1], at(d)])).toEqual([
			['hooks', '2:3'],
			['release', '6:3'],
			['manual_confirmation', '7:3'],
		]);
	});

	it('warns about misspelt job and top-level keys, naming the likely key', () => {
		const o = parse(yaml`
			varaibles: {A: b}
			build:
			  scirpt: make
			  stgae: build
		`);
		expect(diagnostics(o, 'misspelt-key').map((d) => [d.severity, at(d), /did you mean `(\w+)`/.exec(d.message)![1]])).toEqual([
			['warning', '1:1', 'variables'],
			['warning', '3:3', 'script'],
			['warning', '4:3', 'stage'],
		]);
	});

	it('reports YAML errors located, reads CRLF and a BOM, and never throws', () => {
		const broken = parse('build:\n  script: [make\n');
		expect(errors(broken).map((d) => d.code)).toEqual(['yaml-syntax']);
		expect(errors(broken)[0]!.location.line).toBeGreaterThanOrEqual(1);
		const windows = parse('\uFEFFbuild:\r\n  script: make\r\n');
		expect(errors(windows)).toEqual([]);
		expect(job(windows, 'build').location).toEqual({ file: '.gitlab-ci.yml', line: 1, column: 1 });
		for (const text of ['', '- a\n- b\n', 'a: 1\n', 'x: !reference [a\n', 'a:\n  script: {{ cmd }}\n', '{% if x %}\na:\n  script: x\n{% endif %}\n', 'a: {script: x, parallel: {matrix: 3}, needs: {a: b}, rules: 1, only: {refs: {}}}\n']) {
			expect(() => parse(text), JSON.stringify(text)).not.toThrow();
			expect(schemaIssues(parse(text)), text).toEqual([]);
		}
	});

	it('locates template placeholders', () => {
		const jinja = parse('{% if x %}\na:\n  script: x\n{% endif %}\n');
		expect(diagnostics(jinja, 'template-syntax').map((d) => [d.severity, at(d)])).toEqual([['warning', '1:1']]);
		expect(errors(jinja).map((d) => d.code)).toEqual(['yaml-syntax']);
		const mustache = parse('a:\n  script: echo "{{ name }}"\n');
		expect(diagnostics(mustache, 'template-syntax').map((d) => [d.severity, at(d)])).toEqual([['info', '2:17']]);
		expect(errors(mustache)).toEqual([]);
	});

	it('models trigger jobs as one step with a reference diagnostic', () => {
		const o = parse('child:\n  trigger:\n    include: ci/child.yml\n    strategy: depend\n');
		expect(steps(o, 'child').map((s) => [s.kind, s.keyword])).toEqual([['other', 'trigger']]);
		expect(diagnostics(o, 'downstream-pipeline').map(at)).toEqual(['3:5']);
		expect(errors(o)).toEqual([]);
	});
});
