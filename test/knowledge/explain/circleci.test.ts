import { describe, expect, it } from 'vitest';
import { explainOrbJob, explainStep } from '../../../src/knowledge/explain';
import { explained, jobOf, pipelineOf, stepOf, yaml } from './support';

const CONFIG = '.circleci/config.yml';

describe('CircleCI caches: what each key template means for reuse', () => {
	const pipeline = pipelineOf(
		CONFIG,
		yaml`
			version: 2.1
			jobs:
			  build:
			    docker: [{ image: cimg/python:3.12 }]
			    steps:
			      - checkout
			      - restore_cache:
			          keys:
			            - v1-deps-{{ .Branch }}-{{ checksum "Pipfile.lock" }}
			            - v1-deps-{{ .Branch }}-
			            - v1-deps-
			      - run: pipenv install --dev
			      - save_cache:
			          key: v1-deps-{{ .Branch }}-{{ checksum "Pipfile.lock" }}
			          paths: [~/.local/share/virtualenvs]
			      - save_cache:
			          key: v1-build-{{ .Revision }}-{{ epoch }}
			          paths: [build]
			      - save_cache:
			          key: v1-tools-{{ arch }}
			          paths: [~/tools]
			      - save_cache:
			          key: node-modules
			          paths: [node_modules]
			workflows:
			  main: { jobs: [build] }
		`,
	);

	it('a checksum key is reused until the file changes, per branch', () => {
		const save = explained(pipeline, 'build', '4');
		expect(save.topic).toBe('circleci:save_cache');
		expect(save.summary).toBe(
			'Saves `~/.local/share/virtualenvs` in the cache under the key `v1-deps-{{ .Branch }}-{{ checksum "Pipfile.lock" }}`, reused until `Pipfile.lock` changes, separately for each branch.',
		);
		expect(save.details).toContain('`{{ checksum "Pipfile.lock" }}` is a hash of the contents of `Pipfile.lock`: the key changes exactly when that file changes.');
		expect(save.details).toContain('`{{ .Branch }}` is the branch being built, so each branch keeps its own cache.');
		expect(save.details.some((d) => /never overwrites/.test(d))).toBe(true);
		expect(save.risks).toEqual([]);
	});

	it('restore keys are prefix matches, the later ones falling back to older caches', () => {
		const restore = explained(pipeline, 'build', '2');
		expect(restore.topic).toBe('circleci:restore_cache');
		expect(restore.summary).toMatch(/^Restores the newest cache whose key starts with `v1-deps-\{\{ \.Branch \}\}-\{\{ checksum "Pipfile\.lock" \}\}` \(so one is reused until `Pipfile\.lock` changes, separately for each branch\), falling back to 2 shorter keys\.$/);
		expect(restore.details).toContain(
			'Fallback `v1-deps-`: when nothing matches the keys before it, the newest cache whose key starts with this text is restored — an older cache, so only what changed since has to be downloaded again.',
		);
		expect(restore.details.some((d) => /matched as a prefix and the most recent matching cache wins/.test(d))).toBe(true);
	});

	it('{{ .Revision }} and {{ epoch }} make a new key every run', () => {
		const save = explained(pipeline, 'build', '5');
		expect(save.summary).toMatch(/reused never as it is: every run saves under a new key/);
		expect(save.details).toContain('`{{ epoch }}` is the current time in seconds, different every run.');
		expect(save.details).toContain('`{{ .Revision }}` is the commit being built: only a build of the same commit finds this key again.');
	});

	it('{{ arch }} keeps machines of different kinds apart', () => {
		expect(explained(pipeline, 'build', '6').summary).toMatch(/reused by every later run, separately for each kind of machine\.$/);
	});

	it('a key without templates is flagged: CircleCI never refreshes it', () => {
		const save = explained(pipeline, 'build', '7');
		expect(save.summary).toMatch(/reused every time, as the key never changes\.$/);
		expect(save.risks).toHaveLength(1);
		expect(save.risks[0]).toMatch(/saved once and then stays as it was/);
	});
});

describe('CircleCI workspaces: which paths the next jobs get, and where', () => {
	const pipeline = pipelineOf(
		CONFIG,
		yaml`
			version: 2.1
			jobs:
			  build:
			    docker: [{ image: cimg/node:20.0 }]
			    steps:
			      - checkout
			      - persist_to_workspace:
			          root: ~/project
			          paths: [dist, package.json]
			  deploy:
			    docker: [{ image: cimg/node:20.0 }]
			    steps:
			      - attach_workspace:
			          at: /tmp/workspace
			      - run: ls /tmp/workspace/dist
			workflows:
			  main:
			    jobs:
			      - build
			      - deploy: { requires: [build] }
		`,
	);

	it('persist names the jobs that attach it and where they find each path', () => {
		const persist = explained(pipeline, 'build', '2');
		expect(persist.topic).toBe('circleci:persist_to_workspace');
		expect(persist.summary).toBe('Adds `dist` and `package.json` from `~/project` to the workflow’s workspace, for `deploy` to attach.');
		expect(persist.details).toContain('`deploy` attaches the workspace at `/tmp/workspace`, so it finds `/tmp/workspace/dist`, `/tmp/workspace/package.json`.');
	});

	it('attach names the jobs the files come from and where they land', () => {
		const attach = explained(pipeline, 'deploy', '1');
		expect(attach.summary).toBe('Puts the files that `build` saved to the workflow’s workspace into `/tmp/workspace`.');
		expect(attach.details[0]).toBe('From `build`: `dist` and `package.json`, which land at `/tmp/workspace/dist` and `/tmp/workspace/package.json`.');
	});
});

describe('the other CircleCI built-in steps', () => {
	const pipeline = pipelineOf(
		CONFIG,
		yaml`
			version: 2.1
			parameters:
			  deploy: { type: boolean, default: false }
			jobs:
			  build:
			    docker: [{ image: cimg/base:current }]
			    working_directory: ~/app
			    steps:
			      - checkout
			      - setup_remote_docker:
			          docker_layer_caching: true
			      - store_artifacts:
			          path: coverage
			          destination: coverage-report
			      - store_test_results:
			          path: test-results
			      - add_ssh_keys:
			          fingerprints: ["SO:ME:FI:NG:ER:PR:IN:T"]
			      - when:
			          condition: << pipeline.parameters.deploy >>
			          steps:
			            - run: ./deploy.sh
			      - run:
			          command: npm start
			          background: true
			workflows:
			  main: { jobs: [build] }
		`,
	);

	it('checkout names the working directory', () => {
		const checkout = explained(pipeline, 'build', '1');
		expect(checkout.summary).toBe('Clones the repository at the commit that started the pipeline into the job’s working directory (`~/app`).');
		expect(checkout.reference).toMatch(/^https:\/\/circleci\.com\//);
	});

	it('setup_remote_docker explains the separate engine and layer caching', () => {
		const docker = explained(pipeline, 'build', '2');
		expect(docker.summary).toMatch(/separate Docker engine/);
		expect(docker.details.some((d) => d.startsWith('`docker_layer_caching: true`'))).toBe(true);
	});

	it('artifacts, test results and SSH keys say what goes where', () => {
		expect(explained(pipeline, 'build', '3').summary).toBe('Uploads `coverage` to the job’s Artifacts tab as `coverage-report`, where it can be browsed and downloaded after the job.');
		expect(explained(pipeline, 'build', '4').summary).toMatch(/JUnit XML test reports found in `test-results`/);
		expect(explained(pipeline, 'build', '5').summary).toMatch(/^Adds the SSH key with fingerprint `SO:ME:FI:NG:ER:PR:IN:T`/);
	});

	it('when: runs its steps only under the condition, decided before the job starts', () => {
		const when = explained(pipeline, 'build', '6');
		expect(when.topic).toBe('circleci:when');
		expect(when.summary).toMatch(/^Runs the 1 step inside only when `/);
		expect(when.details[0]).toMatch(/before the job starts/);
		expect(explained(pipeline, 'build', '6.1').summary).toBe('Runs the script `./deploy.sh`.');
	});

	it('a background run step says so', () => {
		expect(explained(pipeline, 'build', '7').details[0]).toMatch(/^`background: true`/);
	});
});

describe('orb commands and orb jobs', () => {
	const pipeline = pipelineOf(
		CONFIG,
		yaml`
			version: 2.1
			orbs:
			  python: circleci/python@2.1.1
			  heroku: circleci/heroku@2.0.0
			  mystery: someone/mystery@1.0.0
			jobs:
			  test:
			    docker: [{ image: cimg/python:3.12 }]
			    steps:
			      - checkout
			      - python/install-packages:
			          pkg-manager: pipenv
			      - heroku/install
			      - heroku/frobnicate
			      - mystery/do-things
			workflows:
			  main:
			    jobs:
			      - test
			      - heroku/deploy-via-git:
			          app-name: my-app
			          requires: [test]
		`,
	);

	it('python/install-packages with pipenv', () => {
		const install = explained(pipeline, 'test', '2');
		expect(install.topic).toBe('orb:circleci/python/install-packages');
		expect(install.summary).toBe('Installs the project’s Python dependencies with Pipenv, from `Pipfile` and `Pipfile.lock`, restoring and saving a cache around the install.');
		expect(install.reference).toBe('https://circleci.com/developer/orbs/orb/circleci/python');
	});

	it('a command of a known orb that has no entry is explained through its orb', () => {
		expect(explained(pipeline, 'test', '3').summary).toBe('Installs the Heroku command-line tool.');
		const unknown = explained(pipeline, 'test', '4');
		expect(unknown.topic).toBe('orb:circleci/heroku');
		expect(unknown.summary).toMatch(/^Runs `frobnicate`, a command of the `circleci\/heroku` orb/);
	});

	it('an orb nobody knows gets no explanation', () => {
		const job = jobOf(pipeline, 'test');
		expect(explainStep(stepOf(job, '5'), { provider: 'circleci', job, pipeline })).toBeUndefined();
	});

	it('an orb job used straight in a workflow', () => {
		const deploy = explainOrbJob(jobOf(pipeline, 'heroku/deploy-via-git'), pipeline);
		expect(deploy?.topic).toBe('orb:circleci/heroku/deploy-via-git');
		expect(deploy?.summary).toBe(
			'Checks out the code, installs the Heroku CLI and deploys to the Heroku app `my-app` by pushing the current branch to Heroku’s git remote; Heroku then builds and releases the code.',
		);
	});
});
