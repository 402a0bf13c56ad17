import { describe, expect, it } from 'vitest';
import { at, diagnostics, entry, errors, job, parse, steps, yaml } from './helpers';

describe('reusable commands and parameters', () => {
	const output = parse(yaml`
		version: 2.1
		parameters:
		  deploy-env:
		    type: enum
		    enum: [staging, production]
		    default: staging
		commands:
		  install:
		    parameters:
		      tool:
		        type: string
		        default: npm
		      frozen:
		        type: boolean
		        default: true
		    steps:
		      - run: << parameters.tool >> ci --frozen=<< parameters.frozen >>
		  with-cache:
		    parameters:
		      key:
		        type: string
		      steps:
		        type: steps
		        default: []
		    steps:
		      - restore_cache:
		          key: << parameters.key >>-{{ checksum "lock" }}
		      - steps: << parameters.steps >>
		      - save_cache:
		          key: << parameters.key >>-{{ checksum "lock" }}
		          paths: [deps]
		jobs:
		  build:
		    parameters:
		      node:
		        type: string
		        default: "20"
		      target:
		        type: env_var_name
		        default: DEPLOY_TARGET
		    docker:
		      - image: cimg/node:<< parameters.node >>
		    environment:
		      BRANCH: << pipeline.git.branch >>
		    steps:
		      - install
		      - install:
		          tool: yarn
		      - with-cache:
		          key: v1-<< parameters.node >>
		          steps:
		            - run: make deps
		            - install
		      - run: echo $<< parameters.target >> << pipeline.parameters.deploy-env >> << pipeline.number >>
		workflows:
		  main:
		    jobs:
		      - build:
		          node: "22"
	`);

	it('expands an invoked command into its steps, with arguments and defaults', () => {
		const [plain, yarn] = steps(output, 'build');
		expect(plain).toMatchObject({ id: '1', kind: 'command', keyword: 'install', name: 'install', with: {}, origin: { type: 'command', name: 'install', expanded: true } });
		expect(plain!.children).toMatchObject([{ id: '1.1', kind: 'run', command: 'npm ci --frozen=true' }]);
		expect(yarn).toMatchObject({ id: '2', with: { tool: 'yarn' } });
		expect(yarn!.children![0]!.command).toBe('yarn ci --frozen=true');
	});

	it("keeps a command's description with the step that invokes it", () => {
		const o = parse(yaml`
			version: 2.1
			commands:
			  greet:
			    description: Says hello, so the log shows the job started.
			    steps: [{run: echo hello}]
			jobs:
			  a: {docker: [{image: x}], steps: [greet]}
			workflows: {w: {jobs: [a]}}
		`);
		expect(steps(o, 'a')[0]!.origin).toEqual({ type: 'command', name: 'greet', expanded: true, description: 'Says hello, so the log shows the job started.' });
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(steps(output, 'build')[0]!.origin?.description).toBeUndefined();
	});

	it('locates expanded steps where the command defines them', () => {
		const [plain] = steps(output, 'build');
		expect(at(plain!)).toBe('46:9');
		expect(at(plain!.children![0]!)).toBe('17:9');
	});

	it('splices steps-typed parameters in place', () => {
		const cache = steps(output, 'build')[2]!;
		expect(cache.children!.map((s) => [s.id, s.kind, s.name])).toEqual([
			['3.1', 'cache-restore', 'Restoring cache'],
			['3.2', 'run', 'make deps'],
			['3.3', 'command', 'install'],
			['3.4', 'cache-save', 'Saving cache'],
		]);
		expect(cache.children![0]!.keys).toEqual(['v1-20-{{ checksum "lock" }}']);
		expect(cache.children![2]!.children![0]!.command).toBe('npm ci --frozen=true');
		expect(at(cache.children![1]!)).toBe('52:15');
	});

	it('applies job parameter defaults on the job page and keeps pipeline values verbatim', () => {
		const build = job(output, 'build');
		expect(build.executor).toMatchObject({ kind: 'docker', images: [{ image: 'cimg/node:20' }] });
		expect(build.parameters).toMatchObject([
			{ name: 'node', type: 'string', default: '20' },
			{ name: 'target', type: 'env_var_name', default: 'DEPLOY_TARGET' },
		]);
		expect(build.env).toMatchObject([{ name: 'BRANCH', value: '<< pipeline.git.branch >>', scope: 'job' }]);
		expect(steps(output, 'build')[3]!.command).toBe('echo $DEPLOY_TARGET << pipeline.parameters.deploy-env >> << pipeline.number >>');
	});

	it('records the arguments a workflow passes and the pipeline parameters', () => {
		expect(entry(output, 'main', 'build').parameters).toEqual({ node: '22' });
		expect(output.parameters).toMatchObject([{ name: 'deploy-env', type: 'enum', default: 'staging', enum: ['staging', 'production'] }]);
		expect(errors(output)).toEqual([]);
	});

	it('keeps parameters without a value visible and splices nothing for an empty steps default', () => {
		const bare = parse(yaml`
			version: 2.1
			commands:
			  wrap:
			    parameters:
			      before: {type: steps, default: []}
			    steps:
			      - steps: << parameters.before >>
			      - checkout
			jobs:
			  test:
			    parameters:
			      suite: {type: string}
			      extra: {type: steps}
			    docker: [{image: alpine}]
			    steps:
			      - wrap
			      - run: make << parameters.suite >>
			      - steps: << parameters.extra >>
			workflows:
			  main:
			    jobs:
			      - test: {suite: unit, extra: [{run: echo}]}
		`);
		expect(steps(bare, 'test').map((s) => [s.id, s.kind, s.name])).toEqual([
			['1', 'command', 'wrap'],
			['2', 'run', 'make << parameters.suite >>'],
			['3', 'other', '<< parameters.extra >>'],
		]);
		expect(steps(bare, 'test')[0]!.children!.map((s) => s.kind)).toEqual(['checkout']);
		expect(errors(bare)).toEqual([]);
	});

	it('uses named executors with their parameters', () => {
		const withExecutor = parse(yaml`
			version: 2.1
			executors:
			  node:
			    parameters:
			      tag: {type: string, default: lts}
			    docker:
			      - image: cimg/node:<< parameters.tag >>
			      - image: postgres:16
			        name: db
			        environment:
			          POSTGRES_DB: app
			    environment:
			      CI_MODE: full
			    resource_class: large
			    working_directory: ~/app
			  mac:
			    macos: {xcode: "15.4.0"}
			jobs:
			  a:
			    executor: {name: node, tag: "22.1"}
			    resource_class: xlarge
			    environment: {A: "1"}
			    parallelism: 4
			    steps: [checkout]
			  b:
			    executor: mac
			    steps: [checkout]
			  c:
			    machine:
			      image: ubuntu-2204:current
			    steps: [checkout]
			  d:
			    parameters:
			      runner: {type: executor, default: mac}
			    executor: << parameters.runner >>
			    steps: [checkout]
			workflows:
			  main:
			    jobs: [a, b, c, {d: {runner: {name: node, tag: "18"}}}]
		`);
		const a = job(withExecutor, 'a');
		expect(a.executor).toMatchObject({ kind: 'docker', name: 'node', images: [{ image: 'cimg/node:22.1' }], resourceClass: 'xlarge', workingDirectory: '~/app' });
		// The database's environment is its own, not the job's.
		expect(a.services).toEqual([{ image: 'postgres:16', name: 'db', env: [expect.objectContaining({ name: 'POSTGRES_DB', value: 'app' })] }]);
		expect(a.env!.map((e) => [e.name, e.scope])).toEqual([
			['CI_MODE', 'executor'],
			['A', 'job'],
		]);
		expect(a.parallelism).toBe(4);
		expect(job(withExecutor, 'b').executor).toMatchObject({ kind: 'macos', name: 'mac', images: [{ image: 'Xcode 15.4.0' }] });
		expect(job(withExecutor, 'c').executor).toMatchObject({ kind: 'machine', images: [{ image: 'ubuntu-2204:current' }] });
		expect(job(withExecutor, 'd').executor).toMatchObject({ kind: 'macos', name: 'mac' });
		expect(entry(withExecutor, 'main', 'd').parameters).toEqual({ runner: 'name: node\ntag: "18"' });
		expect(errors(withExecutor)).toEqual([]);
	});

	it('hides the value of variables whose name says they are secret', () => {
		const secret = parse(yaml`
			version: 2.1
			jobs:
			  a:
			    docker: [{image: alpine}]
			    environment:
			      API_TOKEN: abc123
			      REGION: eu
			    steps: [checkout]
			workflows:
			  main: {jobs: [a]}
		`);
		expect(job(secret, 'a').env).toEqual([
			{ name: 'API_TOKEN', secret: true, scope: 'job', definedAt: { file: '.circleci/config.yml', line: 6, column: 7 }, usedBy: [] },
			{ name: 'REGION', value: 'eu', secret: false, scope: 'job', definedAt: { file: '.circleci/config.yml', line: 7, column: 7 }, usedBy: [] },
		]);
		expect(JSON.stringify(secret)).not.toContain('abc123');
		expect(diagnostics(secret, 'secret-in-config')).toMatchObject([{ severity: 'warning', location: { line: 6, column: 7 } }]);
	});
});

describe('parameter and command errors', () => {
	it('reports a command that invokes itself instead of overflowing the stack', () => {
		const output = parse(yaml`
			version: 2.1
			commands:
			  ping:
			    steps: [pong]
			  pong:
			    steps: [ping]
			jobs:
			  a:
			    docker: [{image: alpine}]
			    steps: [ping, checkout]
			workflows:
			  main: {jobs: [a]}
		`);
		const [recursive] = diagnostics(output, 'recursive-command');
		expect(recursive).toMatchObject({ severity: 'error', location: { line: 6, column: 13 } });
		expect(recursive!.message).toContain('`ping` -> `pong` -> `ping`');
		expect(steps(output, 'a').map((s) => s.kind)).toEqual(['command', 'checkout']);
	});

	it('reports unknown, missing and out-of-enum arguments', () => {
		const output = parse(yaml`
			version: 2.1
			commands:
			  greet:
			    parameters:
			      who: {type: string}
			      mood: {type: enum, enum: [happy, sad], default: happy}
			    steps:
			      - run: echo << parameters.who >> << parameters.mood >> << parameters.nope >>
			jobs:
			  a:
			    docker: [{image: alpine}]
			    steps:
			      - greet:
			          mood: angry
			          colour: red
			workflows:
			  main: {jobs: [a]}
		`);
		expect(diagnostics(output, 'invalid-value').map(at)).toEqual(['14:17']);
		expect(diagnostics(output, 'unknown-argument').map(at)).toEqual(['15:11']);
		expect(diagnostics(output, 'missing-argument').map(at)).toEqual(['13:9']);
		expect(diagnostics(output, 'undeclared-parameter').map(at)).toEqual(['8:14']);
	});

	it('reports an undeclared pipeline parameter', () => {
		const output = parse(yaml`
			version: 2.1
			workflows:
			  main:
			    when: << pipeline.parameters.missing >>
			    jobs: [a]
			jobs:
			  a:
			    docker: [{image: alpine}]
			    steps: [checkout]
		`);
		expect(diagnostics(output, 'undeclared-parameter')).toMatchObject([{ severity: 'error', location: { line: 4, column: 11 } }]);
	});

	it('stops a pathological expansion within budget', () => {
		const levels = Array.from({ length: 16 }, (_, i) => `  c${i}:\n    steps: [c${i + 1}, c${i + 1}]`).join('\n');
		const text = `version: 2.1\ncommands:\n${levels}\n  c16:\n    steps: [checkout]\njobs:\n  a:\n    docker: [{image: alpine}]\n    steps: [c0]\nworkflows:\n  main: {jobs: [a]}\n`;
		const started = performance.now();
		const output = parse(text);
		expect(performance.now() - started).toBeLessThan(5000);
		expect(diagnostics(output, 'expansion-limit')).toHaveLength(1);
	});
});
