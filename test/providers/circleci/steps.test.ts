import { describe, expect, it } from 'vitest';
import { at, diagnostics, errors, job, parse, steps, yaml } from './helpers';

const config = (stepsYaml: string) =>
	parse(
		yaml`
		version: 2.1
		jobs:
		  build:
		    docker:
		      - image: cimg/base:stable
		    steps:
		` +
			stepsYaml
				.split('\n')
				.map((line) => `      ${line}`)
				.join('\n') +
			'\nworkflows:\n  main:\n    jobs: [build]\n',
	);

describe('built-in steps', () => {
	it('reads run in its string and map forms, naming it after its command', () => {
		const output = config(yaml`
			- run: npm test
			- run:
			    name: Install
			    command: |
			      npm ci
			      npm run build
			    shell: /bin/bash -eo pipefail
			    working_directory: ~/app
			    background: true
			    no_output_timeout: 30m
			    when: always
			    environment:
			      NODE_ENV: test
			- run:
			    command: |

			      echo first
			      echo second
		`);
		const [short, full, unnamed] = steps(output, 'build');
		expect(short).toMatchObject({ id: '1', kind: 'run', keyword: 'run', name: 'npm test', command: 'npm test' });
		expect(full).toMatchObject({
			id: '2',
			name: 'Install',
			command: 'npm ci\nnpm run build\n',
			shell: '/bin/bash -eo pipefail',
			workingDirectory: '~/app',
			background: true,
			condition: 'always',
			with: { no_output_timeout: '30m' },
		});
		expect(full!.env).toMatchObject([{ name: 'NODE_ENV', value: 'test', scope: 'step', secret: false, definedAt: { line: 19, column: 13 } }]);
		expect(unnamed).toMatchObject({ name: 'echo first', command: '\necho first\necho second\n' });
		expect(errors(output)).toEqual([]);
	});

	it('reads deploy as a legacy run step', () => {
		const [step] = steps(config('- deploy:\n    command: ./deploy.sh'), 'build');
		expect(step).toMatchObject({ kind: 'run', keyword: 'deploy', name: './deploy.sh', command: './deploy.sh' });
	});

	it("names every other built-in step as CircleCI's UI does", () => {
		const output = config(yaml`
			- checkout
			- setup_remote_docker:
			    docker_layer_caching: true
			    version: 20.10.18
			- restore_cache:
			    keys:
			      - v1-deps-{{ checksum "package-lock.json" }}
			      - v1-deps-
			- save_cache:
			    key: v1-deps-{{ checksum "package-lock.json" }}
			    paths: [node_modules, ~/.npm]
			- persist_to_workspace:
			    root: .
			    paths: [dist]
			- attach_workspace:
			    at: /tmp/ws
			- store_artifacts:
			    path: coverage
			    destination: cov
			- store_test_results:
			    path: reports
			- add_ssh_keys:
			    fingerprints: ["aa:bb"]
			- add_ssh_keys
		`);
		const byKind = steps(output, 'build').map((s) => [s.id, s.kind, s.keyword, s.name]);
		expect(byKind).toEqual([
			['1', 'checkout', 'checkout', 'Checkout code'],
			['2', 'remote-docker', 'setup_remote_docker', 'Setup a remote Docker engine'],
			['3', 'cache-restore', 'restore_cache', 'Restoring cache'],
			['4', 'cache-save', 'save_cache', 'Saving cache'],
			['5', 'workspace-persist', 'persist_to_workspace', 'Persisting to workspace'],
			['6', 'workspace-attach', 'attach_workspace', 'Attaching workspace'],
			['7', 'artifacts', 'store_artifacts', 'Uploading artifacts'],
			['8', 'test-results', 'store_test_results', 'Uploading test results'],
			['9', 'ssh-keys', 'add_ssh_keys', 'Add SSH keys'],
			['10', 'ssh-keys', 'add_ssh_keys', 'Add SSH keys'],
		]);
		const [, docker, restore, save, persist, attach, artifacts, results, ssh] = steps(output, 'build');
		expect(docker!.with).toEqual({ docker_layer_caching: 'true', version: '20.10.18' });
		expect(restore!.keys).toEqual(['v1-deps-{{ checksum "package-lock.json" }}', 'v1-deps-']);
		expect(save).toMatchObject({ keys: ['v1-deps-{{ checksum "package-lock.json" }}'], paths: ['node_modules', '~/.npm'] });
		expect(persist).toMatchObject({ root: '.', paths: ['dist'] });
		expect(attach).toMatchObject({ root: '/tmp/ws' });
		expect(artifacts).toMatchObject({ paths: ['coverage'], destination: 'cov' });
		expect(results).toMatchObject({ paths: ['reports'] });
		expect(ssh).toMatchObject({ fingerprints: ['aa:bb'] });
		expect(errors(output)).toEqual([]);
	});

	it('prefers a step name given in the config', () => {
		const [step] = steps(config('- restore_cache:\n    name: Restore deps\n    key: deps'), 'build');
		expect(step).toMatchObject({ name: 'Restore deps', keys: ['deps'] });
	});

	it('locates each step at its list item', () => {
		const [first, second] = steps(config('- checkout\n- run: make'), 'build');
		expect([at(first!), at(second!)]).toEqual(['7:9', '8:9']);
	});

	it('reads when/unless steps as conditionals holding their steps', () => {
		const output = config(yaml`
			- when:
			    condition:
			      equal: [main, << pipeline.git.branch >>]
			    steps:
			      - run: ./deploy.sh
			      - checkout
			- unless:
			    condition: << pipeline.parameters.skip >>
			    steps:
			      - run: make
		`);
		const [when, unless] = steps(output, 'build');
		expect(when).toMatchObject({ id: '1', kind: 'conditional', keyword: 'when', condition: '"main" == << pipeline.git.branch >>' });
		expect(when!.children!.map((c) => [c.id, c.kind])).toEqual([
			['1.1', 'run'],
			['1.2', 'checkout'],
		]);
		expect(unless).toMatchObject({ id: '2', keyword: 'unless', condition: 'not << pipeline.parameters.skip >>' });
		expect(unless!.children!.map((c) => c.id)).toEqual(['2.1']);
	});

	it('renders logic statements as compact text', () => {
		const output = config(yaml`
			- when:
			    condition:
			      and:
			        - not: << pipeline.parameters.nightly >>
			        - or:
			            - equal: [main, << pipeline.git.branch >>]
			            - matches: {pattern: "^release/.*$", value: << pipeline.git.branch >>}
			    steps: [checkout]
		`);
		expect(steps(output, 'build')[0]!.condition).toBe(
			'not << pipeline.parameters.nightly >> and (("main" == << pipeline.git.branch >>) or (<< pipeline.git.branch >> matches /^release/.*$/))',
		);
	});
});

describe('malformed steps', () => {
	it('reports attach_workspace given a list, and still reads it', () => {
		const output = config('- attach_workspace:\n  - at: .\n- run: make');
		const [attach, run] = steps(output, 'build');
		expect(attach).toMatchObject({ kind: 'workspace-attach', root: '.' });
		expect(run).toMatchObject({ id: '2', command: 'make' });
		expect(diagnostics(output, 'invalid-type')).toMatchObject([{ severity: 'error', location: { line: 8, column: 9 } }]);
	});

	it('reports a step that is neither a map nor a name', () => {
		const output = config('- 42\n- [checkout]\n- checkout');
		expect(steps(output, 'build').map((s) => s.kind)).toEqual(['other', 'other', 'checkout']);
		expect(diagnostics(output, 'invalid-step').map(at)).toEqual(['7:9', '8:9']);
	});

	it('reports a step with settings beside instead of under its key, reading them anyway', () => {
		const output = config('- run:\n  name: Build\n  command: make');
		expect(steps(output, 'build')[0]).toMatchObject({ name: 'Build', command: 'make' });
		expect(diagnostics(output, 'invalid-step')).toMatchObject([{ severity: 'error', location: { line: 8, column: 9 } }]);
	});

	it('reports missing required settings and unknown steps', () => {
		const output = config('- save_cache:\n    key: k\n- chekout');
		expect(diagnostics(output, 'missing-key')[0]!.message).toContain('`paths`');
		const unknown = diagnostics(output, 'unknown-step');
		expect(unknown).toMatchObject([{ severity: 'error', location: { line: 9, column: 9 } }]);
		expect(unknown[0]!.hint).toContain('`checkout`');
	});

	it('reports a misspelt key of a step with the key it was meant to be', () => {
		const output = config('- setup_remote_docker:\n    docker_layer_catching: true');
		const [warning] = diagnostics(output, 'misspelt-key');
		expect(warning).toMatchObject({ severity: 'warning', location: { line: 8, column: 11 } });
		expect(warning!.message).toContain('`docker_layer_caching`');
		expect(steps(output, 'build')[0]!.with).toEqual({});
	});

	it('keeps a job with no steps and reports it', () => {
		const output = parse(yaml`
			version: 2.1
			jobs:
			  empty:
			    docker: [{image: alpine}]
			  fine:
			    docker: [{image: alpine}]
			    steps: [checkout]
			workflows:
			  main:
			    jobs: [empty, fine]
		`);
		expect(diagnostics(output, 'missing-steps')).toMatchObject([{ severity: 'error', location: { line: 3, column: 3 } }]);
		expect(job(output, 'fine').steps).toHaveLength(1);
	});
});

describe('CircleCI 2.0 early step form', () => {
	it('reads `- type: shell` and `- type: checkout` as today’s steps, with a warning', () => {
		const output = config(yaml`
			- type: checkout
			- type: shell
			  name: Test
			  command: make test
			- type: cache-save
			  key: v1-{{ checksum "go.sum" }}
			  paths: [vendor]
		`);
		expect(steps(output, 'build').map((s) => [s.kind, s.keyword, s.name])).toEqual([
			['checkout', 'checkout', 'Checkout code'],
			['run', 'run', 'Test'],
			['cache-save', 'save_cache', 'Saving cache'],
		]);
		expect(steps(output, 'build')[1]!.command).toBe('make test');
		expect(errors(output)).toEqual([]);
		expect(diagnostics(output, 'legacy-step').map(at)).toEqual(['7:9', '8:9', '11:9']);
	});
});

