/**
 * GitHub Actions workflows: push/pull_request/tag/schedule/dispatch triggers, concurrency,
 * permissions, matrices with `include`, `needs`, services, environments with URLs, a local
 * composite action, and a reusable workflow called with `uses: ./.github/workflows/<file>`.
 */
import { CI_VARS, planLeaves, type JobSpec, type Leaf } from './jobs';
import type { EmitResult, PipelinePlan, RunnableJob, RunStepSpec } from './types';
import { field, lines, q } from './yaml';

const ci = CI_VARS.github;

type WorkflowFile = 'ci' | 'deploy' | 'nightly' | 'release';
const WORKFLOW_NAMES: Record<WorkflowFile, string> = { ci: 'CI', deploy: 'Deploy', nightly: 'Nightly', release: 'Release' };

interface Built {
	spec: JobSpec;
	leaves: Leaf[];
	file: WorkflowFile;
	matrix?: { versions: string[]; windows: boolean };
	name?: string;
}

export function emitGithub(plan: PipelinePlan): EmitResult {
	const rng = plan.rng.fork('github');
	const { stack } = plan;
	const version = rng.pick(stack.versions);
	const composite = rng.chance(0.6);
	const installMode: 'setup' | 'cache' = rng.chance(0.75) ? 'setup' : 'cache';
	const setup = stack.setupAction(version);
	const files = new Map<string, string>();
	const fileOf = (spec: JobSpec): WorkflowFile =>
		['deploy', 'smoke', 'migrate', 'notify'].includes(spec.archetype) ? 'deploy' : ['audit', 'benchmark'].includes(spec.archetype) ? 'nightly' : ['release', 'docs'].includes(spec.archetype) ? 'release' : 'ci';

	const built: Built[] = [];
	const caller = plan.jobs.find((j) => j.role === 'caller');
	const called = plan.jobs.find((j) => j.role === 'called');
	for (const spec of plan.jobs) {
		if (spec.role) continue;
		const leaves = planLeaves(spec, stack, ci, plan.components, spec.steps!, { install: installMode, remoteDocker: true, notify: true }, rng);
		const b: Built = { spec, leaves, file: fileOf(spec) };
		if (['lint', 'typecheck', 'audit', 'docs', 'release'].includes(spec.archetype) && rng.chance(0.5)) b.name = { lint: 'Lint', typecheck: 'Type check', audit: 'Security scan', docs: 'Docs', release: 'Publish release' }[spec.archetype as 'lint'];
		built.push(b);
	}
	// Matrix jobs keep their key as name: with a `name:`, GitHub shows `<name> (<values>)`, which the run matcher does not resolve.
	const matrixJob = built.find((b) => b.spec.archetype === 'unit' && rng.chance(0.75));
	if (matrixJob) matrixJob.matrix = { versions: rng.sample(stack.versions, rng.int(2, stack.versions.length)), windows: rng.chance(0.3) };

	// --- composite action ---------------------------------------------------------------------
	if (composite) {
		const withLines = Object.entries(setup.with).map(([k, v]) => `        ${k}: ${k.endsWith('-version') || k === 'toolchain' ? '${{ inputs.version }}' : q(v)}`);
		files.set(
			'.github/actions/setup/action.yml',
			lines(
				'name: Set up the toolchain and dependencies',
				`description: Installs ${stack.id} with its package cache, then the locked dependencies.`,
				'',
				'inputs:',
				'  version:',
				`    description: ${stack.id} version to install`,
				'    required: false',
				`    default: ${q(Object.values(setup.with)[0] ?? version)}`,
				'',
				'runs:',
				'  using: composite',
				'  steps:',
				'    - name: Set up the toolchain',
				`      uses: ${setup.uses}`,
				'      with:',
				withLines,
				'',
				'    - name: Install dependencies',
				...field('      ', 'run', stack.install.command),
				'      shell: bash',
			),
		);
	}

	const runnable: RunnableJob[] = [];
	let steps = 0;
	let jobs = 0;

	function renderLeaves(b: { spec: JobSpec; leaves: Leaf[] }, out: string[], matrix: boolean): RunStepSpec[] {
		const runSteps: RunStepSpec[] = [];
		const { leaves } = b;
		for (let i = 0; i < leaves.length; i++) {
			const leaf = leaves[i]!;
			const next = leaves[i + 1];
			if (composite && leaf.t === 'setup' && next?.t === 'install') {
				out.push('      - uses: ./.github/actions/setup');
				if (matrix) out.push('        with:', `          version: \${{ matrix.${stack.versionParam} }}`);
				runSteps.push({ name: 'Run ./.github/actions/setup', log: 'install', uses: './.github/actions/setup', with: { version: String(Object.values(setup.with)[0]) }, command: stack.install.command, post: Boolean(setup.with.cache) });
				i++;
				continue;
			}
			switch (leaf.t) {
				case 'checkout': {
					const deep = rng.chance(0.2);
					out.push('      - uses: actions/checkout@v4', ...(deep ? ['        with:', '          fetch-depth: 0'] : []));
					runSteps.push({ name: 'Run actions/checkout@v4', log: 'checkout', uses: 'actions/checkout@v4', with: { repository: `${plan.org}/${plan.name}`, token: '***', 'fetch-depth': deep ? '0' : '1' }, post: true });
					break;
				}
				case 'attach':
					out.push('      - name: Download the workspace', '        uses: actions/download-artifact@v4', '        with:', '          name: workspace', '          path: .');
					runSteps.push({ name: 'Download the workspace', log: 'workspace-attach', uses: 'actions/download-artifact@v4', with: { name: 'workspace', path: '.' } });
					break;
				case 'persist': {
					const name = `workspace-${b.spec.key}`;
					out.push('      - name: Upload the workspace', '        uses: actions/upload-artifact@v4', '        with:', `          name: ${name}`, '          path: |', ...leaf.paths.map((p) => `            ${p}`), '          retention-days: 1');
					runSteps.push({ name: 'Upload the workspace', log: 'workspace-persist', uses: 'actions/upload-artifact@v4', with: { name, path: leaf.paths.join('\n') } });
					break;
				}
				case 'restore-cache':
					out.push('      - name: Restore the dependency cache', '        uses: actions/cache/restore@v4', '        with:', '          path: |', ...stack.cachePaths.map((p) => `            ${p}`), `          key: deps-\${{ runner.os }}-\${{ hashFiles('${stack.lockfile}') }}`, '          restore-keys: |', '            deps-${{ runner.os }}-');
					runSteps.push({ name: 'Restore the dependency cache', log: 'cache-restore', uses: 'actions/cache/restore@v4', with: { path: stack.cachePaths.join('\n'), key: `deps-Linux-${rng.hex(64)}` } });
					break;
				case 'save-cache':
					out.push('      - name: Save the dependency cache', '        uses: actions/cache/save@v4', '        with:', '          path: |', ...stack.cachePaths.map((p) => `            ${p}`), `          key: deps-\${{ runner.os }}-\${{ hashFiles('${stack.lockfile}') }}`);
					runSteps.push({ name: 'Save the dependency cache', log: 'cache-save', uses: 'actions/cache/save@v4', with: { path: stack.cachePaths.join('\n') } });
					break;
				case 'setup': {
					const withs = { ...setup.with };
					out.push(`      - uses: ${setup.uses}`, '        with:', ...Object.entries(withs).map(([k, v]) => `          ${k}: ${matrix && k.endsWith('-version') ? `\${{ matrix.${stack.versionParam} }}` : matrix && k === 'toolchain' ? `\${{ matrix.${stack.versionParam} }}` : q(v)}`));
					runSteps.push({ name: `Run ${setup.uses}`, log: 'setup', uses: setup.uses, with: withs, post: Boolean(withs.cache) });
					break;
				}
				case 'install':
				case 'run': {
					const env = leaf.t === 'run' ? leaf.env : undefined;
					const cmd = leaf.cmd;
					if (!cmd.command.includes('\n') && cmd.command.length < 60 && rng.chance(0.15)) {
						out.push(`      - run: ${q(cmd.command)}`);
						runSteps.push({ name: `Run ${cmd.command}`, log: cmd.log, command: cmd.command });
						break;
					}
					out.push(`      - name: ${q(cmd.name)}`);
					const secretEnv = secretEnvFor(cmd.command);
					const allEnv = { ...(env ?? {}), ...secretEnv };
					if (Object.keys(allEnv).length) out.push('        env:', ...Object.entries(allEnv).map(([k, v]) => `          ${k}: ${q(v)}`));
					out.push(...field('        ', 'run', cmd.command));
					runSteps.push({ name: cmd.name, log: cmd.log, command: cmd.command, ...(Object.keys(allEnv).length ? { env: Object.fromEntries(Object.keys(allEnv).map((k) => [k, k in secretEnv ? '***' : allEnv[k]!])) } : {}) });
					break;
				}
				case 'remote-docker':
					out.push('      - uses: docker/setup-buildx-action@v3');
					runSteps.push({ name: 'Run docker/setup-buildx-action@v3', log: 'remote-docker', uses: 'docker/setup-buildx-action@v3', post: true });
					break;
				case 'artifacts':
					out.push(`      - name: Upload ${leaf.name}`, '        if: always()', '        uses: actions/upload-artifact@v4', '        with:', `          name: ${q(matrix ? `${leaf.name}-\${{ matrix.${stack.versionParam} }}` : leaf.name)}`, `          path: ${q(leaf.path)}`, '          retention-days: 7');
					runSteps.push({ name: `Upload ${leaf.name}`, log: 'artifacts', uses: 'actions/upload-artifact@v4', with: { name: leaf.name, path: leaf.path, 'retention-days': '7' }, when: 'always' });
					break;
				case 'test-results':
					out.push('      - name: Publish the test report', '        if: always()', '        uses: mikepenz/action-junit-report@v4', '        with:', `          report_paths: ${q(`${leaf.path}/**/*.xml`)}`);
					runSteps.push({ name: 'Publish the test report', log: 'test-results', uses: 'mikepenz/action-junit-report@v4', with: { report_paths: `${leaf.path}/**/*.xml` }, when: 'always' });
					break;
				case 'notify':
					out.push('      - name: Tell Slack about the failure', '        if: failure()', '        uses: slackapi/slack-github-action@v1.27.0', '        with:', '          channel-id: deploys', `          slack-message: "Deploy of \${{ github.repository }} failed: \${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}"`, '        env:', '          SLACK_BOT_TOKEN: ${{ secrets.SLACK_BOT_TOKEN }}');
					runSteps.push({ name: 'Tell Slack about the failure', log: 'notify', uses: 'slackapi/slack-github-action@v1.27.0', with: { 'channel-id': 'deploys' }, when: 'failure' });
					break;
			}
		}
		return runSteps;
	}

	const needsOf = (b: Built): string[] => {
		const { archetype, component, key } = b.spec;
		const here = built.filter((x) => x.file === b.file && x !== b);
		const keyIn = (k: string) => here.some((x) => x.spec.key === k);
		const out: string[] = [];
		if (archetype === 'build' && keyIn(`test-${component}`)) out.push(`test-${component}`);
		if (archetype === 'docker' && keyIn(`build-${component}`)) out.push(`build-${component}`);
		if (archetype === 'coverage') out.push(...here.filter((x) => x.spec.archetype === 'unit').map((x) => x.spec.key).slice(0, 4));
		if (archetype === 'smoke' && keyIn('deploy-staging')) out.push('deploy-staging');
		if (key === 'deploy-production') out.push(...(keyIn('smoke-staging') ? ['smoke-staging'] : keyIn('deploy-staging') ? ['deploy-staging'] : []));
		if (archetype === 'notify' && keyIn('deploy-staging')) out.push('deploy-staging');
		if (archetype === 'migrate' && keyIn('deploy-staging')) out.push('deploy-staging');
		return out;
	};

	const dbServices = [
		'    services:',
		'      postgres:',
		'        image: postgres:16',
		'        env:',
		'          POSTGRES_USER: ci',
		'          POSTGRES_PASSWORD: ci',
		'          POSTGRES_DB: app_test',
		'        ports: ["5432:5432"]',
		'        options: >-',
		'          --health-cmd pg_isready',
		'          --health-interval 10s',
		'          --health-timeout 5s',
		'          --health-retries 5',
		'      redis:',
		'        image: redis:7',
		'        ports: ["6379:6379"]',
	];

	function renderJob(b: Built, out: string[], workflowName: string, workflowFile: string): void {
		const { spec } = b;
		out.push(`  ${spec.key}:`);
		if (b.name) out.push(`    name: ${q(b.name)}`);
		const needs = needsOf(b);
		if (needs.length === 1) out.push(`    needs: ${needs[0]}`);
		else if (needs.length > 1) out.push(`    needs: [${needs.join(', ')}]`);
		const runsOn = b.matrix ? '${{ matrix.os }}' : spec.archetype === 'docker' || spec.archetype === 'e2e' ? 'ubuntu-22.04' : 'ubuntu-latest';
		out.push(`    runs-on: ${q(runsOn)}`, `    timeout-minutes: ${rng.pick([10, 15, 20, 30, 45])}`);
		if (spec.archetype === 'deploy') {
			out.push(`    if: github.ref == 'refs/heads/${plan.defaultBranch}' || startsWith(github.ref, 'refs/tags/v')`);
			out.push('    environment:', `      name: ${spec.environment}`, `      url: https://${spec.component}.${spec.environment === 'production' ? '' : `${spec.environment}.`}example.com`);
			out.push('    permissions:', '      id-token: write', '      contents: read');
		}
		if (b.matrix) {
			out.push('    strategy:', '      fail-fast: false', '      matrix:', `        ${stack.versionParam}: [${b.matrix.versions.map((v) => q(v)).join(', ')}]`, '        os: [ubuntu-latest]');
			if (b.matrix.windows) out.push('        include:', `          - ${stack.versionParam}: ${q(b.matrix.versions.at(-1)!)}`, '            os: windows-latest');
		}
		if (spec.archetype === 'integration') out.push(...dbServices);
		const env: Record<string, string> = {};
		if (spec.archetype === 'integration') Object.assign(env, { DATABASE_URL: 'postgres://ci:ci@localhost:5432/app_test', REDIS_URL: 'redis://localhost:6379/0' });
		if (spec.archetype === 'docker') Object.assign(env, { REGISTRY: `ghcr.io/${plan.org}` });
		if (spec.archetype === 'deploy') Object.assign(env, { EKS_CLUSTER: `${plan.org}-${spec.environment}`, AWS_REGION: 'eu-west-1' });
		if (Object.keys(env).length) out.push('    env:', ...Object.entries(env).map(([k, v]) => `      ${k}: ${q(v)}`));
		out.push('    steps:');
		const runSteps = renderLeaves(b, out, Boolean(b.matrix));
		out.push('');
		jobs++;
		steps += b.leaves.length;
		const entries = b.matrix
			? [...b.matrix.versions.map((v) => `${spec.key} (${v}, ubuntu-latest)`), ...(b.matrix.windows ? [`${spec.key} (${b.matrix.versions.at(-1)}, windows-latest)`] : [])]
			: [b.name ?? spec.key];
		for (const entry of entries) {
			runnable.push({
				entry,
				workflow: workflowName,
				workflowFile,
				key: spec.key,
				steps: runSteps,
				image: entry.includes('windows') ? 'windows-2022' : runsOn === 'ubuntu-22.04' ? 'ubuntu-22.04' : 'ubuntu-24.04',
				services: spec.archetype === 'integration' ? ['postgres:16', 'redis:7'] : [],
				resourceClass: entry.includes('windows') ? 'windows-latest' : runsOn.startsWith('$') ? 'ubuntu-latest' : runsOn,
				env: { ...env, NODE_ENV: 'test' },
				secrets: spec.archetype === 'deploy' ? ['AWS_SECRET_ACCESS_KEY', 'SLACK_BOT_TOKEN'] : ['CODECOV_TOKEN'],
				runsOn: entry.includes('windows') ? 'windows-latest' : runsOn.startsWith('$') ? 'ubuntu-latest' : runsOn,
			});
		}
	}

	const header = (file: WorkflowFile): string[] => {
		const name = WORKFLOW_NAMES[file];
		const out = [`name: ${name}`, ''];
		if (file === 'ci') {
			out.push('on:', '  push:', `    branches: [${plan.defaultBranch}]`, '    paths-ignore:', "      - 'docs/**'", "      - '**.md'", '  pull_request:', '    paths-ignore:', "      - 'docs/**'", '');
			out.push('# A newer push to the same branch or pull request cancels the run still going.', 'concurrency:', '  group: ci-${{ github.ref }}', '  cancel-in-progress: true', '');
		} else if (file === 'deploy') {
			out.push('on:', '  push:', `    branches: [${plan.defaultBranch}]`, "    tags: ['v*']", '  workflow_dispatch:', '    inputs:', '      environment:', '        description: Where to deploy', '        type: choice', '        options: [staging, production]', '        default: staging', '');
			out.push('concurrency:', '  group: deploy-${{ github.ref }}', '  cancel-in-progress: false', '');
		} else if (file === 'nightly') {
			out.push('on:', '  schedule:', `    - cron: '${rng.int(0, 59)} ${rng.int(1, 5)} * * *'`, '  workflow_dispatch:', '');
		} else {
			out.push('on:', '  release:', '    types: [published]', '  push:', "    tags: ['v*']", '');
		}
		out.push('permissions:', '  contents: read', '');
		out.push('env:', `  APP_NAME: ${plan.name}`, `  FIXTURES_BUCKET: ${plan.org}-ci-fixtures`, ...(stack.id === 'node' ? ['  NEXT_TELEMETRY_DISABLED: 1'] : []), ...(stack.id === 'python' ? ['  PYTHONUNBUFFERED: 1'] : []), '');
		out.push('jobs:');
		return out;
	};

	for (const file of ['ci', 'deploy', 'nightly', 'release'] as const) {
		const mine = built.filter((b) => b.file === file);
		const hasCaller = file === 'ci' && caller !== undefined;
		if (mine.length === 0 && !hasCaller) continue;
		const path = `.github/workflows/${file}.yml`;
		const out = header(file);
		for (const b of mine) renderJob(b, out, WORKFLOW_NAMES[file], path);
		if (hasCaller && called) {
			const calledFile = `.github/workflows/reusable-${called.key}.yml`;
			const buildNeed = built.find((b) => b.file === 'ci' && b.spec.archetype === 'build');
			out.push(`  ${caller.key}:`, ...(buildNeed ? [`    needs: ${buildNeed.spec.key}`] : []), `    uses: ./${calledFile}`, '    with:', '      base-url: http://localhost:3000', `      ${stack.versionParam}: ${q(version)}`, '    secrets: inherit', '');
			jobs++;
			steps += called.fixed!;
		}
		files.set(path, lines(out));
	}

	// --- the reusable workflow ----------------------------------------------------------------
	// Its job gets no recorded runs: GitHub names it `<caller> / <job>` in runs, a name the run
	// matcher does not resolve to a job (see the generator's report).
	if (caller && called) {
		const calledFile = `.github/workflows/reusable-${called.key}.yml`;
		const leaves = planLeaves({ ...called, archetype: stack.id === 'node' ? 'e2e' : 'integration' }, stack, ci, plan.components, called.fixed!, { install: installMode, remoteDocker: true, notify: false }, rng);
		const out = [
			`name: Reusable ${called.key}`,
			'',
			"# Called by ci.yml once the app is built; runs in the caller's workflow run.",
			'on:',
			'  workflow_call:',
			'    inputs:',
			'      base-url:',
			'        description: Address the started app answers on',
			'        type: string',
			'        required: false',
			'        default: http://localhost:3000',
			`      ${stack.versionParam}:`,
			'        type: string',
			'        required: false',
			`        default: ${q(version)}`,
			'',
			'jobs:',
			`  ${called.key}:`,
			'    runs-on: ubuntu-latest',
			'    timeout-minutes: 30',
			...(stack.id === 'node' ? [] : dbServices),
			'    env:',
			'      BASE_URL: ${{ inputs.base-url }}',
			'    steps:',
		];
		renderLeaves({ spec: called, leaves }, out, false);
		files.set(calledFile, lines(out));
		jobs++;
		steps += leaves.length;
	}
	return { files, runnable, jobs, steps };
}

function secretEnvFor(command: string): Record<string, string> {
	const env: Record<string, string> = {};
	if (command.includes('REGISTRY_PASSWORD')) Object.assign(env, { REGISTRY_USER: '${{ github.actor }}', REGISTRY_PASSWORD: '${{ secrets.GITHUB_TOKEN }}' });
	if (command.includes('SENTRY_AUTH_TOKEN')) env.SENTRY_AUTH_TOKEN = '${{ secrets.SENTRY_AUTH_TOKEN }}';
	if (command.includes('codecov')) env.CODECOV_TOKEN = '${{ secrets.CODECOV_TOKEN }}';
	if (command.includes('semantic-release')) Object.assign(env, { GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	return env;
}
