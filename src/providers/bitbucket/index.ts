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
import type { DeployTarget, EnvVar, Image, Parameter, Pattern, SourceLocation, Trigger, Workflow, WorkflowEntry } from '../../model';
import { tierOf } from '../gitlab';
import { Reporter } from '../report';
import type { ProviderJob, ProviderOutput, SourceFile } from '../types';
import { describeValue, isNull, renderInline, scalarText, valueOf, parseYaml, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys, notModelled } from './keys';
import { bitbucketPatterns, moreSpecific } from './patterns';
import { buildStepJob, readImage, readMaxTime, readServiceVariables, readSize, type CacheDefinition, type StepContext } from './steps';

const MAX_ALIAS_COUNT = 1000;

/** A pipeline for branches runs for no tag, and one for tags for no branch. */
const NONE = { only: [] };

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

	const definitions = valueOf(root, 'definitions');
	checkKeys(definitions, 'definitions', report);
	const options = valueOf(root, 'options');
	checkKeys(options, 'options', report);
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
	// Read once up front: a config-wide image with bad credentials is reported once, not per step.
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

	const reader = new PipelineReader(ctx, out);
	const branchKeys = patternKeys(valueOf(pipelines, 'branches'), 'branches', report);
	const tagKeys = patternKeys(valueOf(pipelines, 'tags'), 'tags', report);
	for (const entry of pipelines.entries) {
		switch (entry.key) {
			case 'default':
				reader.read('default', 'default', entry.value, entry.keyLocation, [
					{ event: 'push', name: 'push', filters: { branches: { ignore: branchKeys.flatMap((k) => bitbucketPatterns(k.key)) }, tags: NONE, location: entry.keyLocation }, location: entry.keyLocation },
				]);
				break;
			case 'branches':
			case 'tags':
			case 'pull-requests': {
				const keys = entry.key === 'branches' ? branchKeys : entry.key === 'tags' ? tagKeys : patternKeys(entry.value, entry.key, report);
				for (const key of keys) {
					// Where several patterns match a name, Bitbucket runs the most specific one's pipeline only.
					const ignore = entry.key === 'pull-requests' ? [] : keys.filter((other) => other !== key && moreSpecific(other.key, key.key)).flatMap((other) => bitbucketPatterns(other.key));
					const filter = { only: bitbucketPatterns(key.key), ...(ignore.length > 0 ? { ignore } : {}) };
					const trigger: Trigger =
						entry.key === 'tags'
							? { event: 'tag', name: 'tag', filters: { branches: NONE, tags: filter, location: key.location }, location: key.location }
							: entry.key === 'branches'
								? { event: 'push', name: 'push', filters: { branches: filter, tags: NONE, location: key.location }, location: key.location }
								: { event: 'pull_request', name: 'pull request', filters: { branches: filter, tags: NONE, location: key.location }, location: key.location };
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
	if (out.workflows!.length === 0) report.error('no-pipelines', 'The config defines no pipeline under `pipelines`', pipelines.location, 'Add `default:` (every branch) or `branches:` with a list of steps.');
	out.triggers = out.workflows!.flatMap((w) => w.triggers ?? []);
	return out;
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
		const env = readServiceVariables(valueOf(entry.value, 'variables'), report);
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
	) {}

	read(id: string, name: string, value: YamlValue, location: SourceLocation, triggers: Trigger[]): void {
		const { report } = this.ctx;
		const workflow: Workflow = { id, name, triggers, entries: [], location };
		this.out.workflows!.push(workflow);
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
							const parameters = readVariables(entry.value, report);
							this.out.parameters!.push(...parameters);
							this.out.env!.push(...parameters.map((p): EnvVar => ({ name: p.name, ...(p.default !== undefined ? { value: p.default } : {}), secret: false, scope: 'workflow', definedAt: p.location, usedBy: [] })));
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
		for (const item of items.items) {
			const step = item.kind === 'map' ? valueOf(item, 'step') : undefined;
			if (!step) {
				report.error('invalid-type', `Each item of \`parallel\` must be a \`step\`, not ${describeValue(item)}`, item.location);
				continue;
			}
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
		const manual = scalarText(valueOf(value, 'trigger')) === 'manual';
		const stageName = scalarText(valueOf(value, 'name'));
		let first = true;
		for (const item of steps.items) {
			const step = item.kind === 'map' ? valueOf(item, 'step') : undefined;
			if (!step) {
				report.error('invalid-type', `Each item of a stage's \`steps\` must be a \`step\`, not ${describeValue(item)}`, item.location);
				continue;
			}
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
		if (scalarText(valueOf(body, 'trigger')) === 'manual') entry.approval = true;
		else if (!isNull(valueOf(body, 'trigger')) && scalarText(valueOf(body, 'trigger')) !== 'automatic') {
			report.error('invalid-value', `\`trigger\` must be \`manual\` or \`automatic\`, not ${describeValue(valueOf(body, 'trigger')!)}`, valueOf(body, 'trigger')!.location);
		}
		const paths = readChangesets(valueOf(body, 'condition') ?? stage?.condition, report);
		if (paths) entry.filters = { paths, location: (valueOf(body, 'condition') ?? stage?.condition)!.location };
		workflow.entries.push(entry);
		return entry;
	}

	#job(body: YamlMap, location: SourceLocation, stage?: { deployment: YamlValue | undefined; stage: string | undefined }): ProviderJob {
		const at = `${body.location.line}:${body.location.column}`;
		const known = this.#jobOf.get(at);
		if (known) return known;
		const name = scalarText(valueOf(body, 'name'));
		// A step without a name: "Build", as Bitbucket's UI labels it (its docs do not say).
		const base = name ?? 'Build';
		let id = base;
		for (let n = 2; this.#ids.has(id); n++) id = `${base} (${n})`;
		this.#ids.add(id);
		const job = buildStepJob(id, body, location, this.ctx);
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

/** `condition: changesets: includePaths/excludePaths`: the step runs only when a changed file matches. */
function readChangesets(value: YamlValue | undefined, report: Reporter): { only?: Pattern[]; ignore?: Pattern[] } | undefined {
	if (isNull(value)) return undefined;
	checkKeys(value, 'condition', report);
	const changesets = valueOf(value, 'changesets');
	if (isNull(changesets)) return undefined;
	checkKeys(changesets, 'changesets', report);
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
function readVariables(value: YamlValue, report: Reporter): Parameter[] {
	if (value.kind !== 'seq') {
		report.error('invalid-type', `\`variables\` must be a list of \`name\`s, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.items.flatMap((item): Parameter[] => {
		checkKeys(item, 'variable', report);
		const name = scalarText(valueOf(item, 'name'));
		if (item.kind !== 'map' || name === undefined) {
			report.error('missing-key', 'A custom pipeline variable needs a `name`', item.location);
			return [];
		}
		const parameter: Parameter = { name, type: 'string', location: item.location };
		const description = scalarText(valueOf(item, 'description'));
		if (description !== undefined) parameter.description = description;
		const fallback = valueOf(item, 'default');
		if (!isNull(fallback)) parameter.default = renderInline(fallback);
		const allowed = valueOf(item, 'allowed-values');
		if (allowed?.kind === 'seq') parameter.enum = allowed.items.map((v) => renderInline(v));
		return [parameter];
	});
}
