import { describe, expect, it } from 'vitest';
import { parseGitHubWorkflows } from '../../../src/providers/github-actions';
import { at, diagnostics, entries, errors, job, parse, schemaIssues, steps, yaml } from './helpers';

describe('triggers', () => {
	it('reads `on` as a string, a list and a map with filters', () => {
		expect(parse('on: push\njobs:\n  a: {runs-on: ubuntu-latest, steps: [{run: x}]}\n').triggers?.map((t) => t.event)).toEqual(['push']);
		expect(parse('on: [push, pull_request_target]\njobs:\n  a: {runs-on: x, steps: [{run: x}]}\n').triggers?.map((t) => [t.event, t.name])).toEqual([
			['push', undefined],
			['pull_request', 'pull_request_target'],
		]);
		const output = parse(yaml`
			on:
			  push:
			    branches: [main, 'releases/**']
			    tags-ignore: ['v0.*']
			    paths-ignore: [docs/**]
			  pull_request:
			    branches-ignore: [wip]
			  schedule:
			    - cron: '0 1 * * *'
			    - cron: '0 2 * * 0'
			  workflow_dispatch:
			    inputs:
			      level:
			        description: Log level
			        type: choice
			        options: [info, debug]
			        default: info
			  workflow_call:
			  repository_dispatch:
			    types: [deploy]
			  release:
			jobs:
			  a: {runs-on: ubuntu-latest, steps: [{run: x}]}
		`);
		const triggers = output.workflows![0]!.triggers!;
		expect(triggers.map((t) => [t.event, t.name ?? '', t.cron ?? ''])).toEqual([
			['push', '', ''],
			['pull_request', '', ''],
			['schedule', 'schedule', '0 1 * * *'],
			['schedule', 'schedule', '0 2 * * 0'],
			['manual', 'workflow_dispatch', ''],
			['workflow_call', '', ''],
			['api', 'repository_dispatch', ''],
			['other', 'release', ''],
		]);
		expect(triggers[0]!.filters).toMatchObject({
			branches: { only: [{ kind: 'glob', value: 'main' }, { kind: 'glob', value: 'releases/**' }] },
			tags: { ignore: [{ kind: 'glob', value: 'v0.*' }] },
			paths: { ignore: [{ kind: 'glob', value: 'docs/**' }] },
		});
		expect(triggers[1]!.filters?.branches).toEqual({ ignore: [{ kind: 'glob', value: 'wip' }] });
		expect(output.parameters).toEqual([
			expect.objectContaining({ name: 'level', type: 'enum', enum: ['info', 'debug'], default: 'info', description: expect.stringContaining('Log level') }),
		]);
		expect(triggers.find((t) => t.name === 'repository_dispatch')!.types).toEqual(['deploy']);
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('shows a push filtered on tags alone as a tag trigger', () => {
		const output = parse('on:\n  push:\n    tags: [v*]\njobs:\n  a: {runs-on: x, steps: [{run: x}]}\n');
		expect(output.triggers?.[0]).toMatchObject({ event: 'tag', name: 'push' });
	});
});

describe('jobs and the job graph', () => {
	const output = parse(yaml`
		name: CI
		on: push
		env:
		  NODE_ENV: test
		defaults:
		  run:
		    shell: bash
		jobs:
		  build:
		    name: Build ${'${{ matrix.os }}'}
		    runs-on: ubuntu-latest
		    env:
		      API_TOKEN: ${'${{ secrets.API_TOKEN }}'}
		      REGION: ${'${{ vars.REGION }}'}
		    steps:
		      - run: make
		  test:
		    needs: build
		    if: github.event_name == 'push'
		    runs-on: [self-hosted, linux]
		    continue-on-error: true
		    defaults:
		      run:
		        working-directory: app
		    services:
		      db:
		        image: postgres:16
		    steps:
		      - run: npm test
		  win:
		    runs-on: windows-2022
		    container: node:20
		    steps: [{run: x}]
		  deploy:
		    needs: [build, test]
		    runs-on: macos-14
		    environment:
		      name: production
		      url: https://example.com
		    snapshot: deploy-image
		    steps: [{run: ./deploy}]
	`);

	it('names jobs and ids them by file stem and key', () => {
		expect(output.jobs.map((j) => [j.id, j.name])).toEqual([
			['ci/build', 'Build ${{ matrix.os }}'],
			['ci/test', 'test'],
			['ci/win', 'win'],
			['ci/deploy', 'deploy'],
		]);
		expect(output.workflows![0]!.name).toBe('CI');
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('reads needs, if and continue-on-error', () => {
		const list = entries(output);
		expect(list.map((e) => [e.id, (e.requires ?? []).map((r) => r.entry)])).toEqual([
			['build', []],
			['test', ['build']],
			['win', []],
			['deploy', ['build', 'test']],
		]);
		expect(list[1]!.condition).toBe("github.event_name == 'push'");
		expect(job(output, 'ci/test').allowFailure).toBe(true);
	});

	it('maps runs-on, container and services to executors', () => {
		expect(job(output, 'ci/build').executor).toMatchObject({ kind: 'machine', images: [{ image: 'ubuntu-latest' }], shell: 'bash' });
		expect(job(output, 'ci/test').executor).toMatchObject({ kind: 'runner', images: [{ image: 'self-hosted' }, { image: 'linux' }], workingDirectory: 'app' });
		expect(job(output, 'ci/win').executor).toMatchObject({ kind: 'docker', images: [{ image: 'node:20' }], resourceClass: 'windows-2022' });
		expect(job(output, 'ci/deploy').executor.kind).toBe('macos');
		expect(job(output, 'ci/test').services).toEqual([{ image: 'postgres:16', name: 'db' }]);
		expect(steps(output, 'ci/test')[0]).toMatchObject({ shell: 'bash', workingDirectory: 'app' });
	});

	it("reads a container's and services' ports, volumes, options and credentials (never their values)", () => {
		const o = parse(yaml`
			on: push
			jobs:
			  a:
			    runs-on: ubuntu-latest
			    container:
			      image: ghcr.io/org/build:1
			      credentials:
			        username: bot
			        password: ${'${{ secrets.GHCR_TOKEN }}'}
			      volumes: [/data:/data]
			    services:
			      db:
			        image: postgres:16
			        ports: ['5432:5432']
			        options: --health-cmd pg_isready --health-interval 10s
			        env:
			          POSTGRES_DB: app
			          POSTGRES_PASSWORD: ${'${{ secrets.DB_PASSWORD }}'}
			      cache:
			        image: redis:7
			        env: {REDIS_PASSWORD: throwaway-pass}
			    steps: [{run: x}]
		`);
		expect(job(o, 'ci/a').executor.images).toEqual([{ image: 'ghcr.io/org/build:1', volumes: ['/data:/data'], credentials: true }]);
		expect(job(o, 'ci/a').services).toEqual([
			{
				image: 'postgres:16',
				name: 'db',
				ports: ['5432:5432'],
				options: '--health-cmd pg_isready --health-interval 10s',
				env: [expect.objectContaining({ name: 'POSTGRES_DB', value: 'app', secret: false }), expect.objectContaining({ name: 'POSTGRES_PASSWORD', secret: true })],
			},
			{ image: 'redis:7', name: 'cache', env: [expect.objectContaining({ name: 'REDIS_PASSWORD', secret: true })] },
		]);
		expect(job(o, 'ci/a').services?.[0]?.env?.[1]?.value).toBeUndefined();
		// A throwaway password of a service the job starts: hidden, and noted rather than warned about.
		expect(JSON.stringify(o.jobs)).not.toContain('throwaway-pass');
		expect(diagnostics(o, 'secret-in-config').map((d) => [d.severity, at(d)])).toEqual([['info', '21:15']]);
		expect(JSON.stringify(o.jobs)).not.toContain('GHCR_TOKEN');
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
	});

	it('turns environment into a deploy target', () => {
		expect(output.deployTargets).toEqual([expect.objectContaining({ id: 'production', tier: 'production', url: 'https://example.com', jobs: ['ci/deploy'] })]);
		expect(job(output, 'ci/deploy').deployTarget).toBe('production');
	});

	it('keeps an environment a job only runs in (`deployment: false`) apart from deploy targets', () => {
		const o = parse(yaml`
			on: push
			jobs:
			  build:
			    runs-on: ubuntu-latest
			    environment: {name: dev, deployment: false}
			    steps: [{run: make}]
			  release:
			    runs-on: ubuntu-latest
			    environment: {name: production, deployment: true}
			    steps: [{run: make release}]
			  maybe:
			    runs-on: ubuntu-latest
			    environment: {name: staging, deployment: "${'$'}{{ inputs.record }}"}
			    steps: [{run: make}]
			  odd:
			    runs-on: ubuntu-latest
			    environment: {name: qa, deployment: sometimes}
			    steps: [{run: make}]
		`);
		expect(job(o, 'ci/build')).toMatchObject({ environment: 'dev' });
		expect(job(o, 'ci/build').deployTarget).toBeUndefined();
		expect(o.deployTargets?.map((t) => t.id)).toEqual(['production', 'staging', 'qa']);
		expect(diagnostics(o, 'not-modelled').map(at)).toEqual(['13:46']);
		expect(errors(o).map((d) => [d.message, at(d)])).toEqual([['`deployment` must be true or false, not `sometimes`', '17:41']]);
	});

	it('collects env, secrets (never a value) and vars', () => {
		expect(output.env).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'NODE_ENV', value: 'test', scope: 'workflow', secret: false }),
				{ name: 'REGION', secret: false, scope: 'project', usedBy: [] },
				{ name: 'API_TOKEN', secret: true, scope: 'secret', usedBy: [] },
			]),
		);
		const token = job(output, 'ci/build').env!.find((v) => v.name === 'API_TOKEN')!;
		expect(token).toMatchObject({ secret: true, scope: 'job' });
		expect(token.value).toBeUndefined();
		expect(JSON.stringify(output)).not.toContain('"value":"${{ secrets');
	});

	it('reports keys it does not model, with their place', () => {
		expect(diagnostics(output, 'not-modelled').map((d) => [at(d), d.message.slice(0, 17)])).toContainEqual(['40:5', '`snapshot` (in a ']);
	});
});

describe('limits', () => {
	const output = parse(yaml`
		name: CI
		run-name: Deploy ${'${{ github.ref_name }}'} by @${'${{ github.actor }}'}
		on: push
		concurrency:
		  group: ci-${'${{ github.ref }}'}
		  cancel-in-progress: ${"${{ github.ref != 'refs/heads/main' }}"}
		permissions: read-all
		jobs:
		  build:
		    runs-on: ubuntu-latest
		    timeout-minutes: 30
		    steps: [{run: make}]
		  release:
		    runs-on: ubuntu-latest
		    timeout-minutes: ${'${{ inputs.minutes }}'}
		    concurrency: release
		    permissions:
		      contents: write
		      id-token: write
		      issues: none
		    steps: [{run: make release}]
		  lock:
		    runs-on: ubuntu-latest
		    timeout-minutes: 1
		    concurrency: {group: lock, cancel-in-progress: true}
		    permissions: {}
		    steps: [{run: x}]
	`);

	it('reads timeout-minutes, in minutes, expressions kept', () => {
		expect(output.jobs.map((j) => j.timeout)).toEqual(['30 minutes', '${{ inputs.minutes }} minutes', '1 minute']);
	});

	it('reads concurrency of the workflow and of jobs, as a name or a map', () => {
		expect(output.workflows![0]!.concurrency).toEqual({ group: 'ci-\${{ github.ref }}', cancelInProgress: "${{ github.ref != 'refs/heads/main' }}" });
		expect(job(output, 'ci/build').concurrency).toBeUndefined();
		expect(job(output, 'ci/release').concurrency).toEqual({ group: 'release' });
		expect(job(output, 'ci/lock').concurrency).toEqual({ group: 'lock', cancelInProgress: true });
	});

	it("reads permissions, a job without its own having the workflow's", () => {
		expect(job(output, 'ci/build').permissions).toEqual({ all: 'read', scopes: {}, inherited: true });
		expect(job(output, 'ci/release').permissions).toEqual({ scopes: { contents: 'write', 'id-token': 'write', issues: 'none' }, inherited: false });
		expect(job(output, 'ci/lock').permissions).toEqual({ all: 'none', scopes: {}, inherited: false });
		expect(parse('on: push\njobs:\n  a: {runs-on: x, steps: [{run: x}]}\n').jobs[0]!.permissions).toBeUndefined();
	});

	it('reads run-name as written', () => {
		expect(output.workflows![0]!.runName).toBe('Deploy ${{ github.ref_name }} by @${{ github.actor }}');
	});

	it('reports none of them as not modelled, and the model takes them', () => {
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
	});
});

describe('steps, matrix strategy, activity types and required inputs', () => {
	const output = parse(yaml`
		on:
		  pull_request:
		    types: [opened, synchronize]
		    branches: [main]
		  release:
		    types: published
		  workflow_dispatch:
		    inputs:
		      version: {required: true}
		      dry-run: {type: boolean, default: true, required: false}
		jobs:
		  test:
		    runs-on: ubuntu-latest
		    strategy:
		      fail-fast: false
		      max-parallel: 2
		      matrix: {node: [20, 22]}
		    steps:
		      - run: npm test
		        continue-on-error: true
		        timeout-minutes: 5
		      - run: npm run flaky
		        continue-on-error: ${'${{ matrix.node == 22 }}'}
		      - run: npm run lint
		        continue-on-error: false
		  plain:
		    runs-on: ubuntu-latest
		    strategy: {matrix: {os: [a, b]}}
		    steps: [{run: x}]
		  single:
		    runs-on: ubuntu-latest
		    outputs:
		      version: ${'${{ steps.v.outputs.version }}'}
		    steps: [{id: v, run: x}]
	`);

	it("reads a step's continue-on-error and timeout-minutes", () => {
		expect(steps(output, 'ci/test').map((s) => [s.allowFailure, s.timeout])).toEqual([
			[true, '5 minutes'],
			['${{ matrix.node == 22 }}', undefined],
			[undefined, undefined],
		]);
	});

	it('reads which workflows start a workflow_run, and says create’s tag filters are ignored', () => {
		const o = parse(yaml`
			on:
			  workflow_run:
			    workflows: ["Fork PR Gate", Build]
			    types: [completed]
			    branches: [main]
			  create:
			    tags: ['v*']
			jobs:
			  a: {runs-on: x, steps: [{run: x}]}
		`);
		const [run, create] = o.workflows![0]!.triggers!;
		expect(run).toMatchObject({ event: 'other', name: 'workflow_run', afterWorkflows: ['Fork PR Gate', 'Build'], types: ['completed'] });
		expect(create).toMatchObject({ name: 'create' });
		expect(diagnostics(o, 'not-modelled').map((d) => [at(d), d.message])).toEqual([['5:5', '`branches` of the `workflow_run` event is not modelled by Pipeline Atlas yet; the trigger is shown without it']]);
		expect(diagnostics(o, 'ignored-key').map((d) => [d.severity, at(d)])).toEqual([['info', '7:5']]);
	});

	it('decides a job-level continue-on-error that reads a matrix value for each instance', () => {
		const o = parse(yaml`
			on: push
			jobs:
			  a:
			    runs-on: x
			    continue-on-error: ${'${{ matrix.experimental }}'}
			    strategy:
			      matrix:
			        php: ['8.2', '8.3']
			        experimental: [false]
			        include: [{php: '8.4', experimental: true}]
			    steps: [{run: x}]
			  b:
			    runs-on: x
			    continue-on-error: ${'${{ github.event_name == \'schedule\' }}'}
			    steps: [{run: x}]
		`);
		expect(job(o, 'ci/a').allowFailure).toBe('${{ matrix.experimental }}');
		expect(entries(o, 'ci').filter((e) => e.matrixGroup === 'a').map((e) => [e.id, e.allowFailure])).toEqual([
			['a (8.2, false)', false],
			['a (8.3, false)', false],
			['a (8.4, true)', true],
		]);
		// Any other expression is kept as written, for the job page to say.
		expect(job(o, 'ci/b').allowFailure).toBe("${{ github.event_name == 'schedule' }}");
		expect(entries(o, 'ci').find((e) => e.id === 'b')?.allowFailure).toBeUndefined();
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
	});

	it("reads a matrix job's fail-fast (true by default) and max-parallel", () => {
		expect(job(output, 'ci/test').strategy).toEqual({ failFast: false, maxParallel: '2' });
		expect(job(output, 'ci/plain').strategy).toEqual({ failFast: true });
		expect(job(output, 'ci/single').strategy).toBeUndefined();
	});

	it('reads job outputs, with how a later job reads each', () => {
		expect(job(output, 'ci/single').outputs).toEqual([{ name: 'version', value: '${{ steps.v.outputs.version }}', reference: 'needs.single.outputs.version' }]);
		expect(job(output, 'ci/test').outputs ?? []).toEqual([]);
	});

	it('reads activity types of any event, and which inputs are required', () => {
		expect(output.triggers?.map((t) => [t.name ?? t.event, t.types])).toEqual([
			['pull_request', ['opened', 'synchronize']],
			['release', ['published']],
			['workflow_dispatch', undefined],
		]);
		expect(output.parameters?.map((p) => [p.name, p.required])).toEqual([
			['version', true],
			['dry-run', undefined],
		]);
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
	});
});

describe('matrix', () => {
	it('expands include and exclude into instances named as GitHub names them', () => {
		const output = parse(yaml`
			on: push
			jobs:
			  test:
			    runs-on: ${'${{ matrix.os }}'}
			    strategy:
			      matrix:
			        os: [ubuntu-latest, windows-latest]
			        node: [18, 20]
			        exclude:
			          - os: windows-latest
			            node: 18
			        include:
			          - os: ubuntu-latest
			            experimental: true
			          - os: macos-latest
			            node: 20
			    steps: [{run: x}]
			  after:
			    needs: test
			    runs-on: ubuntu-latest
			    steps: [{run: x}]
		`);
		const list = entries(output);
		expect(list.map((e) => e.id)).toEqual([
			'test (ubuntu-latest, 18, true)',
			'test (ubuntu-latest, 20, true)',
			'test (windows-latest, 20)',
			'test (macos-latest, 20)',
			'after',
		]);
		expect(list[0]).toMatchObject({ jobId: 'ci/test', matrixGroup: 'test', matrix: { os: 'ubuntu-latest', node: '18', experimental: 'true' } });
		expect(list[4]!.requires!.map((r) => r.entry)).toHaveLength(4);
		expect(job(output, 'ci/test').executor.kind).toBe('unknown');
	});

	it('caps a huge matrix with a diagnostic giving the count', () => {
		const values = `[${Array.from({ length: 20 }, (_, i) => i).join(', ')}]`;
		const output = parse(`on: push\njobs:\n  big:\n    runs-on: x\n    strategy:\n      matrix:\n        a: ${values}\n        b: ${values}\n    steps: [{run: x}]\n`);
		expect(entries(output)).toHaveLength(256);
		expect(diagnostics(output, 'matrix-limit')[0]!.message).toContain('400 jobs');
	});

	it('keeps a computed matrix as one job', () => {
		const output = parse('on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n    steps: [{run: x}]\n');
		expect(entries(output).map((e) => e.id)).toEqual(['t']);
		expect(diagnostics(output, 'matrix-dynamic')).toHaveLength(1);
	});
});

describe('steps', () => {
	const files = new Map([
		[
			'.github/actions/setup/action.yml',
			yaml`
				name: Set up
				runs:
				  using: composite
				  steps:
				    - run: echo one
				      shell: bash
				    - uses: actions/setup-node@v4
			`,
		],
	]);
	const output = parse(
		yaml`
			on: push
			jobs:
			  build:
			    runs-on: ubuntu-latest
			    steps:
			      - uses: actions/checkout@v4
			      - uses: actions/cache@v4
			        with:
			          path: |
			            ~/.npm
			            node_modules
			          key: npm-${'${{ hashFiles(\'package-lock.json\') }}'}
			          restore-keys: |
			            npm-
			      - uses: actions/cache/save@v4
			        with: {path: dist, key: dist}
			      - id: tests
			        name: Tests
			        if: success()
			        run: |
			          npm ci
			          npm test
			        env: {CI: 'true'}
			      - uses: actions/upload-artifact@v4
			        with: {name: dist, path: dist}
			      - uses: actions/download-artifact@v4
			        with: {name: dist, path: out}
			      - uses: docker://alpine:3.20
			      - uses: ./.github/actions/setup
			      - uses: ./.github/actions/missing
		`,
		'pipelines/x/.github/workflows/ci.yml',
		{ files, displayPrefix: 'pipelines/x/' },
	);
	const list = steps(output, 'ci/build');

	it('recognises what each step does', () => {
		expect(list.map((s) => [s.id, s.kind, s.name])).toEqual([
			['1', 'checkout', 'Run actions/checkout@v4'],
			['2', 'cache-restore', 'Run actions/cache@v4'],
			['3', 'cache-save', 'Run actions/cache/save@v4'],
			['4', 'run', 'Tests'],
			['5', 'artifacts', 'Run actions/upload-artifact@v4'],
			['6', 'workspace-attach', 'Run actions/download-artifact@v4'],
			['7', 'action', 'Run docker://alpine:3.20'],
			['8', 'action', 'Set up'],
			['9', 'action', 'Run ./.github/actions/missing'],
		]);
		expect(list[1]).toMatchObject({ keys: ["npm-${{ hashFiles('package-lock.json') }}", 'npm-'], paths: ['~/.npm', 'node_modules'] });
		expect(list[3]).toMatchObject({ command: 'npm ci\nnpm test\n', condition: 'success()', env: [expect.objectContaining({ name: 'CI', value: 'true', scope: 'step' })] });
		expect(list[5]!.destination).toBe('out');
	});

	it('expands a local composite action and references a missing one', () => {
		expect(list[7]!.origin).toEqual({ type: 'composite', name: './.github/actions/setup', ref: 'pipelines/x/.github/actions/setup/action.yml', expanded: true });
		expect(list[7]!.children.map((s) => [s.id, s.kind, s.name, s.location.file])).toEqual([
			['8.1', 'run', 'Run echo one', 'pipelines/x/.github/actions/setup/action.yml'],
			['8.2', 'action', 'Run actions/setup-node@v4', 'pipelines/x/.github/actions/setup/action.yml'],
		]);
		expect(list[8]!.origin).toMatchObject({ expanded: false });
		expect(diagnostics(output, 'action-not-found').map(at)).toEqual(['30:15']);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('names an unnamed run step after its first command line', () => {
		const out = parse('on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n\n          echo hi\n          echo there\n');
		expect(steps(out, 'ci/a')[0]!.name).toBe('Run echo hi');
	});
});

describe('local actions: description and inputs', () => {
	const files = new Map([
		[
			'.github/actions/setup/action.yml',
			yaml`
				name: Set up
				description: Installs Node and the locked dependencies.
				author: Platform team
				inputs:
				  node-version:
				    description: Node.js version to install
				    default: '22'
				  registry-token:
				    description: Token for the private registry
				    required: true
				  legacy:
				    description: Old switch
				    deprecationMessage: Use node-version instead.
				runs:
				  using: composite
				  steps:
				    - run: npm ci
				      shell: bash
			`,
		],
		['.github/actions/docker/action.yml', yaml`
			name: In a container
			inputs:
			  image: {required: true}
			runs:
			  using: docker
			  image: Dockerfile
		`],
	]);
	const output = parse(
		yaml`
			on: push
			jobs:
			  build:
			    runs-on: ubuntu-latest
			    steps:
			      - uses: ./.github/actions/setup
			        with:
			          Node-Version: '20'
			          registry-token: x
			      - uses: ./.github/actions/setup
			        with:
			          node_version: '20'
			      - uses: ./.github/actions/docker
			        with: {image: alpine, tag: latest}
		`,
		'pipelines/x/.github/workflows/ci.yml',
		{ files, displayPrefix: 'pipelines/x/' },
	);
	const list = steps(output, 'ci/build');

	it("keeps the action's description and its declared inputs with the step", () => {
		expect(list[0]!.origin).toMatchObject({ description: 'Installs Node and the locked dependencies.', expanded: true });
		expect(list[0]!.origin!.inputs!.map((i) => [i.name, i.default, i.required, i.description, at({ location: i.location })])).toEqual([
			['node-version', '22', undefined, 'Node.js version to install', '5:3'],
			['registry-token', undefined, true, 'Token for the private registry', '8:3'],
			['legacy', undefined, undefined, 'Old switch Deprecated: Use node-version instead.', '11:3'],
		]);
		// A Docker action declares inputs too, without steps to show.
		expect(list[2]!.origin).toMatchObject({ expanded: false, inputs: [expect.objectContaining({ name: 'image', required: true })] });
		expect(schemaIssues(output)).toEqual([]);
	});

	it('warns, at the key, about an input the action does not declare, with the likely one', () => {
		const unknown = diagnostics(output, 'unknown-input');
		expect(unknown.map((d) => [d.severity, d.message, at(d), d.hint])).toEqual([
			['warning', '`node_version` is not an input of `./.github/actions/setup`: GitHub warns and the action never reads it', '12:11', 'Did you mean `node-version`?'],
			['warning', '`tag` is not an input of `./.github/actions/docker`: GitHub warns and the action never reads it', '14:31', 'Its inputs: image.'],
		]);
	});

	it('warns where a step leaves out an input the action requires, once per step', () => {
		expect(diagnostics(output, 'missing-input').map((d) => [d.message, at(d)])).toEqual([
			['`./.github/actions/setup` requires the input `registry-token`, which this step does not give: GitHub does not enforce it, and the action reads an empty string', '10:15'],
		]);
	});

	it("reports the action's keys it does not model once, in the action file", () => {
		const infos = diagnostics(output, 'not-modelled').filter((d) => d.location.file.endsWith('action.yml'));
		expect(infos.map((d) => [d.message, d.location.file, at(d)])).toEqual([
			['`author` (in an action) is not modelled by Pipeline Atlas yet; it is kept out of the pages', 'pipelines/x/.github/actions/setup/action.yml', '3:1'],
		]);
	});
});

describe('reusable workflows', () => {
	const called = yaml`
		on:
		  workflow_call:
		    inputs:
		      target: {type: string}
		jobs:
		  lint:
		    runs-on: ubuntu-latest
		    steps: [{run: lint}]
		  unit:
		    runs-on: ubuntu-latest
		    steps: [{uses: actions/checkout@v4}, {run: test}]
	`;
	const caller = yaml`
		on: push
		jobs:
		  checks:
		    uses: ./.github/workflows/checks.yml
		    with: {target: prod}
		    secrets: inherit
		  remote:
		    needs: checks
		    uses: org/repo/.github/workflows/deploy.yml@v1
	`;
	const output = parseGitHubWorkflows([
		{ path: 'r/.github/workflows/ci.yml', text: caller },
		{ path: 'r/.github/workflows/checks.yml', text: called },
	], { displayPrefix: 'r/' });

	it('expands a local one into one step per called job, keeping the caller as one node', () => {
		const checks = job(output, 'ci/checks');
		expect(checks.origin).toEqual({ type: 'reusable-workflow', name: './.github/workflows/checks.yml', ref: 'r/.github/workflows/checks.yml', expanded: true });
		const inner = steps(output, 'ci/checks');
		expect(inner.map((s) => [s.id, s.name, s.children.map((c) => c.id)])).toEqual([
			['1', 'lint', ['1.1']],
			['2', 'unit', ['2.1', '2.2']],
		]);
		expect(entries(output).find((e) => e.id === 'checks')!.parameters).toEqual({ target: 'prod' });
		expect(checks.executor.kind).toBe('machine');
		expect(output.jobs.map((j) => j.id)).toEqual(['checks/lint', 'checks/unit', 'ci/checks', 'ci/remote']);
	});

	it('references a remote one with an info diagnostic', () => {
		expect(job(output, 'ci/remote').origin).toEqual({ type: 'reusable-workflow', name: 'org/repo/.github/workflows/deploy.yml@v1', ref: 'org/repo/.github/workflows/deploy.yml@v1', expanded: false });
		expect(diagnostics(output, 'remote-workflow')).toEqual([expect.objectContaining({ severity: 'info', location: expect.objectContaining({ file: 'r/.github/workflows/ci.yml', line: 9 }) })]);
		expect(errors(output)).toEqual([]);
	});
});

describe('a local action first met inside a called workflow', () => {
	// The caller expands unit.yml silently (unit.yml reports its own problems as a file of its
	// own); read in path order, the caller comes first, so the action unit.yml uses is read
	// inside that expansion, and its problems were once dropped with it.
	const files = new Map([
		['.github/actions/setup/action.yml', 'name: Set up\nautor: Platform team\nruns:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n'],
		['.github/actions/broken/action.yml', 'name: Broken\nruns: [unclosed\n'],
	]);
	const called = yaml`
		on: workflow_call
		jobs:
		  unit:
		    runs-on: ubuntu-latest
		    steps:
		      - uses: ./.github/actions/setup
		      - uses: ./.github/actions/broken
	`;
	const caller = yaml`
		on: push
		jobs:
		  checks:
		    uses: ./.github/workflows/unit.yml
	`;
	const output = parseGitHubWorkflows(
		[
			{ path: 'r/.github/workflows/ci.yml', text: caller },
			{ path: 'r/.github/workflows/unit.yml', text: called },
		],
		{ displayPrefix: 'r/', files },
	);

	it("still reports the action's problems, once, at their place", () => {
		const inActions = (output.diagnostics ?? []).filter((d) => d.location.file.includes('/actions/'));
		expect(inActions.map((d) => `${d.location.file}:${at(d)} ${d.code}`)).toEqual([
			'r/.github/actions/setup/action.yml:2:1 misspelt-key',
			expect.stringMatching(/^r\/\.github\/actions\/broken\/action\.yml:\d+:\d+ yaml-/),
		]);
	});
});

describe('env given as one expression', () => {
	// As ros-industrial/industrial_ci writes it: each matrix copy brings its own variables.
	const output = parse(yaml`
		on: push
		env: ${'${{ fromJSON(vars.SHARED_ENV) }}'}
		jobs:
		  build:
		    strategy:
		      matrix:
		        env:
		          - {ROS_DISTRO: humble}
		          - {ROS_DISTRO: jazzy, PRERELEASE: true}
		    runs-on: ubuntu-latest
		    env: ${'${{ matrix.job-env }}'}
		    steps:
		      - uses: actions/checkout@v4
		      - uses: ./
		        env: ${'${{matrix.env}}'}
	`);

	it('keeps the expression on the job and the step, whose variables only the run knows', () => {
		expect(job(output, 'ci/build')).toMatchObject({ envFrom: '${{ matrix.job-env }}', env: [] });
		const [checkout, local] = steps(output, 'ci/build');
		expect(checkout!.envFrom).toBeUndefined();
		expect(local).toMatchObject({ envFrom: '${{matrix.env}}', env: [] });
		expect(schemaIssues(output)).toEqual([]);
	});

	it('still reports the workflow-level one as not modelled, and the others no more', () => {
		expect(diagnostics(output, 'not-modelled').filter((d) => d.message.includes('computed by an expression')).map((d) => at(d))).toEqual(['2:6']);
	});
});

describe('diagnostics', () => {
	it('warns about a misspelt key with the likely one', () => {
		const output = parse('on: push\njobs:\n  a:\n    runs-on: x\n    step:\n      - run: x\n');
		expect(diagnostics(output, 'misspelt-key').map((d) => [at(d), d.message])).toEqual([['5:5', '`step` is not a key of a job; did you mean `steps`?']]);
		expect(diagnostics(output, 'workflow-schema')).toEqual([]);
	});

	it('locates YAML syntax errors, with CRLF and BOM', () => {
		const output = parse('\uFEFFon: push\r\njobs:\r\n  a:\r\n    runs-on: [x\r\n');
		expect(errors(output).map((d) => [d.code, d.location.line])).toEqual([['yaml-syntax', expect.any(Number)]]);
		const clean = parse('\uFEFFon: push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n    steps:\r\n      - run: x\r\n');
		expect(errors(clean)).toEqual([]);
		expect(job(clean, 'ci/a').location).toEqual({ file: '.github/workflows/ci.yml', line: 3, column: 3 });
	});

	it('reports unknown needs through GitHub\'s parser, located', () => {
		const output = parse('on: push\njobs:\n  a:\n    needs: nope\n    runs-on: x\n    steps: [{run: x}]\n  b:\n    runs-on: x\n    steps: [{run: x}]\n');
		expect(errors(output).map((d) => [d.code, at(d), d.message])).toEqual([['job-graph', '4:12', "GitHub's workflow schema: Job 'a' depends on unknown job 'nope'."]]);
		const cycle = parse('on: push\njobs:\n  a:\n    needs: a\n    runs-on: x\n    steps: [{run: x}]\n');
		expect(errors(cycle).map((d) => [d.code, at(d)])).toEqual([['job-graph', '3:3']]);
	});

	it('rejects Jinja templates with a located diagnostic instead of crashing', () => {
		const jinja = parse('on: push\njobs:\n  {{ name }}:\n    runs-on: x\n    steps: [{run: x}]\n');
		expect(jinja.diagnostics!.length).toBeGreaterThan(0);
		const quoted = parse('on: push\njobs:\n  a:\n    runs-on: "{{ runner }}"\n    steps: [{run: x}]\n');
		expect(diagnostics(quoted, 'template-syntax').map(at)).toEqual(['4:14']);
	});

	it('keeps expressions verbatim and never throws on odd input', () => {
		for (const text of ['', '---\n', '- a\n- b\n', 'on: push\njobs: 3\n', 'on:\njobs:\n  a: 1\n', 'jobs:\n  a:\n    runs-on: x\n    steps: x\n']) {
			const output = parse(text);
			expect(schemaIssues(output), JSON.stringify(text)).toEqual([]);
			expect(errors(output).length + diagnostics(output, 'not-a-workflow').length, JSON.stringify(text)).toBeGreaterThan(0);
		}
	});
});

describe('secrets and variables read by expressions', () => {
	it('finds them in `${{ }}` and in bare `if:` conditions, and nothing in plain text that names them', () => {
		const output = parse(
			[
				'on: push',
				'jobs:',
				'  deploy:',
				'    runs-on: ubuntu-latest',
				"    if: secrets.DEPLOY_KEY != ''",
				'    steps:',
				'      - run: echo secrets.NOT_A_REFERENCE vars.NOR_THIS',
				'      - run: deploy --to ${{ vars.TARGET }}',
				"        if: vars.ENABLED == 'yes'",
				'',
			].join('\n'),
		);
		expect((output.env ?? []).map((v) => [v.name, v.scope, v.usedBy])).toEqual([
			['ENABLED', 'project', ['ci/deploy#2']],
			['TARGET', 'project', ['ci/deploy#2']],
			['DEPLOY_KEY', 'secret', []],
		]);
	});
});
