import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import { anchor } from '../../src/site/urls';

const circle = (job: string) => `version: 2.1\njobs:\n  ${job}:\n    docker: [{image: cimg/base:stable}]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [${job}]\n`;

describe('assembleFolder', () => {
	it('one config: the pipeline is named after its folder and takes pipeline.yml metadata', () => {
		const [p, ...rest] = assembleFolder({
			group: 'shop',
			displayPrefix: 'pipelines/shop/',
			files: [
				{ path: '.circleci/config.yml', text: circle('build') },
				{ path: 'pipeline.yml', text: 'title: Shop\ndefaultBranch: trunk\ndeployTargets:\n  - id: prod\n    name: Production\n    tier: production\n    jobs: [build]\n' },
			],
		});
		expect(rest).toEqual([]);
		expect(p).toMatchObject({ id: 'shop', title: 'Shop', provider: 'circleci', defaultBranch: 'trunk' });
		expect(p!.jobs[0]).toMatchObject({ id: 'build', slug: 'build', deployTarget: 'prod' });
		expect(p!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
	});

	it('several configs give one pipeline each, with readable ids', () => {
		const pipelines = assembleFolder({
			group: 'repo',
			displayPrefix: 'pipelines/repo/',
			files: [
				{ path: '.circleci/config.yml', text: circle('build') },
				{ path: 'circleci-config.old.yml', text: circle('old') },
				{ path: '.gitlab-ci.yml', text: 'test:\n  script: make test\n' },
				{ path: '.github/workflows/ci.yml', text: 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n' },
			],
		});
		expect(pipelines.map((p) => [p.id, p.provider])).toEqual([
			['repo-circleci', 'circleci'],
			['repo-circleci-config-old', 'circleci'],
			['repo-github-actions', 'github-actions'],
			['repo-gitlab', 'gitlab'],
		]);
	});

	it('GitLab files included by another config are part of it, resolved from that config’s folder', () => {
		const pipelines = assembleFolder({
			group: 'mono',
			displayPrefix: 'pipelines/mono/',
			files: [
				{ path: 'ci/.gitlab-ci.yml', text: 'include:\n  - "packages/api/.gitlab-ci.yml"\n' },
				{ path: 'ci/packages/api/.gitlab-ci.yml', text: 'publish:\n  stage: build\n  script: docker push api\n' },
			],
		});
		expect(pipelines).toHaveLength(1);
		expect(pipelines[0]!.jobs.map((j) => j.id)).toEqual(['publish']);
		expect(pipelines[0]!.sources.map((s) => s.path)).toEqual(['ci/.gitlab-ci.yml', 'ci/packages/api/.gitlab-ci.yml']);
	});

	it('points a deploy target naming an unknown job at its place in pipeline.yml', () => {
		const [p] = assembleFolder({
			group: 'shop',
			displayPrefix: 'pipelines/shop/',
			files: [
				{ path: '.circleci/config.yml', text: circle('build') },
				{ path: 'pipeline.yml', text: 'deployTargets:\n  - id: prod\n    name: Production\n    jobs: [build, deploy]\n' },
			],
		});
		const d = p!.diagnostics.find((x) => x.code === 'unknown-job');
		expect(d?.location).toEqual({ file: 'pipelines/shop/pipeline.yml', line: 4, column: 19 });
	});

	it('reports a bad pipeline.yml with its location and still builds the pipeline', () => {
		const [p] = assembleFolder({
			group: 'shop',
			displayPrefix: 'pipelines/shop/',
			files: [
				{ path: '.circleci/config.yml', text: circle('build') },
				{ path: 'pipeline.yml', text: 'title: Shop\nrepository: javascript:alert(1)\n' },
			],
		});
		expect(p!.jobs).toHaveLength(1);
		expect(p!.repositoryUrl).toBeUndefined();
		expect(p!.diagnostics.find((d) => d.code === 'metadata')?.location).toEqual({ file: 'pipelines/shop/pipeline.yml', line: 2, column: 13 });
	});

	it('a folder without CI files still gets a pipeline that says so', () => {
		const [p] = assembleFolder({ group: 'empty', displayPrefix: 'pipelines/empty/', files: [{ path: 'notes.yml', text: 'a: 1\n' }] });
		expect(p).toMatchObject({ id: 'empty', provider: 'unknown' });
		expect(p!.diagnostics.map((d) => d.code)).toEqual(['no-config']);
	});

	it("names another CI's files as not modelled, never reading one as ours: alone in a folder, and beside a config", () => {
		// Top-level `stages:` and `jobs:`: read by its content, a .travis.yml was a GitLab config whose every key was an error.
		const travis = { path: '.travis.yml', text: 'language: python\nstages: [test]\njobs:\n  include:\n    - stage: test\n      script: pytest\n' };
		const [alone] = assembleFolder({ group: 'old', displayPrefix: 'pipelines/old/', files: [{ path: '.azure-pipelines/win.yml', text: 'stages:\n- stage: build\n' }, travis] });
		expect(alone).toMatchObject({ provider: 'unknown', jobs: [], sources: [{ path: '.azure-pipelines/win.yml', role: 'other-ci' }, { path: '.travis.yml', role: 'other-ci' }] });
		expect(alone!.diagnostics.map((d) => `${d.severity} ${d.location.file}: ${d.message}`)).toEqual([
			'info pipelines/old/.azure-pipelines/win.yml: Azure Pipelines configuration is not modelled by Pipeline Atlas yet; the file is listed but not shown',
			'info pipelines/old/.travis.yml: Travis CI configuration is not modelled by Pipeline Atlas yet; the file is listed but not shown',
			'warning pipelines/old/: no CI configuration Pipeline Atlas models in this folder, only files of other CIs: Azure Pipelines (.azure-pipelines/win.yml), Travis CI (.travis.yml)',
		]);
		// Checked on its own beside a config of ours (`check .travis.yml`), the file speaks for itself.
		const [single] = assembleFolder({ group: 'travis', displayPrefix: 'shop/', files: [{ path: '.circleci/config.yml', text: circle('build') }, travis], only: ['.travis.yml'] });
		expect(single!.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.location.file}: ${d.message}`)).toEqual([
			'shop/.travis.yml: no CI configuration Pipeline Atlas models in this file: it is Travis CI (.travis.yml)',
		]);
		const [templates] = assembleFolder({ group: 't', displayPrefix: 'pipelines/t/', files: ['a', 'b'].map((n) => ({ path: `.azure-pipelines/${n}.yml`, text: 'steps:\n- script: make\n' })) });
		expect(templates!.diagnostics.at(-1)!.message).toBe('no CI configuration Pipeline Atlas models in this folder, only files of other CIs: Azure Pipelines (2 files)');
		const [beside, ...none] = assembleFolder({ group: 'shop', displayPrefix: 'pipelines/shop/', files: [{ path: '.circleci/config.yml', text: circle('build') }, travis] });
		expect(none).toEqual([]);
		expect(beside).toMatchObject({ provider: 'circleci', jobs: [{ id: 'build' }] });
		expect(beside!.diagnostics.filter((d) => d.code === 'not-modelled').map((d) => `${d.location.file}: ${d.message}`)).toEqual([
			'pipelines/shop/.travis.yml: Travis CI configuration is not modelled by Pipeline Atlas yet; this file is not shown',
		]);
		// A file a GitLab config includes is that config's, whatever its name.
		const [gitlab] = assembleFolder({
			group: 'api',
			displayPrefix: 'pipelines/api/',
			files: [
				{ path: '.gitlab-ci.yml', text: 'include:\n  - local: /buildspec.yml\nbuild:\n  script: make\n' },
				{ path: 'buildspec.yml', text: 'deploy:\n  script: ./deploy\n' },
			],
		});
		expect(gitlab!.jobs.map((j) => j.id).sort()).toEqual(['build', 'deploy']);
		expect(gitlab!.diagnostics.filter((d) => d.code === 'not-modelled')).toEqual([]);
	});

	it('Heroku files beside one CI config: the CI keeps the folder id, Heroku stages list their jobs', () => {
		const pipelines = assembleFolder({
			group: 'app',
			displayPrefix: 'pipelines/app/',
			files: [
				{ path: '.circleci/config.yml', text: circle('deploy') },
				{ path: 'Procfile', text: 'release: python manage.py migrate\nweb: gunicorn app.wsgi\n' },
				{ path: 'pipeline.yml', text: 'deployTargets:\n  - id: staging\n    name: Staging\n    tier: staging\n    jobs: [deploy]\npromotions:\n  - from: staging\n    to: production\n' },
			],
		});
		expect(pipelines.map((p) => [p.id, p.provider])).toEqual([
			['app', 'circleci'],
			['app-heroku', 'heroku'],
		]);
		const [ci, heroku] = pipelines;
		expect(ci!.deployTargets.find((t) => t.id === 'staging')?.jobs).toEqual(['deploy']);
		const staging = heroku!.deployTargets.find((t) => t.id === 'staging')!;
		expect(staging.jobs.length).toBeGreaterThan(0);
		expect(staging.jobs.every((j) => heroku!.jobs.some((job) => job.id === j))).toBe(true);
		expect(heroku!.diagnostics.filter((d) => d.code === 'unknown-job')).toEqual([]);
	});

	it('a deploy job of pipeline.yml may belong to any CI of the folder', () => {
		const pipelines = assembleFolder({
			group: 'repo',
			displayPrefix: 'pipelines/repo/',
			files: [
				{ path: '.circleci/config.yml', text: circle('build') },
				{ path: '.gitlab-ci.yml', text: 'release:\n  script: ./release\n' },
				{ path: 'pipeline.yml', text: 'deployTargets:\n  - id: prod\n    name: Production\n    jobs: [release]\n' },
			],
		});
		expect(pipelines.flatMap((p) => p.diagnostics.filter((d) => d.code === 'unknown-job'))).toEqual([]);
		expect(pipelines.find((p) => p.provider === 'gitlab')!.jobs[0]!.deployTarget).toBe('prod');
	});

	// Pages address a workflow by the slug of its id: two of them may not share one.
	it('keeps workflows apart whose ids differ only in what a slug drops (Bitbucket’s feature/* and feature/**)', () => {
		const [p] = assembleFolder({
			group: 'shop',
			displayPrefix: 'pipelines/shop/',
			files: [{ path: 'bitbucket-pipelines.yml', text: "pipelines:\n  branches:\n    'feature/*':\n      - step: {name: a, script: [a]}\n    'feature/**':\n      - step: {name: b, script: [b]}\n" }],
		});
		expect(p!.provider).toBe('bitbucket');
		expect(p!.workflows.map((w) => [w.id, w.name])).toEqual([
			['branches/feature/*', 'branches: feature/*'],
			['branches/feature/** (2)', 'branches: feature/**'],
		]);
		expect(new Set(p!.workflows.map((w) => anchor('workflow', w.id))).size).toBe(2);
	});
});
