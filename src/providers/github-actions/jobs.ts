/**
 * Jobs: executor (`runs-on`, `container`), services, environment (a deploy target), env,
 * defaults, steps, matrix instances as workflow entries, and jobs that call a reusable
 * workflow.
 */
import type { DeployTarget, DeployTier, EnvVar, Executor, Image, Permissions, Requirement, SourceLocation, Step, WorkflowEntry } from '../../model';
import { matrixFlag } from '../../evaluate/github-expression';
import type { ProviderJob } from '../types';
import { describeValue, entryOf, isNull, renderInline, renderText, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import { MAX_DEPTH, type Context } from './context';
import { envExpression, isExpression, readEnv } from './env';
import { checkKeys } from './keys';
import { readConcurrency, readContinueOnError, readPermissions, readStrategy, readTimeout } from './limits';
import { expandMatrix, instanceName } from './matrix';
import { buildSteps, readLocal, silent } from './steps';

export interface JobsResult {
	jobs: ProviderJob[];
	entries: WorkflowEntry[];
	targets: DeployTarget[];
}

export interface WorkflowDefaults {
	shell?: string | undefined;
	workingDirectory?: string | undefined;
	/** The workflow's `permissions`, which a job without its own has. */
	permissions?: Permissions | undefined;
}

export function readJobs(jobsValue: YamlValue | undefined, stem: string, defaults: WorkflowDefaults, ctx: Context, fallback: SourceLocation): JobsResult {
	const result: JobsResult = { jobs: [], entries: [], targets: [] };
	if (isNull(jobsValue)) {
		ctx.report.error('missing-jobs', 'The workflow has no `jobs:`', jobsValue?.location ?? fallback, 'Add at least one job under `jobs:`.');
		return result;
	}
	if (jobsValue.kind !== 'map') {
		ctx.report.error('invalid-type', `\`jobs\` must be a map of job ids to jobs, not ${describeValue(jobsValue)}`, jobsValue.location);
		return result;
	}
	const instances = new Map<string, string[]>();
	const pending: { entries: WorkflowEntry[]; needs: { key: string; location: SourceLocation }[] }[] = [];
	for (const entry of jobsValue.entries) {
		const key = entry.key;
		const body = entry.value;
		if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
			ctx.report.error('invalid-job-id', `Job id \`${key}\` is not valid: it must start with a letter or \`_\` and contain only letters, digits, \`-\` and \`_\``, entry.keyLocation);
		}
		if (body.kind !== 'map') {
			ctx.report.error('invalid-type', `Job \`${key}\` must be a map, not ${describeValue(body)}`, body.location);
			continue;
		}
		const jobId = `${stem}/${key}`;
		const built = ctx.report.guard(entry.keyLocation, `job ${key}`, () => readJob(key, jobId, body, entry.keyLocation, defaults, ctx, result.targets));
		if (!built) continue;
		result.jobs.push(built.job);
		const matrix = expandMatrix(valueOf(valueOf(body, 'strategy'), 'matrix'), key, ctx.report);
		const entries: WorkflowEntry[] = [];
		const common = (): WorkflowEntry => {
			const e: WorkflowEntry = { id: key, jobId, requires: [], approval: false, contexts: [], parameters: built.parameters, location: entry.keyLocation };
			if (built.condition !== undefined) e.condition = built.condition;
			return e;
		};
		if (matrix.combinations) {
			// `continue-on-error: ${{ matrix.experimental }}` is decided per instance, by its value.
			const allowFailure = built.job.allowFailure;
			for (const combination of matrix.combinations) {
				const values = Object.fromEntries(combination);
				const instance: WorkflowEntry = { ...common(), id: instanceName(key, combination), matrix: values, matrixGroup: key };
				const flag = typeof allowFailure === 'string' ? matrixFlag(allowFailure, values) : undefined;
				if (flag !== undefined) instance.allowFailure = flag;
				entries.push(instance);
			}
		} else {
			entries.push(common());
		}
		instances.set(key, entries.map((e) => e.id));
		pending.push({ entries, needs: readNeeds(valueOf(body, 'needs'), ctx) });
		result.entries.push(...entries);
	}
	for (const { entries, needs } of pending) {
		const requires: Requirement[] = [];
		for (const need of needs) {
			const ids = instances.get(need.key);
			if (!ids) continue; // GitHub's parser reports unknown jobs and cycles.
			for (const id of ids) requires.push({ entry: id, status: ['success'] });
		}
		for (const e of entries) e.requires = requires;
	}
	return result;
}

function readNeeds(value: YamlValue | undefined, ctx: Context): { key: string; location: SourceLocation }[] {
	if (isNull(value)) return [];
	const items = value.kind === 'seq' ? value.items : [value];
	const needs: { key: string; location: SourceLocation }[] = [];
	for (const item of items) {
		const key = scalarText(item);
		if (key === undefined || item.kind !== 'scalar') {
			ctx.report.error('invalid-type', `\`needs\` must name jobs, not ${describeValue(item)}`, item.location);
			continue;
		}
		needs.push({ key, location: item.location });
	}
	return needs;
}

interface BuiltJob {
	job: ProviderJob;
	condition?: string | undefined;
	parameters: Record<string, string>;
}

function readJob(key: string, jobId: string, body: YamlMap, location: SourceLocation, defaults: WorkflowDefaults, ctx: Context, targets: DeployTarget[]): BuiltJob {
	const { report } = ctx;
	checkKeys(body, 'job', report);
	const uses = scalarText(valueOf(body, 'uses'));
	const name = scalarText(valueOf(body, 'name')) ?? key;
	const condition = scalarText(valueOf(body, 'if'));
	for (const k of ['env', 'needs', 'if', 'name', 'runs-on', 'container', 'services', 'environment', 'strategy', 'concurrency', 'outputs', 'with', 'secrets']) {
		ctx.refs.scan(valueOf(body, k), undefined, k === 'if');
	}
	const envFrom = envExpression(valueOf(body, 'env'));
	const env: EnvVar[] = envFrom ? [] : readEnv(valueOf(body, 'env'), 'job', report, `job \`${key}\``);
	const jobDefaults = readDefaults(valueOf(body, 'defaults'), ctx);
	const shell = jobDefaults.shell ?? defaults.shell;
	const workingDirectory = jobDefaults.workingDirectory ?? defaults.workingDirectory;
	const parameters: Record<string, string> = {};
	const withValue = valueOf(body, 'with');
	if (withValue?.kind === 'map') for (const entry of withValue.entries) parameters[entry.key] = renderText(entry.value);

	const job: ProviderJob = { id: jobId, name, executor: { kind: 'unknown', images: [] }, services: [], env, steps: [], location };
	if (envFrom) job.envFrom = envFrom;
	const continueOnError = readContinueOnError(valueOf(body, 'continue-on-error'));
	if (continueOnError) job.allowFailure = continueOnError;
	const timeout = readTimeout(valueOf(body, 'timeout-minutes'));
	if (timeout !== undefined) job.timeout = timeout;
	const concurrency = readConcurrency(valueOf(body, 'concurrency'));
	if (concurrency) job.concurrency = concurrency;
	const permissions = readPermissions(valueOf(body, 'permissions')) ?? (defaults.permissions && { ...defaults.permissions, inherited: true });
	if (permissions) job.permissions = permissions;

	if (uses !== undefined) {
		if (valueOf(body, 'steps') !== undefined) report.error('invalid-job', `Job \`${key}\` has both \`uses\` and \`steps\`; a job calling a reusable workflow cannot have steps`, location);
		const called = callWorkflow(uses, jobId, valueOf(body, 'uses')!.location, ctx);
		job.origin = called.origin;
		job.steps = called.steps;
		job.executor = called.executor;
	} else {
		job.executor = readExecutor(body, ctx, shell, workingDirectory);
		job.services = readServices(valueOf(body, 'services'), ctx);
		if (valueOf(body, 'runs-on') === undefined) report.error('missing-key', `Job \`${key}\` has no \`runs-on\`: GitHub does not know where to run it`, location, 'Add `runs-on: ubuntu-latest` (or the runner labels it needs).');
		job.steps = buildSteps(valueOf(body, 'steps'), jobId, ctx);
		if (valueOf(body, 'steps') === undefined) report.error('missing-key', `Job \`${key}\` has neither \`steps\` nor \`uses\``, location);
		applyShellDefaults(job.steps as Step[], shell, workingDirectory);
	}
	const environment = readEnvironment(valueOf(body, 'environment'), jobId, ctx, targets);
	if (environment?.deploys) job.deployTarget = environment.name;
	else if (environment) job.environment = environment.name;
	checkKeys(valueOf(body, 'strategy'), 'strategy', report);
	const outputs = valueOf(body, 'outputs');
	if (outputs?.kind === 'map') job.outputs = outputs.entries.map((e) => ({ name: e.key, value: renderText(e.value), reference: `needs.${key}.outputs.${e.key}` }));
	else if (!isNull(outputs)) report.error('invalid-type', `\`outputs\` must be a map of names to values, not ${describeValue(outputs)}`, outputs.location);
	const strategy = readStrategy(valueOf(body, 'strategy'));
	if (strategy) job.strategy = strategy;
	return { job, condition, parameters };
}

function applyShellDefaults(steps: Step[], shell: string | undefined, workingDirectory: string | undefined): void {
	for (const step of steps) {
		if (step.kind !== 'run' || step.origin) continue;
		if (step.shell === undefined && shell !== undefined) step.shell = shell;
		if (step.workingDirectory === undefined && workingDirectory !== undefined) step.workingDirectory = workingDirectory;
	}
}

export function readDefaults(value: YamlValue | undefined, ctx: Context): WorkflowDefaults {
	if (isNull(value)) return {};
	checkKeys(value, 'defaults', ctx.report);
	const run = valueOf(value, 'run');
	checkKeys(run, 'defaultsRun', ctx.report);
	return { shell: scalarText(valueOf(run, 'shell')), workingDirectory: scalarText(valueOf(run, 'working-directory')) };
}

function readExecutor(body: YamlMap, ctx: Context, shell: string | undefined, workingDirectory: string | undefined): Executor {
	const runsOnEntry = entryOf(body, 'runs-on');
	const runsOn = runsOnEntry?.value;
	let labels: string[] = [];
	let group: string | undefined;
	if (runsOn?.kind === 'scalar') labels = [scalarText(runsOn) ?? ''];
	else if (runsOn?.kind === 'seq') labels = runsOn.items.map((item) => renderInline(item));
	else if (runsOn?.kind === 'map') {
		checkKeys(runsOn, 'runsOn', ctx.report);
		group = scalarText(valueOf(runsOn, 'group'));
		const l = valueOf(runsOn, 'labels');
		labels = l?.kind === 'seq' ? l.items.map((item) => renderInline(item)) : l ? [renderInline(l)] : [];
	}
	const executor: Executor = { kind: runnerKind(labels, group), images: labels.map((image) => ({ image })) };
	if (group !== undefined) executor.name = group;
	if (runsOnEntry) executor.location = runsOnEntry.keyLocation;
	const container = entryOf(body, 'container');
	if (container && !isNull(container.value)) {
		const image = container.value.kind === 'map' ? scalarText(valueOf(container.value, 'image')) : scalarText(container.value);
		if (container.value.kind === 'map') checkKeys(container.value, 'container', ctx.report);
		if (image !== undefined) {
			executor.kind = 'docker';
			executor.images = [withContainerSettings({ image }, container.value, ctx, 'the job container')];
			if (labels.length > 0) executor.resourceClass = labels.join(', ');
			executor.location = container.keyLocation;
		}
	}
	if (shell !== undefined) executor.shell = shell;
	if (workingDirectory !== undefined) executor.workingDirectory = workingDirectory;
	return executor;
}

/** A container's `env`, `ports`, `volumes`, `options` and whether it is pulled with `credentials`. */
function withContainerSettings(image: Image, value: YamlValue, ctx: Context, where: string): Image {
	if (value.kind !== 'map') return image;
	const env = readEnv(valueOf(value, 'env'), 'job', ctx.report, where, true);
	if (env.length) image.env = env;
	const list = (key: string) => {
		const v = valueOf(value, key);
		return isNull(v) ? [] : v.kind === 'seq' ? v.items.map((item) => renderInline(item)) : [renderInline(v)];
	};
	const ports = list('ports');
	if (ports.length) image.ports = ports;
	const volumes = list('volumes');
	if (volumes.length) image.volumes = volumes;
	const options = scalarText(valueOf(value, 'options'));
	if (options) image.options = options;
	if (!isNull(valueOf(value, 'credentials'))) image.credentials = true;
	return image;
}

function runnerKind(labels: string[], group: string | undefined): Executor['kind'] {
	if (labels.some((l) => l.toLowerCase() === 'self-hosted') || (group !== undefined && labels.length === 0)) return 'runner';
	const first = labels[0]?.toLowerCase();
	if (first === undefined || first.includes('${{')) return 'unknown';
	if (first.startsWith('ubuntu')) return 'machine';
	if (first.startsWith('windows')) return 'windows';
	if (first.startsWith('macos')) return 'macos';
	return 'runner';
}

function readServices(value: YamlValue | undefined, ctx: Context): Image[] {
	if (value?.kind !== 'map') return [];
	const services: Image[] = [];
	for (const entry of value.entries) {
		checkKeys(entry.value, 'service', ctx.report);
		const image = entry.value.kind === 'map' ? scalarText(valueOf(entry.value, 'image')) : scalarText(entry.value);
		if (image !== undefined) services.push(withContainerSettings({ image, name: entry.key }, entry.value, ctx, `service \`${entry.key}\``));
	}
	return services;
}

const TIERS: [RegExp, DeployTier][] = [
	[/^(prod|production)$/, 'production'],
	[/^(preprod|pre-prod|pre-production|preproduction|uat)$/, 'preproduction'],
	[/^(staging|stage|stg)$/, 'staging'],
	[/^(review|preview)$/, 'review'],
	[/^(dev|development)$/, 'development'],
];

export function tierOf(name: string): DeployTier {
	const words = name.toLowerCase().split(/[^a-z0-9-]+|(?<=[a-z])-(?=(?:prod|production|staging|dev|review|preview|uat)\b)/).filter(Boolean);
	const candidates = [name.toLowerCase(), ...words];
	for (const [pattern, tier] of TIERS) if (candidates.some((c) => pattern.test(c))) return tier;
	return 'other';
}

/**
 * A job's `environment`: a deploy target, unless `deployment: false` says the job only runs in
 * it (for its secrets and variables) and GitHub is to record no deployment.
 */
function readEnvironment(value: YamlValue | undefined, jobId: string, ctx: Context, targets: DeployTarget[]): { name: string; deploys: boolean } | undefined {
	if (isNull(value)) return undefined;
	let name: string | undefined;
	let url: string | undefined;
	let deploys = true;
	if (value.kind === 'scalar') name = scalarText(value);
	else if (value.kind === 'map') {
		checkKeys(value, 'environment', ctx.report);
		name = scalarText(valueOf(value, 'name'));
		url = scalarText(valueOf(value, 'url'));
		const deployment = valueOf(value, 'deployment');
		if (deployment?.kind === 'scalar' && deployment.value === false) deploys = false;
		else if (deployment?.kind === 'scalar' && typeof deployment.value === 'string' && isExpression(deployment.value)) {
			ctx.report.info('not-modelled', '`deployment` set by an expression is not modelled: the job is shown as deploying to the environment', deployment.location);
		} else if (!isNull(deployment) && !(deployment.kind === 'scalar' && deployment.value === true)) {
			ctx.report.error('invalid-type', `\`deployment\` must be true or false, not ${describeValue(deployment)}`, deployment.location);
		}
	}
	if (name === undefined) {
		ctx.report.error('invalid-type', '`environment` must be a name or a map with `name` (and `url`)', value.location);
		return undefined;
	}
	if (!deploys) return { name, deploys };
	let target = targets.find((t) => t.id === name);
	if (!target) {
		target = { id: name, name, tier: tierOf(name), jobs: [], location: value.location };
		targets.push(target);
	}
	if (url !== undefined && target.url === undefined) target.url = url;
	target.jobs.push(jobId);
	return { name, deploys };
}

/**
 * A job calling a reusable workflow. The called workflow's jobs stay inside the calling job —
 * one step per called job, holding its steps — rather than becoming jobs of their own: GitHub
 * schedules the caller as one node of the graph (other jobs `needs:` the caller, not its inner
 * jobs), so the entries and edges stay exactly GitHub's.
 */
function callWorkflow(uses: string, jobId: string, location: SourceLocation, ctx: Context): Pick<ProviderJob, 'origin' | 'steps' | 'executor'> {
	const none: Executor = { kind: 'unknown', images: [] };
	if (!uses.startsWith('./')) {
		ctx.report.info(
			'remote-workflow',
			`Job calls the reusable workflow \`${uses}\` from another repository; it is shown by reference, without its jobs`,
			location,
		);
		return { origin: { type: 'reusable-workflow', name: uses, ref: uses, expanded: false }, steps: [], executor: none };
	}
	const rel = uses.replace(/^\.\//, '').replace(/@.*$/, '');
	const known = ctx.files.has(rel) || ctx.workflows.has(rel);
	if (!known) {
		ctx.report.info('workflow-not-found', `Reusable workflow \`${uses}\` is not in the pipeline folder; it is shown by reference, without its jobs`, location, `Add ${rel} to the pipeline folder to expand it.`);
		return { origin: { type: 'reusable-workflow', name: uses, expanded: false }, steps: [], executor: none };
	}
	if (ctx.stack.includes(rel) || ctx.stack.length >= MAX_DEPTH) {
		ctx.report.warning('workflow-recursion', `Reusable workflow \`${uses}\` calls itself or nests too deeply; it is not expanded further`, location);
		return { origin: { type: 'reusable-workflow', name: uses, expanded: false }, steps: [], executor: none };
	}
	const displayPath = ctx.workflows.get(rel)?.path ?? `${ctx.displayPrefix}${rel}`;
	const inner = silent({ ...ctx, stack: [...ctx.stack, rel] });
	const text = ctx.workflows.get(rel)?.text ?? ctx.files.get(rel) ?? '';
	const parsed = ctx.cache.get(rel) ?? readLocal(rel, { ...inner, files: new Map([[rel, text]]), displayPrefix: displayPath.slice(0, displayPath.length - rel.length) });
	const root = parsed.root;
	const jobsValue = valueOf(root, 'jobs');
	const stem = rel.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
	const defaults = readDefaults(valueOf(root, 'defaults'), inner);
	const called = readJobs(jobsValue, stem, defaults, inner, { file: displayPath, line: 1, column: 1 });
	const steps: Step[] = called.jobs.map((job, index) => {
		const key = job.id.slice(stem.length + 1);
		const renumber = (list: Step[], prefix: string): Step[] =>
			list.map((s, i) => ({ ...s, id: `${prefix}${i + 1}`, children: renumber((s.children ?? []) as Step[], `${prefix}${i + 1}.`) }));
		return {
			id: `${index + 1}`,
			kind: 'other',
			name: job.name,
			keyword: 'job',
			with: {},
			env: (job.env ?? []) as EnvVar[],
			origin: { type: 'reusable-workflow', name: `${uses}#${key}`, ref: displayPath, expanded: true },
			location: job.location,
			children: renumber((job.steps ?? []) as Step[], `${index + 1}.`),
		} as Step;
	});
	const kinds = new Set(called.jobs.map((j) => JSON.stringify([j.executor.kind, j.executor.images])));
	const executor = kinds.size === 1 ? (called.jobs[0]!.executor as Executor) : none;
	void jobId;
	return { origin: { type: 'reusable-workflow', name: uses, ref: displayPath, expanded: true }, steps, executor };
}
