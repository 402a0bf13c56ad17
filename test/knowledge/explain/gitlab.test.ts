import { describe, expect, it } from 'vitest';
import { explained, jobOf, pipelineOf, yaml } from './support';

const pipeline = pipelineOf(
	'.gitlab-ci.yml',
	yaml`
		stages: [build, test, deploy]
		build:
		  stage: build
		  image: node:20
		  cache:
		    key:
		      files: [package-lock.json]
		    paths: [.npm/]
		  before_script:
		    - npm ci --cache .npm --prefer-offline
		  script:
		    - npm run build
		  after_script:
		    - echo done
		  artifacts:
		    paths: [dist/]
		    expire_in: 1 week
		    reports:
		      dotenv: build.env
		test:
		  stage: test
		  image: node:20
		  cache:
		    key: $CI_COMMIT_REF_SLUG
		    paths: [node_modules/]
		    policy: pull
		  dependencies: [build]
		  script:
		    - npm test
		  artifacts:
		    when: always
		    reports:
		      junit: junit.xml
		release:
		  stage: deploy
		  image: docker:27
		  services: [docker:27-dind]
		  environment: production
		  script:
		    - docker build -t $CI_REGISTRY_IMAGE .
		downstream:
		  stage: deploy
		  trigger:
		    project: acme/deployments
		    strategy: depend
	`,
);

describe('GitLab keywords as steps', () => {
	it('cache with key: files restores before the script and saves after it', () => {
		const restore = explained(pipeline, 'build', '1');
		expect(restore.topic).toBe('gitlab:cache');
		expect(restore.summary).toBe('Restores `.npm/` from the cache `{{ files: package-lock.json }}`, reused until `package-lock.json` changes.');
		expect(restore.details[0]).toMatch(/^`key: files:` makes GitLab derive the key from the latest commits that changed `package-lock\.json`/);
		const save = explained(pipeline, 'build', '5');
		expect(save.summary).toBe('Uploads `.npm/` to the cache `{{ files: package-lock.json }}` after the script, for later jobs and pipelines.');
		expect(save.details.some((d) => /replaces the cache under this key each time/.test(d))).toBe(true);
	});

	it('a cache keyed by branch, pull policy: restored only', () => {
		const restore = explained(pipeline, 'test', '1');
		expect(restore.summary).toBe('Restores `node_modules/` from the cache `$CI_COMMIT_REF_SLUG`, reused by every later run, separately for each branch.');
		expect(restore.details).toContain('`policy: pull`: this job only downloads the cache and never uploads it, so nothing it changes reaches later jobs through the cache.');
		expect(jobOf(pipeline, 'test').steps.map((step) => step.kind)).not.toContain('cache-save');
		// The default policy says nothing of its own on restoring.
		expect(explained(pipeline, 'build', '1').details.join('\n')).not.toMatch(/policy/);
	});

	it('a push policy: saved only, said so; a policy from a variable: both steps, known when the pipeline runs', () => {
		const policies = pipelineOf(
			'.gitlab-ci.yml',
			yaml`
				warm:
				  cache: { key: deps, paths: [vendor/], policy: push }
				  script: [make vendor]
				either:
				  cache: { key: deps, paths: [vendor/], policy: $CACHE_POLICY }
				  script: [make test]
			`,
		);
		expect(jobOf(policies, 'warm').steps.map((step) => step.kind)).toEqual(['run', 'cache-save']);
		const save = explained(policies, 'warm', '2');
		expect(save.details).toContain('`policy: push`: this job only uploads the cache; it does not download it first, so it starts without the files a cache would give.');
		expect(save.details).toContain('Unlike CircleCI and GitHub, GitLab replaces the cache under this key each time a job saves it.');
		expect(jobOf(policies, 'either').steps.map((step) => [step.kind, step.with.policy])).toEqual([
			['cache-restore', '$CACHE_POLICY'],
			['run', undefined],
			['cache-save', '$CACHE_POLICY'],
		]);
		const known = 'The policy, `$CACHE_POLICY`, is known only when the pipeline runs: `pull` only restores the cache, `push` only saves it, `pull-push` does both.';
		expect(explained(policies, 'either', '1').details).toContain(known);
		expect(explained(policies, 'either', '3').details).toContain(known);
	});

	it('before_script, script and after_script carry notes on how GitLab runs them', () => {
		expect(explained(pipeline, 'build', '2').details[0]).toMatch(/^`before_script` runs before `script` in the same shell/);
		expect(explained(pipeline, 'build', '2').summary).toBe(
			'Installs exactly the dependency versions locked in `package-lock.json`, after deleting any existing `node_modules` (using the local download cache when it can).',
		);
		expect(explained(pipeline, 'build', '4').details[0]).toMatch(/^`after_script` runs after `script` even when it failed/);
	});

	it('artifacts, their reports and how long they are kept', () => {
		const artifacts = explained(pipeline, 'build', '6');
		expect(artifacts.summary).toBe('Uploads `dist/` as the job’s artifacts when the job succeeds.');
		expect(artifacts.details).toContain('Kept for `1 week` (`expire_in`).');
		expect(artifacts.details).toContain('Report `dotenv` from `build.env`: its `KEY=value` lines become variables of the jobs that come after.');
		expect(explained(pipeline, 'test', '4').summary).toBe('Uploads the JUnit XML reports `junit.xml`, so the pipeline’s Tests tab and merge requests list failed tests.');
	});

	it('a script in a job with a Docker-in-Docker service and an environment', () => {
		expect(explained(pipeline, 'release', '1').details).toEqual([
			'Each line of `script` runs in turn in one shell; the job fails at the first line that exits with an error.',
			'The `docker` commands talk to the `docker:27-dind` service: a Docker engine running beside the job, reached through `DOCKER_HOST`.',
			'The job deploys to the environment `production`: GitLab records each run as a deployment there.',
		]);
	});

	it('dependencies and trigger', () => {
		expect(explained(pipeline, 'test', '2').summary).toBe('Downloads the artifacts of `build` only, instead of those of every job in earlier stages.');
		const trigger = explained(pipeline, 'downstream', '1');
		expect(trigger.summary).toBe('Starts a pipeline in the project `acme/deployments` (a multi-project pipeline).');
		expect(trigger.details[0]).toMatch(/^`strategy: depend`/);
	});
});
