import { describe, expect, it } from 'vitest';
import { detectFile } from '../../src/ingest/detect';

describe('detectFile', () => {
	it('knows the CIs by the paths they read', () => {
		expect(detectFile('.circleci/config.yml', '')).toEqual({ provider: 'circleci', role: 'config' });
		expect(detectFile('.github/workflows/ci.yaml', '')).toEqual({ provider: 'github-actions', role: 'workflow' });
		expect(detectFile('.gitlab-ci.yml', '')).toEqual({ provider: 'gitlab', role: 'config' });
		expect(detectFile('orbs/circleci/python.yml', '')).toEqual({ provider: 'circleci', role: 'orb' });
		expect(detectFile('pipeline.yml', 'title: x')).toEqual({ provider: 'unknown', role: 'metadata' });
		expect(detectFile('Procfile', 'web: x')).toEqual({ provider: 'heroku', role: 'heroku' });
	});

	it('recognises configs kept under other names by their content', () => {
		expect(detectFile('circleci-config.last.yml', 'version: 2\njobs: {}\n')?.provider).toBe('circleci');
		expect(detectFile('ci.yml', 'version: 2.1\nworkflows:\n  w: {}\n')?.provider).toBe('circleci');
		expect(detectFile('backend-ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n')?.provider).toBe('github-actions');
		expect(detectFile('ci.yml', 'stages: [build]\nbuild:\n  script: make\n')?.provider).toBe('gitlab');
	});

	it('reads metadata and Heroku files only at the top of a pipeline folder', () => {
		expect(detectFile('.github/workflows/pipeline.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n')?.role).toBe('workflow');
		expect(detectFile('app.json', '{"expo": {"name": "x"}}')).toBeUndefined();
		expect(detectFile('app.json', '{"name": "x", "formation": {"web": {"quantity": 1}}}')?.provider).toBe('heroku');
		expect(detectFile('web/Procfile', 'web: x')).toBeUndefined();
	});

	it("knows other CIs' files by their paths, before reading any file by its content", () => {
		expect(detectFile('azure-pipelines.yml', 'stages:\n- stage: a\n')).toEqual({ provider: 'unknown', role: 'other', ci: 'Azure Pipelines' });
		expect(detectFile('.travis.yml', 'stages: [test]\njobs: {}\n')?.ci).toBe('Travis CI');
		expect(detectFile('.buildkite/pipeline.yml', 'steps: []\n')?.ci).toBe('Buildkite');
		expect(detectFile('Jenkinsfile', 'pipeline { }')?.ci).toBe('Jenkins');
		// Their names under our CIs' own folders are ours, and deeper in a repository not the repository's CI.
		expect(detectFile('.github/workflows/azure-pipelines.yml', 'on: push\njobs: {}\n')?.role).toBe('workflow');
		expect(detectFile('vendor/lib/.travis.yml', 'language: c\n')).toBeUndefined();
		// An Azure template under another name, by its `- stage:` and `- task:` entries; GitLab's stages are names.
		expect(detectFile('templates/build.yml', 'stages:\n- stage: build\n  jobs:\n  - job: a\n    steps:\n    - task: Npm@1\n')?.ci).toBe('Azure Pipelines');
		expect(detectFile('ci.yml', 'stages: [build]\nbuild:\n  stage: build\n  script: make\n  needs:\n    - job: lint\n')?.provider).toBe('gitlab');
		// A Travis file under another name, by its top-level scalars and lists; GitLab's jobs of those names are mappings.
		expect(detectFile('ci/travis-ci.yml', 'language: node_js\nstages: [test, deploy]\njobs:\n  include:\n    - stage: test\n')?.ci).toBe('Travis CI');
		expect(detectFile('ci.yml', 'stages: [test]\nscript:\n  - npm test\n')?.ci).toBe('Travis CI');
		expect(detectFile('ci.yml', 'stages: [test]\nos:\n  stage: test\n  script: make\ninstall:\n  script: make install\n')?.provider).toBe('gitlab');
		// Saved on Windows, with a BOM, a comment after the key: still Travis's.
		expect(detectFile('ci.yml', '\uFEFFlanguage: python\r\nstages:\r\n  - test\r\n')?.ci).toBe('Travis CI');
		expect(detectFile('ci.yml', 'stages: [test]\r\nscript: # the tests\r\n\r\n  - npm test\r\n')?.ci).toBe('Travis CI');
		// A GitLab job under an anchor, or an alias of one: GitLab's.
		expect(detectFile('ci.yml', 'stages: [test]\ninstall: &install\n  stage: test\n  script: make\ndist: *install\n')?.provider).toBe('gitlab');
	});

	it('leaves other files alone', () => {
		expect(detectFile('docker-compose.yml', 'services:\n  db:\n    image: postgres\n')).toBeUndefined();
		expect(detectFile('README.md', '# hi')).toBeUndefined();
		expect(detectFile('runs/42/job.json', '{}')?.role).toBe('run');
	});
});
