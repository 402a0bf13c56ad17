import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { at, diagnostics, entry, errors, job, parse, source, steps, yaml } from './helpers';

const vendored = source('pipelines/app/orbs/acme/deployer.yml', readFileSync(new URL('fixtures/orbs/acme/deployer.yml', import.meta.url), 'utf8'));

const config = yaml`
	version: 2.1
	orbs:
	  python: circleci/python@2.1.1
	  acme: acme/deployer@1.0.0
	jobs:
	  test:
	    executor: python/default
	    steps:
	      - checkout
	      - python/install-packages:
	          pkg-manager: pipenv
	          args: --dev
	  ship:
	    executor: {name: acme/default, tag: "3.13"}
	    steps:
	      - acme/push: {app: api}
	workflows:
	  main:
	    jobs:
	      - test
	      - acme/deploy:
	          app: shop
	          requires: [test]
	      - python/test:
	          pkg-manager: poetry
`;

describe('orbs that are not vendored', () => {
	const output = parse(config);

	it('lists the orbs with their references', () => {
		expect(output.orbs).toMatchObject([
			{ alias: 'python', ref: 'circleci/python@2.1.1', inline: false, expanded: false, location: { line: 3, column: 3 } },
			{ alias: 'acme', ref: 'acme/deployer@1.0.0', inline: false, expanded: false },
		]);
		expect(diagnostics(output, 'orb-not-vendored')).toHaveLength(2);
	});

	it('shows an orb command as a step with its reference and arguments', () => {
		expect(steps(output, 'test')[1]).toMatchObject({
			id: '2',
			kind: 'orb-command',
			keyword: 'python/install-packages',
			name: 'python/install-packages',
			uses: 'circleci/python@2.1.1',
			with: { 'pkg-manager': 'pipenv', args: '--dev' },
			origin: { type: 'orb', name: 'python/install-packages', ref: 'circleci/python@2.1.1', expanded: false },
			children: [],
		});
	});

	it('keeps an orb executor by name', () => {
		expect(job(output, 'test').executor).toMatchObject({ kind: 'unknown', name: 'python/default' });
	});

	it('adds an orb job used by a workflow, without steps', () => {
		expect(job(output, 'python/test')).toMatchObject({
			id: 'python/test',
			name: 'python/test',
			steps: [],
			origin: { type: 'orb', name: 'python/test', ref: 'circleci/python@2.1.1', expanded: false },
		});
		expect(entry(output, 'main', 'python/test')).toMatchObject({ jobId: 'python/test', parameters: { 'pkg-manager': 'poetry' } });
		expect(errors(output)).toEqual([]);
	});
});

describe('vendored orbs', () => {
	const output = parse(config, { orbs: [vendored] });

	it('marks the orb expanded and lists its source', () => {
		expect(output.orbs![1]).toMatchObject({ alias: 'acme', expanded: true });
		expect(output.sources).toEqual([
			{ path: '.circleci/config.yml', role: 'config' },
			{ path: 'pipelines/app/orbs/acme/deployer.yml', role: 'orb' },
		]);
	});

	it('expands orb commands, including the commands they call inside the orb', () => {
		const [push] = steps(output, 'ship');
		expect(push).toMatchObject({ kind: 'orb-command', name: 'acme/push', uses: 'acme/deployer@1.0.0', with: { app: 'api' }, origin: { expanded: true } });
		expect(push!.children!.map((s) => [s.id, s.kind, s.name])).toEqual([
			['1.1', 'orb-command', 'install-cli'],
			['1.2', 'run', 'acme push api'],
		]);
		expect(push!.children![0]!.children![0]).toMatchObject({ name: 'Install acme latest', command: 'pip install acme-cli==latest' });
		expect(push!.children![1]!.location).toEqual({ file: vendored.path, line: 31, column: 9 });
	});

	it('resolves orb executors with their arguments', () => {
		expect(job(output, 'ship').executor).toMatchObject({ kind: 'docker', name: 'acme/default', images: [{ image: 'cimg/python:3.13' }], location: { file: vendored.path, line: 6 } });
	});

	it('expands an orb job with its defaults, the workflow entry keeping its arguments', () => {
		const deploy = job(output, 'acme/deploy');
		expect(deploy.origin).toEqual({ type: 'orb', name: 'acme/deploy', ref: 'acme/deployer@1.0.0', expanded: true });
		expect(deploy.executor.images).toEqual([{ image: 'cimg/python:3.12' }]);
		expect(deploy.steps!.map((s) => s.name)).toEqual(['Checkout code', 'push']);
		expect(deploy.steps![1]!.children![1]!.command).toBe('acme push web');
		expect(entry(output, 'main', 'acme/deploy')).toMatchObject({ jobId: 'acme/deploy', parameters: { app: 'shop' }, requires: [{ entry: 'test', status: ['success'] }] });
	});

	it('reports names the vendored orb does not define', () => {
		const wrong = parse(config.replace('acme/push', 'acme/pull'), { orbs: [vendored] });
		expect(diagnostics(wrong, 'unknown-command')).toMatchObject([{ severity: 'error', location: { line: 16, column: 9 } }]);
	});

	it('stops at a vendored orb that imports itself', () => {
		const loop = source('orbs/acme/loop.yml', 'version: 2.1\norbs:\n  again: acme/loop@1.0.0\ncommands:\n  go:\n    steps: [again/go]\n');
		const output = parse('version: 2.1\norbs:\n  loop: acme/loop@1.0.0\njobs:\n  a:\n    docker: [{image: x}]\n    steps: [loop/go]\nworkflows:\n  w: {jobs: [a]}\n', { orbs: [loop] });
		expect(diagnostics(output, 'orb-cycle')).toMatchObject([{ severity: 'warning', location: { file: 'orbs/acme/loop.yml', line: 3 } }]);
		expect(steps(output, 'a')[0]!.children![0]).toMatchObject({ name: 'again/go', origin: { expanded: false } });
	});
});

describe('inline orbs', () => {
	it('expands commands, jobs and executors defined under orbs:', () => {
		const output = parse(yaml`
			version: 2.1
			orbs:
			  tools:
			    executors:
			      small:
			        docker: [{image: alpine:3}]
			    commands:
			      hello:
			        parameters:
			          to: {type: string, default: world}
			        steps:
			          - run: echo hello << parameters.to >>
			    jobs:
			      greet:
			        executor: small
			        steps: [hello]
			jobs:
			  local:
			    executor: tools/small
			    steps:
			      - tools/hello: {to: you}
			workflows:
			  main:
			    jobs: [local, tools/greet]
		`);
		expect(output.orbs).toMatchObject([{ alias: 'tools', inline: true, expanded: true, location: { line: 3, column: 3 } }]);
		expect(output.orbs![0]!.ref).toBeUndefined();
		expect(steps(output, 'local')[0]).toMatchObject({ kind: 'orb-command', name: 'tools/hello', origin: { type: 'orb', expanded: true } });
		expect(steps(output, 'local')[0]!.children![0]!.command).toBe('echo hello you');
		expect(job(output, 'local').executor).toMatchObject({ kind: 'docker', name: 'tools/small' });
		const greet = job(output, 'tools/greet');
		expect(greet.steps![0]!.children![0]).toMatchObject({ command: 'echo hello world' });
		expect(at(greet)).toBe('14:7');
		expect(errors(output)).toEqual([]);
	});

	it('reports an orb alias that is not imported', () => {
		const output = parse(yaml`
			version: 2.1
			jobs:
			  a:
			    docker: [{image: alpine}]
			    steps: [node/install]
			workflows:
			  main: {jobs: [a]}
		`);
		expect(diagnostics(output, 'unknown-orb')).toMatchObject([{ severity: 'error', location: { line: 5, column: 13 } }]);
	});
});
