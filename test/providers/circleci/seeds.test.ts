import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCircleCiConfig } from '../../../src/providers/circleci';
import { diagnostics, entry, errors, hasShared, job, schemaIssues, shared, steps, workflow } from './helpers';

const seeds = join(shared, 'seed-systems');
const read = (path: string) => parseCircleCiConfig({ path, text: readFileSync(join(seeds, path), 'utf8') });
const missing = 'needs ../shared/seed-systems beside the repository';

describe.skipIf(!hasShared)(`seed systems (${hasShared ? 'found' : missing})`, () => {
	describe('titus tagged-deploy config', () => {
		const output = hasShared ? read('titus/circleci-config.tagged-deploy.yml') : undefined!;

		it('has the untagged and tagged workflows and no errors', () => {
			expect(output.workflows!.map((w) => w.id)).toEqual(['untagged_build', 'tagged_deployment']);
			expect(errors(output)).toEqual([]);
		});

		it('warns about the misspelt docker_layer_catching at its line', () => {
			const [warning] = diagnostics(output, 'misspelt-key');
			expect(warning).toMatchObject({ severity: 'warning', location: { file: 'titus/circleci-config.tagged-deploy.yml', line: 173, column: 11 } });
			expect(warning!.message).toContain('`docker_layer_caching`');
		});

		it('reads release-production filters: tags only /v[0-9]+(\\.[0-9]+).*/, branches ignore /.*/', () => {
			expect(entry(output, 'tagged_deployment', 'release-production').filters).toMatchObject({
				tags: { only: [{ kind: 'regex', value: 'v[0-9]+(\\.[0-9]+).*' }] },
				branches: { ignore: [{ kind: 'regex', value: '.*' }] },
			});
		});

		it('reads push-containers filters: branches only master', () => {
			expect(entry(output, 'untagged_build', 'push-containers').filters!.branches).toEqual({ only: [{ kind: 'exact', value: 'master' }] });
			expect(entry(output, 'untagged_build', 'build').requires!.map((r) => r.entry)).toEqual(['test', 'lint', 'install']);
		});

		it('expands the <<: *defaults merge key into every job', () => {
			expect(job(output, 'lint').executor).toMatchObject({ kind: 'docker', images: [{ image: 'circleci/node:10-browsers' }], workingDirectory: '~/dist' });
			expect(steps(output, 'lint').map((s) => s.name)).toEqual(['Attaching workspace', 'npm run lint:all']);
		});
	});

	describe('orange county lettings', () => {
		it('shows the python orb command with its reference and arguments', () => {
			const output = read('orange-county-lettings/circleci-config.yml');
			expect(steps(output, 'run_test')[1]).toMatchObject({
				kind: 'orb-command',
				name: 'python/install-packages',
				uses: 'circleci/python@2.1.1',
				with: { 'pkg-manager': 'pipenv' },
				origin: { type: 'orb', name: 'python/install-packages', ref: 'circleci/python@2.1.1' },
			});
			expect(entry(output, 'main', 'build_docker_image').filters!.branches).toEqual({ only: [{ kind: 'exact', value: 'master' }] });
		});

		it('reports the broken YAML at the line to fix, naming the nested block', () => {
			const output = read('orange-county-lettings/circleci-config.broken-yaml.yml');
			const syntax = diagnostics(output, 'yaml-syntax');
			expect(syntax).toHaveLength(1);
			expect(syntax[0]).toMatchObject({ severity: 'error', location: { line: 7 } });
			expect(syntax[0]!.message).toContain('build_and_test');
			expect(syntax[0]!.message).toContain('line 8');
			expect(syntax[0]!.hint).toBeTruthy();
		});
	});

	describe('banking on clojure', () => {
		const output = hasShared ? read('banking-on-clojure/circleci-config.yml') : undefined!;

		it('adds the heroku orb job used in the workflow, with its orb reference', () => {
			expect(job(output, 'heroku/deploy-via-git')).toMatchObject({ origin: { type: 'orb', name: 'heroku/deploy-via-git', ref: 'circleci/heroku@1.1.1', expanded: false }, steps: [] });
			expect(entry(output, 'heroku_deploy', 'heroku/deploy-via-git')).toMatchObject({
				jobId: 'heroku/deploy-via-git',
				requires: [{ entry: 'build' }],
				filters: { branches: { only: [{ kind: 'exact', value: 'live' }] } },
			});
		});

		it('keeps checksum templates of cache keys readable', () => {
			expect(steps(output, 'build')[1]!.keys).toEqual(['banking-on-clojure-webapp-{{ checksum "deps.edn" }}']);
			expect(workflow(output, 'heroku_deploy').triggers).toMatchObject([{ event: 'push' }]);
		});
	});

	it('reads every seed CircleCI config without errors (except the broken one) and within the model schema', () => {
		const configs = readdirSync(seeds, { recursive: true, encoding: 'utf8' }).filter((path) => /(^|\/)circleci-config[^/]*\.yml$/.test(path));
		expect(configs.length).toBeGreaterThanOrEqual(6);
		for (const path of configs) {
			const output = read(path);
			expect(schemaIssues(output), path).toEqual([]);
			if (path.includes('broken')) expect(errors(output).map((e) => e.code), path).toEqual(['yaml-syntax']);
			else expect(errors(output), path).toEqual([]);
		}
	});
});
