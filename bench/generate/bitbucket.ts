/**
 * Bitbucket Pipelines configs: one `bitbucket-pipelines.yml` with `definitions` (a cache keyed
 * by the lockfile, services, steps written once with YAML anchors and reused by alias in
 * several pipelines), `default`, the default branch's pipeline with a manual deployment stage,
 * version tags with a manual production step, pull requests, and a custom pipeline with
 * variables; parallel groups, pipes (some given secrets as `$NAME`), `after-script`, caches
 * (Bitbucket's own `docker` one too), artifacts and their `download`, `size`, `max-time` and
 * `condition: changesets`.
 *
 * A Bitbucket step's model steps follow from its keys (the clone, each cache's download and
 * upload, an artifact `download` choice, each `script` line or pipe, each `after-script` line,
 * the artifacts' upload), so any budget from 1 is met exactly with script lines.
 *
 * No runs are recorded for these pipelines: Pipeline Atlas has no reader of Bitbucket's own
 * step logs (it reads them as any other console log) and `record` no Bitbucket client.
 */
import { CI_VARS, planLeaves, type JobSpec } from './jobs';
import type { EmitResult, PipelinePlan } from './types';
import type { Command } from './vocab';
import { item, lines, q } from './yaml';

const ci = CI_VARS.bitbucket;

type Place = 'checks' | 'after-checks' | 'builds' | 'images' | 'staging' | 'production' | 'tags' | 'nightly';

function placeOf(spec: JobSpec): Place {
	switch (spec.archetype) {
		case 'install':
		case 'lint':
		case 'typecheck':
		case 'unit':
		case 'integration':
		case 'e2e':
			return 'checks';
		case 'coverage':
			return 'after-checks';
		case 'build':
			return 'builds';
		case 'docker':
			return 'images';
		case 'deploy':
			return spec.environment === 'production' ? 'production' : 'staging';
		case 'smoke':
		case 'migrate':
			return 'staging';
		case 'docs':
		case 'release':
		case 'notify':
			return 'tags';
		case 'audit':
		case 'benchmark':
			return 'nightly';
	}
}

/** `test-api` → `Test api`: Bitbucket steps are named for people, and the name is the job's id. */
function title(key: string): string {
	const text = key.replace(/-/g, ' ');
	return text[0]!.toUpperCase() + text.slice(1);
}

export function emitBitbucket(plan: PipelinePlan): EmitResult {
	const rng = plan.rng.fork('bitbucket');
	const { stack } = plan;
	const version = rng.pick(stack.versions);
	const image = stack.gitlabImage(version);
	let steps = 0;
	/** Step bodies by job key, without their indentation. */
	const bodies = new Map<string, string[]>();

	for (const spec of plan.jobs) {
		const target = spec.steps!;
		steps += target;
		const body: string[] = [`name: ${q(title(spec.key))}`];
		// Model steps besides the script: the clone, then what the job's keys add, while a script line is left.
		let left = target;
		if (left === 1) body.push('clone:', '  enabled: false');
		else left--;
		const testLike = ['unit', 'integration', 'e2e', 'smoke', 'benchmark'].includes(spec.archetype);
		const deploying = spec.archetype === 'deploy' || spec.archetype === 'migrate' || spec.archetype === 'smoke';
		const take = (n: number) => {
			if (left - n < 1) return false;
			left -= n;
			return true;
		};
		if (placeOf(spec) === 'production') body.push('deployment: production', 'trigger: manual');
		if (spec.archetype === 'docker') body.push('services:', '  - docker');
		if (spec.archetype === 'integration') body.push('services:', '  - postgres', '  - redis', 'size: 2x');
		if (spec.archetype === 'e2e') body.push('size: 2x', 'max-time: 45');
		const caches = spec.archetype === 'docker' ? ['docker'] : deploying || spec.archetype === 'notify' ? [] : ['deps'];
		if (caches.length && take(2 * caches.length)) body.push('caches:', ...caches.map((c) => `  - ${c}`));
		const uploads =
			spec.archetype === 'build' ? [`dist/${spec.component}/**`] : spec.archetype === 'docs' ? ['site/**'] : spec.archetype === 'benchmark' ? ['bench.txt'] : spec.archetype === 'smoke' ? ['test-results/**'] : testLike || spec.archetype === 'coverage' ? ['test-results/**', 'coverage/**'] : [];
		const noDownload = ['lint', 'typecheck', 'audit', 'notify'].includes(spec.archetype) && rng.chance(0.6) && take(1);
		const upload = uploads.length > 0 && take(1);
		if (noDownload || upload) {
			body.push('artifacts:');
			if (noDownload) body.push('  download: false');
			if (upload) body.push('  paths:', ...uploads.map((p) => `    - ${q(p)}`));
		}
		const after = testLike && spec.archetype !== 'benchmark' && rng.chance(0.5) && take(1) ? ['if [ "$BITBUCKET_EXIT_CODE" != "0" ]; then ls -la test-results || true; fi'] : [];
		if (spec.archetype === 'integration' && rng.chance(0.5)) body.push('condition:', '  changesets:', '    includePaths:', `      - ${q(`${spec.component}/**`)}`, '      - "migrations/**"');

		// The script: the archetype's commands, a pipe where Bitbucket teams use one.
		const pipe = pipeFor(spec, plan, rng);
		const lineCount = left - (pipe ? 1 : 0);
		const commands = commandsFor(spec, plan, Math.max(lineCount, 0), rng);
		const script = commands.flatMap((c) => item('  ', c.command));
		if (pipe) {
			// The pipe after the commands that prepare it (a built image, a rendered manifest).
			const at = Math.min(commands.length, Math.max(1, commands.length - 1));
			const before = commands.slice(0, at).flatMap((c) => item('  ', c.command));
			script.splice(before.length, 0, ...pipe);
		}
		body.push('script:', ...script);
		if (after.length) body.push('after-script:', ...after.flatMap((l) => item('  ', l)));
		bodies.set(spec.key, body);
	}

	// --- where each step runs ---------------------------------------------------------------
	const at = (place: Place) => plan.jobs.filter((j) => placeOf(j) === place);
	const checks = at('checks');
	const builds = at('builds');
	const images = at('images');
	const staging = at('staging').sort((a, b) => rankInStage(a) - rankInStage(b));
	const production = at('production');
	const tagged = at('tags');
	const nightly = at('nightly');
	// Steps of more than one pipeline are written once under `definitions` and reused by alias.
	const shared = new Set([...checks, ...at('after-checks'), ...builds, ...images].map((j) => j.key));

	const indent = (pad: string, body: string[]) => body.map((l) => `${pad}${l}`);
	const ref = (spec: JobSpec, pad: string): string[] => (shared.has(spec.key) ? [`${pad}- step: *${spec.key}`] : [`${pad}- step:`, ...indent(`${pad}    `, bodies.get(spec.key)!)]);
	/** Steps side by side: a `parallel` group, or a step of its own when it is alone. */
	const group = (specs: JobSpec[], pad: string): string[] => {
		if (specs.length === 0) return [];
		if (specs.length === 1) return ref(specs[0]!, pad);
		return [`${pad}- parallel:`, ...specs.flatMap((s) => ref(s, `${pad}    `))];
	};
	const checkItems = (pad: string) => [...group(checks, pad), ...at('after-checks').flatMap((s) => ref(s, pad))];
	const buildItems = (pad: string) => [...group(builds, pad), ...group(images, pad)];

	const out: string[] = [];
	out.push(`# ${plan.name}: checks on every push and pull request, ${plan.defaultBranch} to staging once approved, version tags to production.`);
	out.push(`image: ${q(image)}`, '');
	if (rng.chance(0.5)) out.push('clone:', `  depth: ${rng.pick(['full', '20', '100'])}`, '');
	out.push('options:', `  max-time: ${rng.pick([20, 30, 60])}`, '');
	out.push(
		'definitions:',
		'  caches:',
		'    deps:',
		'      key:',
		'        files:',
		`          - ${q(stack.lockfile)}`,
		`      path: ${q(stack.cachePaths[0]!)}`,
		'  services:',
		'    postgres:',
		'      image: postgres:16',
		'      variables:',
		'        POSTGRES_DB: app_test',
		'        POSTGRES_USER: ci',
		'        POSTGRES_PASSWORD: $TEST_DB_PASSWORD',
		'    redis:',
		'      image: redis:7',
		'  steps:',
	);
	for (const spec of plan.jobs.filter((j) => shared.has(j.key))) out.push(`    - step: &${spec.key}`, ...indent('        ', bodies.get(spec.key)!));
	out.push('', 'pipelines:', '  default:', ...checkItems('    '));
	out.push('', '  branches:', `    ${plan.defaultBranch}:`, ...checkItems('      '), ...buildItems('      '));
	if (staging.length) {
		out.push('      - stage:', '          name: Staging', '          deployment: staging', '          trigger: manual', '          steps:', ...staging.flatMap((s) => ref(s, '            ')));
	}
	const tagItems = [...buildItems('      '), ...production.flatMap((s) => ref(s, '      ')), ...tagged.flatMap((s) => ref(s, '      '))];
	if (tagItems.length) out.push('', '  tags:', '    "v*":', ...tagItems);
	out.push('', '  pull-requests:', '    "**":', ...checkItems('      '));
	if (nightly.length) {
		out.push(
			'',
			'  custom:',
			'    nightly:',
			'      - variables:',
			'          - name: SCAN_LEVEL',
			'            default: high',
			'            allowed-values:',
			'              - high',
			'              - critical',
			...group(nightly, '      '),
		);
	}
	return { files: new Map([['bitbucket-pipelines.yml', lines(out)]]), runnable: [], jobs: plan.jobs.length, steps };
}

/** Migrations first, then the deploy, then its smoke test. */
function rankInStage(spec: JobSpec): number {
	return spec.archetype === 'migrate' ? 0 : spec.archetype === 'deploy' ? 1 : 2;
}

/**
 * Exactly `count` script commands, the archetype's most important first: `planLeaves` keeps
 * those when its budget is short, so it is asked for the fewest leaves that hold `count`
 * commands (the others are its checkout, cache and upload leaves, which this config spells as
 * keys). A larger budget repeats its commands.
 */
function commandsFor(spec: JobSpec, plan: PipelinePlan, count: number, rng: PipelinePlan['rng']): Command[] {
	if (count === 0) return [];
	const commandsOf = (n: number) => planLeaves(spec, plan.stack, ci, plan.components, n, { install: 'cache', remoteDocker: false, notify: false }, rng).flatMap((l) => (l.t === 'run' || l.t === 'install' ? [l.cmd] : []));
	let own: Command[] = [];
	for (let n = count; n <= count + 12 && own.length < count; n++) own = commandsOf(n);
	const out: Command[] = own.slice(0, count);
	for (let i = 0; out.length < count; i++) {
		const base = own[i % own.length]!;
		out.push({ ...base, command: `${base.command} # pass ${Math.floor(i / own.length) + 2}` });
	}
	return out;
}

/** An Atlassian pipe for the jobs that use one, its secrets given as `$NAME`. */
function pipeFor(spec: JobSpec, plan: PipelinePlan, rng: PipelinePlan['rng']): string[] | undefined {
	const region = rng.pick(['eu-west-1', 'us-east-1']);
	const aws = ['AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY', `AWS_DEFAULT_REGION: ${region}`];
	const pipe = (ref: string, vars: string[]) => [`  - pipe: ${ref}`, '    variables:', ...vars.map((v) => `      ${v}`)];
	if (spec.archetype === 'docker') return pipe('atlassian/aws-ecr-push-image:2.4.2', [...aws, `IMAGE_NAME: ${q(`${plan.name}-${spec.component}`)}`, 'TAGS: $BITBUCKET_COMMIT']);
	if (spec.archetype === 'deploy') {
		return pipe('atlassian/aws-eks-kubectl-run:2.9.0', [...aws, `CLUSTER_NAME: ${q(`${plan.org}-${spec.environment}`)}`, 'KUBECTL_COMMAND: apply', `RESOURCE_PATH: ${q(`k8s/${spec.environment}/`)}`]);
	}
	if (spec.archetype === 'notify') return pipe('atlassian/slack-notify:2.3.0', ['WEBHOOK_URL: $SLACK_WEBHOOK_URL', `MESSAGE: ${q(`${plan.name} $BITBUCKET_TAG released`)}`]);
	return undefined;
}
