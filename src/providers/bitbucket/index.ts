/**
 * The Bitbucket Pipelines provider: `bitbucket-pipelines.yml` into the provider-neutral model.
 *
 * Each pipeline of the config (`default`, each pattern under `branches`, `tags` and
 * `pull-requests`, each `custom` one) is a workflow whose entries are its steps, in order:
 * a step waits for the item before it; the steps of a `parallel` run side by side; a `stage`
 * runs its steps in order and deploys them to one environment. Each step is a job (a step
 * reused through a YAML alias is the same job). Bitbucket runs one pipeline per push: the
 * branch's, from the most specific pattern that matches, else `default`; the triggers say so.
 *
 * Pure and total: never throws, problems become located diagnostics.
 */
import type { DeployTarget, EnvVar, Image, Parameter, Pattern, RefFilter, SourceLocation, Trigger, Workflow, WorkflowEntry } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { tierOf } from '../gitlab';
import { Reporter } from '../report';
import type { ProviderJob, ProviderOutput, SourceFile } from '../types';
import { describeValue, isNull, renderInline, scalarText, valueOf, parseYaml, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys, notModelled } from './keys';
import { bitbucketPatterns, outranking } from './patterns';
import { buildStepJob, readImage, readMaxTime, readServiceVariables, readSize, type CacheDefinition, type StepContext } from './steps';

const MAX_ALIAS_COUNT = 1000;

/** A pipeline for branches runs for no tag, and one for tags for no branch. */
const none = (): RefFilter => ({ only: [] });

/** Reads a Bitbucket Pipelines config. Pure and total: never throws, problems become diagnostics. */
export function parseBitbucketConfig(source: SourceFile): ProviderOutput {
	const report = new Reporter();
	const start: SourceLocation = { file: source.path, line: 1, column: 1 };
	try {
		return readConfig(source, report, start);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		report.error('internal-error', `Pipeline Atlas failed to read this config: ${reason}`, start, 'This is a bug in Pipeline Atlas.');
		return { sources: [{ path: source.path, role: 'config' }], jobs: [], diagnostics: report.diagnostics };
	}
}

function readConfig(source: SourceFile, report: Reporter, start: SourceLocation): ProviderOutput {
	const out: ProviderOutput = { sources: [{ path: source.path, role: 'config' }], jobs: [], workflows: [], triggers: [], parameters: [], env: [], deployTargets: [], diagnostics: report.diagnostics };
	const parsed = parseYaml(source, { maxAliasCount: MAX_ALIAS_COUNT });
	for (const d of parsed.diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
	// A leading comment block followed by `---` is one document: the config is the first with content.
	const document = parsed.documents[0];
	if (parsed.documents.length > 1) report.warning('several-documents', 'Bitbucket reads only the first YAML document of the file; the others are left out', parsed.documents[1]!.location);
	const root = document?.root;
	if (!document || document.broken || !root) {
		if (parsed.diagnostics.length === 0) report.error('empty-config', 'The config is empty', start, 'A Bitbucket Pipelines config needs `pipelines:` with at least one step.');
		return out;
	}
	if (root.kind !== 'map') {
		report.error('invalid-type', `A Bitbucket Pipelines config must be a map with \`pipelines\`, not ${describeValue(root)}`, root.location);
		return out;
	}
	checkKeys(root, 'top', report);

	const definitions = mapOf(root, 'definitions', report);
	checkKeys(definitions, 'definitions', report);
	const options = mapOf(root, 'options', report);
	checkKeys(options, 'options', report);
	mapOf(root, 'clone', report);
	const ctx: StepContext = {
		report,
		image: valueOf(root, 'image'),
		caches: readCaches(valueOf(definitions, 'caches'), report),
		services: readServices(valueOf(definitions, 'services'), report),
		docker: scalarText(valueOf(options, 'docker')) === 'true',
		maxTime: readMaxTime(valueOf(options, 'max-time'), report),
		size: readSize(valueOf(options, 'size'), report),
		clone: valueOf(root, 'clone'),
	};
	// Checked on its own as well: every step may name its own image (each step reads this one
	// again when it does not, and the reporter keeps one of each problem).
	readImage(ctx.image, report);

	const pipelines = valueOf(root, 'pipelines');
	if (isNull(pipelines)) {
		report.error('missing-key', 'The config has no `pipelines`, so Bitbucket has nothing to run', root.location, 'Add `pipelines:` with a `default:` list of steps.');
		return out;
	}
	if (pipelines.kind !== 'map') {
		report.error('invalid-type', `\`pipelines\` must be a map (\`default\`, \`branches\`...), not ${describeValue(pipelines)}`, pipelines.location);
		return out;
	}
	checkKeys(pipelines, 'pipelines', report);

	const workflows: Workflow[] = [];
	out.workflows = workflows;
	const reader = new PipelineReader(ctx, out, workflows, namedSteps(pipelines));
	const branchKeys = patternKeys(valueOf(pipelines, 'branches'), 'branches', report);
	const tagKeys = patternKeys(valueOf(pipelines, 'tags'), 'tags', report);
	for (const entry of pipelines.entries) {
		switch (entry.key) {
			case 'default':
				reader.read('default', 'default', entry.value, entry.keyLocation, [
					{ event: 'push', name: 'push', filters: { branches: { ignore: branchKeys.flatMap((k) => bitbucketPatterns(k.key)) }, tags: none(), location: entry.keyLocation }, location: entry.keyLocation },
				]);
				break;
			case 'branches':
			case 'tags':
			case 'pull-requests': {
				const keys = entry.key === 'branches' ? branchKeys : entry.key === 'tags' ? tagKeys : patternKeys(entry.value, entry.key, report);
				for (const key of keys) {
					// Where several patterns match a name, Bitbucket runs the most specific one's pipeline only.
					const ignore = keys.filter((other) => other !== key).flatMap((other) => outranking(other.key, key.key).flatMap(bitbucketPatterns));
					const filter = { only: bitbucketPatterns(key.key), ...(ignore.length > 0 ? { ignore } : {}) };
					const trigger: Trigger =
						entry.key === 'tags'
							? { event: 'tag', name: 'tag', filters: { branches: none(), tags: filter, location: key.location }, location: key.location }
							: entry.key === 'branches'
								? { event: 'push', name: 'push', filters: { branches: filter, tags: none(), location: key.location }, location: key.location }
								: { event: 'pull_request', name: 'pull request', filters: { branches: filter, tags: none(), location: key.location }, location: key.location };
					reader.read(`${entry.key}/${key.key}`, `${entry.key}: ${key.key}`, key.value, key.location, [trigger]);
				}
				break;
			}
			case 'custom':
				for (const key of patternKeys(entry.value, 'custom', report)) {
					reader.read(`custom/${key.key}`, `custom: ${key.key}`, key.value, key.location, [{ event: 'manual', name: 'run by hand or on a schedule', location: key.location }]);
				}
				break;
			default:
				break;
		}
	}
	readTriggers(valueOf(root, 'triggers'), workflows, report);
	if (workflows.length === 0) report.error('no-pipelines', 'The config defines no pipeline under `pipelines`', pipelines.location, 'Add `default:` (every branch) or `branches:` with a list of steps.');
	out.triggers = workflows.flatMap((w) => w.triggers);
	return out;
}

/** A section that must be a map: anything else is reported, and read as absent. */
function mapOf(parent: YamlValue, key: string, report: Reporter): YamlValue | undefined {
	const value = valueOf(parent, key);
	if (isNull(value) || value.kind === 'map') return value;
	report.error('invalid-type', `\`${key}\` must be a map, not ${describeValue(value)}`, value.location);
	return undefined;
}

/** Every `name` a step gives itself: a step without one may not take it. */
function namedSteps(value: YamlValue): Set<string> {
	const names = new Set<string>();
	const visit = (node: YamlValue, depth: number) => {
		if (depth > 12) return;
		if (node.kind === 'seq') for (const item of node.items) visit(item, depth + 1);
		else if (node.kind === 'map') {
			for (const entry of node.entries) {
				if (entry.key === 'step') {
					const name = scalarText(valueOf(entry.value, 'name'));
					if (name !== undefined) names.add(name);
				} else visit(entry.value, depth + 1);
			}
		}
	};
	visit(value, 0);
	return names;
}

/** The 2025 `triggers` block's events, and what starts in Pipeline Atlas's words. */
const TRIGGER_EVENTS: Record<string, { event: 'push' | 'pull_request'; name: string }> = {
	'repository-push': { event: 'push', name: 'repository-push' },
	'pullrequest-push': { event: 'pull_request', name: 'pullrequest-push' },
};

/**
 * `triggers:` starts custom pipelines on an event when a condition holds (`glob(BITBUCKET_BRANCH,
 * "feature/*")`), every matching one: each becomes a trigger of the custom pipeline it names,
 * its condition kept as written (what runs when then says "depends").
 */
function readTriggers(value: YamlValue | undefined, workflows: Workflow[], report: Reporter): void {
	if (isNull(value)) return;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`triggers\` must map events to lists of conditions and pipelines, not ${describeValue(value)}`, value.location);
		return;
	}
	for (const entry of value.entries) {
		const known = TRIGGER_EVENTS[entry.key];
		if (!known) {
			report.warning('unknown-key', `\`${entry.key}\` is not an event of \`triggers\` Pipeline Atlas knows; it is left out`, entry.keyLocation, `Known events: ${Object.keys(TRIGGER_EVENTS).map((e) => `\`${e}\``).join(', ')}.`);
			continue;
		}
		if (entry.value.kind !== 'seq') {
			report.error('invalid-type', `\`${entry.key}\` must be a list of \`condition\` and \`pipelines\`, not ${describeValue(entry.value)}`, entry.value.location);
			continue;
		}
		for (const item of entry.value.items) {
			checkKeys(item, 'trigger', report);
			const condition = scalarText(valueOf(item, 'condition'));
			const names = valueOf(item, 'pipelines');
			if (names?.kind !== 'seq') {
				report.error('missing-key', 'Each trigger needs `pipelines`: the custom pipelines it starts', item.location);
				continue;
			}
			for (const name of names.items) {
				const text = scalarText(name) ?? '';
				const workflow = workflows.find((w) => w.id === `custom/${text}`);
				if (!workflow) {
					report.error('unknown-pipeline', `\`${text}\` is not a custom pipeline of this config`, name.location, 'A trigger starts pipelines defined under `pipelines: custom:`.');
					continue;
				}
				workflow.triggers.push({ event: known.event, name: known.name, ...(condition ? { filters: { expression: condition, location: item.location } } : {}), location: name.location });
			}
		}
	}
}

interface PatternKey {
	key: string;
	value: YamlValue;
	location: SourceLocation;
}

function patternKeys(value: YamlValue | undefined, what: string, report: Reporter): PatternKey[] {
	if (isNull(value)) return [];
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`${what}\` must map names or patterns to lists of steps, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.entries.map((e) => ({ key: e.key, value: e.value, location: e.keyLocation }));
}

function readCaches(value: YamlValue | undefined, report: Reporter): Map<string, CacheDefinition> {
	const caches = new Map<string, CacheDefinition>();
	if (isNull(value)) return caches;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`caches\` must map cache names to paths, not ${describeValue(value)}`, value.location);
		return caches;
	}
	for (const entry of value.entries) {
		if (entry.value.kind === 'scalar') {
			caches.set(entry.key, { path: scalarText(entry.value) ?? '' });
			continue;
		}
		checkKeys(entry.value, 'cache', report);
		const path = scalarText(valueOf(entry.value, 'path'));
		if (path === undefined) {
			report.error('missing-key', `Cache \`${entry.key}\` needs a \`path\``, entry.value.location);
			continue;
		}
		const files = valueOf(valueOf(entry.value, 'key'), 'files');
		const keyFiles = files?.kind === 'seq' ? files.items.map((f) => renderInline(f)) : undefined;
		caches.set(entry.key, keyFiles ? { path, keyFiles } : { path });
	}
	return caches;
}

function readServices(value: YamlValue | undefined, report: Reporter): Map<string, Image> {
	const services = new Map<string, Image>();
	if (isNull(value)) return services;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`services\` must map service names to their definitions, not ${describeValue(value)}`, value.location);
		return services;
	}
	for (const entry of value.entries) {
		if (entry.value.kind !== 'map') {
			report.error('invalid-type', `Service \`${entry.key}\` must be a map with \`image\`, not ${describeValue(entry.value)}`, entry.value.location);
			continue;
		}
		checkKeys(entry.value, 'service', report);
		// The `docker` service may be redefined (its memory): it stays Bitbucket's Docker daemon.
		const type = scalarText(valueOf(entry.value, 'type'));
		const image = type === 'docker' || entry.key === 'docker' ? { image: 'docker' } : readImage(valueOf(entry.value, 'image'), report);
		if (!image) {
			report.error('missing-key', `Service \`${entry.key}\` needs an \`image\``, entry.keyLocation);
			continue;
		}
		// `environment` is the older docs' name of `variables`.
		const env = readServiceVariables(valueOf(entry.value, 'variables') ?? valueOf(entry.value, 'environment'), report);
		services.set(entry.key, { ...image, name: entry.key, ...(env.length > 0 ? { env } : {}) });
	}
	return services;
}

/** Reads each pipeline's list of steps into a workflow, sharing the jobs of reused steps. */
class PipelineReader {
	/** By the place a step is written: a step reached through an alias is the one its anchor marks. */
	readonly #jobOf = new Map<string, ProviderJob>();
	readonly #ids = new Set<string>();
	readonly #targets = new Map<string, DeployTarget>();

	constructor(
		private readonly ctx: StepContext,
		private readonly out: ProviderOutput,
		private readonly workflows: Workflow[],
		/** Names steps give themselves: an unnamed step's id avoids them. */
		private readonly named: ReadonlySet<string>,
	) {}

	read(id: string, name: string, value: YamlValue, location: SourceLocation, triggers: Trigger[]): void {
		const { report } = this.ctx;
		const workflow: Workflow = { id, name, triggers, entries: [], location };
		this.workflows.push(workflow);
		if (value.kind === 'map' && valueOf(value, 'import') !== undefined) {
			notModelled(report, 'import', value.location, 'a pipeline shared from another repository');
			return;
		}
		if (value.kind === 'map' && id.startsWith('pull-requests/') && valueOf(value, 'destinations') !== undefined) {
			notModelled(report, 'destinations', value.location, 'pull request pipelines chosen by the branch they merge into');
			return;
		}
		if (value.kind !== 'seq') {
			report.error('invalid-type', `Pipeline \`${name}\` must be a list of steps, not ${describeValue(value)}`, value.location);
			return;
		}
		let before: string[] = [];
		for (const [index, item] of value.items.entries()) {
			const entry = item.kind === 'map' && item.entries.length === 1 ? item.entries[0]! : undefined;
			if (!entry) {
				report.error('invalid-type', `Each item of pipeline \`${name}\` must be one of \`step\`, \`parallel\`, \`stage\` or \`variables\`, not ${describeValue(item)}`, item.location);
				continue;
			}
			report.guard(entry.keyLocation, `pipeline \`${name}\``, () => {
				switch (entry.key) {
					case 'step':
						before = [this.#entry(workflow, entry.value, entry.keyLocation, before).id];
						break;
					case 'parallel':
						before = this.#parallel(workflow, entry.value, before);
						break;
					case 'stage':
						before = this.#stage(workflow, entry.value, before);
						break;
					case 'variables':
						if (index !== 0 || !id.startsWith('custom/')) report.error('misplaced-variables', '`variables` may only be the first item of a custom pipeline', entry.keyLocation);
						else {
							// Whoever runs the pipeline fills them in; its steps read them as variables.
							const parameters = readVariables(entry.value, report, id.slice('custom/'.length));
							this.out.parameters!.push(...parameters);
							this.out.env!.push(
								...parameters.map((p): EnvVar => (isSecretName(p.name) ? { name: p.name, secret: true, scope: 'workflow', definedAt: p.location, usedBy: [] } : { name: p.name, ...(p.default !== undefined ? { value: p.default } : {}), secret: false, scope: 'workflow', definedAt: p.location, usedBy: [] })),
							);
						}
						break;
					case 'import':
						notModelled(report, 'import', entry.keyLocation, 'a pipeline shared from another repository');
						break;
					default:
						report.error('unknown-item', `\`${entry.key}\` is not an item of a pipeline; Pipeline Atlas leaves it out`, entry.keyLocation, 'An item is a `step`, a `parallel` group of steps or a `stage`.');
				}
			});
		}
		if (value.items.length === 0) report.error('empty-pipeline', `Pipeline \`${name}\` has no steps`, value.location);
		// A push starts the pipeline: only one run by hand may wait for a person from the start.
		const first = workflow.entries[0];
		if (first?.approval && !id.startsWith('custom/')) {
			report.error('manual-first-step', `The first step of pipeline \`${name}\` cannot be manual`, first.location, 'Make it a custom pipeline (run by hand), or put a step before it.');
		}
	}

	#parallel(workflow: Workflow, value: YamlValue, before: string[]): string[] {
		const { report } = this.ctx;
		let items: YamlValue | undefined = value;
		if (value.kind === 'map') {
			checkKeys(value, 'parallel', report);
			items = valueOf(value, 'steps');
		}
		if (items?.kind !== 'seq') {
			report.error('invalid-type', `\`parallel\` must be a list of steps, not ${items ? describeValue(items) : 'nothing'}`, (items ?? value).location);
			return before;
		}
		const ids: string[] = [];
		if (items.items.length === 0) report.error('empty-parallel', '`parallel` has no steps', items.location);
		for (const item of items.items) {
			const step = stepOf(item, '`parallel`', report);
			if (!step) continue;
			ids.push(this.#entry(workflow, step, item.location, before).id);
		}
		if (ids.length === 1) report.info('lone-parallel-step', '`parallel` holds one step: it runs like a step of its own', items.location);
		return ids.length > 0 ? ids : before;
	}

	#stage(workflow: Workflow, value: YamlValue, before: string[]): string[] {
		const { report } = this.ctx;
		if (value.kind !== 'map') {
			report.error('invalid-type', `\`stage\` must be a map with \`steps\`, not ${describeValue(value)}`, value.location);
			return before;
		}
		checkKeys(value, 'stage', report);
		const steps = valueOf(value, 'steps');
		if (steps?.kind !== 'seq') {
			report.error('missing-key', '`stage` needs a list of `steps`', value.location);
			return before;
		}
		const deployment = valueOf(value, 'deployment');
		const manual = readTrigger(valueOf(value, 'trigger'), report);
		const stageName = scalarText(valueOf(value, 'name'));
		let first = true;
		if (steps.items.length === 0) report.error('empty-stage', 'The stage has no steps', steps.location);
		for (const item of steps.items) {
			const step = stepOf(item, "a stage's `steps`", report);
			if (!step) continue;
			if (step.kind === 'map' && valueOf(step, 'condition')) {
				report.error('condition-in-stage', 'A step of a stage may not have a `condition`', valueOf(step, 'condition')!.location, 'Put the `condition` on the stage.');
			}
			if (step.kind === 'map' && valueOf(step, 'deployment') && deployment) {
				report.error('deployment-in-stage', 'A step of a stage with a `deployment` may not set its own', valueOf(step, 'deployment')!.location, 'The stage deploys all of its steps to its environment.');
			}
			const entry = this.#entry(workflow, step, item.location, before, { deployment, condition: valueOf(value, 'condition'), stage: stageName });
			// A manual stage waits for a person before its first step; the rest follow on their own.
			if (manual && first) entry.approval = true;
			first = false;
			before = [entry.id];
		}
		return before;
	}

	#entry(workflow: Workflow, step: YamlValue, location: SourceLocation, before: string[], stage?: { deployment: YamlValue | undefined; condition: YamlValue | undefined; stage: string | undefined }): WorkflowEntry {
		const { report } = this.ctx;
		const body: YamlMap = step.kind === 'map' ? step : { kind: 'map', entries: [], location: step.location };
		if (step.kind !== 'map') report.error('invalid-type', `\`step\` must be a map with \`script\`, not ${describeValue(step)}`, step.location);
		const job = this.#job(body, location, stage);
		let id = job.id;
		for (let n = 2; workflow.entries.some((e) => e.id === id); n++) id = `${job.id} (${n})`;
		const entry: WorkflowEntry = { id, jobId: job.id, requires: before.map((b) => ({ entry: b, status: ['success'] })), approval: false, contexts: [], parameters: {}, location };
		if (readTrigger(valueOf(body, 'trigger'), report)) entry.approval = true;
		const paths = readChangesets(valueOf(body, 'condition') ?? stage?.condition, report);
		if (paths) entry.filters = { paths, location: (valueOf(body, 'condition') ?? stage?.condition)!.location };
		workflow.entries.push(entry);
		return entry;
	}

	#job(body: YamlMap, location: SourceLocation, stage?: { deployment: YamlValue | undefined; stage: string | undefined }): ProviderJob {
		// A step reused through an alias is one job, unless a stage gives it another deployment.
		const at = `${body.location.line}:${body.location.column}|${stage?.stage ?? ''}|${scalarText(stage?.deployment) ?? ''}`;
		const known = this.#jobOf.get(at);
		if (known) return known;
		const name = scalarText(valueOf(body, 'name'));
		// A step without a name gets the id `Build` (Bitbucket's docs do not say how its UI names one).
		const base = name ?? 'Build';
		let id = base;
		for (let n = 2; this.#ids.has(id) || (name === undefined && this.named.has(id)); n++) id = `${base} (${n})`;
		this.#ids.add(id);
		// A step reached through an alias is where its anchor is written.
		const job = buildStepJob(id, body, body.alias !== undefined ? body.location : location, this.ctx, body.entries.length > 0);
		if (stage?.stage) job.description = `Part of the stage “${stage.stage}”.`;
		const deployment = valueOf(body, 'deployment') ?? stage?.deployment;
		if (!isNull(deployment)) this.#deploy(job, deployment);
		this.#jobOf.set(at, job);
		this.out.jobs.push(job);
		return job;
	}

	#deploy(job: ProviderJob, value: YamlValue): void {
		const name = scalarText(value);
		if (value.kind !== 'scalar' || !name) {
			this.ctx.report.error('invalid-type', `\`deployment\` must name an environment (\`test\`, \`staging\`, \`production\` or one of the repository's), not ${describeValue(value)}`, value.location);
			return;
		}
		let target = this.#targets.get(name);
		if (!target) {
			target = { id: name, name, tier: tierOf(name), jobs: [], location: value.location };
			this.#targets.set(name, target);
			this.out.deployTargets!.push(target);
		}
		target.jobs!.push(job.id);
		job.deployTarget = name;
	}
}

/** `trigger: manual` (true) or `automatic`; anything else is reported. */
function readTrigger(value: YamlValue | undefined, report: Reporter): boolean {
	if (isNull(value)) return false;
	const text = scalarText(value);
	if (text === 'manual' || text === 'automatic') return text === 'manual';
	report.error('invalid-value', `\`trigger\` must be \`manual\` or \`automatic\`, not ${describeValue(value)}`, value.location);
	return false;
}

/** The step of an item of `parallel` or a stage's `steps`: `- step: {...}` and nothing beside it. */
function stepOf(item: YamlValue, where: string, report: Reporter): YamlValue | undefined {
	const step = item.kind === 'map' ? valueOf(item, 'step') : undefined;
	if (!step) {
		report.error('invalid-type', `Each item of ${where} must be a \`step\`, not ${describeValue(item)}`, item.location);
		return undefined;
	}
	for (const entry of (item as YamlMap).entries) {
		if (entry.key !== 'step') report.error('misplaced-key', `\`${entry.key}\` sits beside \`step\`, not inside it: Bitbucket rejects it`, entry.keyLocation, 'Indent it under `step:`.');
	}
	return step;
}

/** `condition: changesets: includePaths/excludePaths`: the step runs only when a changed file matches. */
function readChangesets(value: YamlValue | undefined, report: Reporter): { only?: Pattern[]; ignore?: Pattern[] } | undefined {
	if (isNull(value)) return undefined;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`condition\` must be a map with \`changesets\`, not ${describeValue(value)}`, value.location);
		return undefined;
	}
	checkKeys(value, 'condition', report);
	const changesets = valueOf(value, 'changesets');
	if (isNull(changesets)) return undefined;
	if (changesets.kind !== 'map') {
		report.error('invalid-type', `\`changesets\` must be a map with \`includePaths\` or \`excludePaths\`, not ${describeValue(changesets)}`, changesets.location);
		return undefined;
	}
	checkKeys(changesets, 'changesets', report);
	if (valueOf(changesets, 'includePaths') && valueOf(changesets, 'excludePaths')) {
		report.error('invalid-value', '`changesets` takes `includePaths` or `excludePaths`, not both', changesets.location, 'Keep one: Bitbucket rejects the two together.');
	}
	const patterns = (key: string) => {
		const list = valueOf(changesets, key);
		if (isNull(list)) return undefined;
		if (list.kind !== 'seq') {
			report.error('invalid-type', `\`${key}\` must be a list of path patterns, not ${describeValue(list)}`, list.location);
			return undefined;
		}
		return list.items.flatMap((p) => bitbucketPatterns(renderInline(p)).map((pattern): Pattern => (pattern.kind === 'exact' ? { kind: 'glob', value: pattern.value } : pattern)));
	};
	const only = patterns('includePaths');
	const ignore = patterns('excludePaths');
	if (!only && !ignore) return undefined;
	return { ...(only ? { only } : {}), ...(ignore ? { ignore } : {}) };
}

/** The first item of a custom pipeline: the variables whoever runs it fills in. */
/** A custom pipeline's `variables`: its parameters, each saying whose it is (several custom pipelines may ask for the same name). */
function readVariables(value: YamlValue, report: Reporter, pipeline: string): Parameter[] {
	// A schedule runs the pipeline with the defaults; a person running it is asked for each.
	const note = `Asked for when the custom pipeline \`${pipeline}\` is run by hand`;
	if (value.kind !== 'seq') {
		report.error('invalid-type', `\`variables\` must be a list of \`name\`s, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.items.flatMap((item): Parameter[] => {
		if (item.kind !== 'map') {
			report.error('invalid-type', `Each custom pipeline variable must be a map with \`name\`, not ${describeValue(item)}`, item.location);
			return [];
		}
		checkKeys(item, 'variable', report);
		const name = scalarText(valueOf(item, 'name'));
		if (name === undefined) {
			report.error('missing-key', 'A custom pipeline variable needs a `name`', item.location);
			return [];
		}
		const parameter: Parameter = { name, type: 'string', location: item.location };
		const description = scalarText(valueOf(item, 'description'));
		parameter.description = description ? `${description} — ${note}` : note;
		const fallback = valueOf(item, 'default');
		const secret = isSecretName(name);
		if (!isNull(fallback) && secret) {
			report.warning('secret-in-config', `\`${name}\` looks like a secret and has a default in the config; its value is hidden from the pages`, fallback.location, 'Leave the default out and let whoever runs the pipeline give it, or store it as a secured variable.');
		} else if (!isNull(fallback)) parameter.default = renderInline(fallback);
		const allowed = valueOf(item, 'allowed-values');
		if (allowed?.kind === 'seq') {
			parameter.enum = allowed.items.map((v) => renderInline(v));
			if (isNull(fallback)) report.error('missing-key', `\`${name}\` lists \`allowed-values\` but has no \`default\``, item.location, 'Give it a `default`, one of the allowed values: a scheduled run uses it.');
			else if (!secret && !parameter.enum.includes(parameter.default!)) report.error('invalid-value', `The default of \`${name}\` is not one of its \`allowed-values\``, fallback!.location);
		} else if (!isNull(allowed)) report.error('invalid-type', `\`allowed-values\` must be a list, not ${describeValue(allowed)}`, allowed.location);
		return [parameter];
	});
}
