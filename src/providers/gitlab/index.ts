/**
 * The GitLab CI provider: `.gitlab-ci.yml` into the provider-neutral model.
 *
 * The config is assembled as GitLab does it (local includes merged in, `extends`, `!reference`,
 * `default:`), then read as one workflow (`pipeline`) whose entries are the jobs in stage
 * order. Expressions only known when a pipeline runs (`$CI_COMMIT_BRANCH == "main"`) are kept
 * as written. Whatever cannot be read is reported with its location; one broken job never
 * hides the rest, and the function never throws.
 */
import type { DeployTarget, DeployTier, EnvVar, Parameter, SourceLocation, Trigger, Workflow } from '../../model';
import type { ProviderJob, ProviderOutput, SourceFile } from '../types';
import { describeValue, entryOf, isNull, parseYaml, scalarText, valueOf, type YamlEntry, type YamlMap, type YamlValue } from '../yaml';
import { buildEntries, matrixInstances, readStages, type GraphJob, type Instance } from './graph';
import { buildJob } from './jobs';
import { checkKeys, DEFAULT_KEYS, GLOBAL_KEYS, notModelled } from './keys';
import { closestKey } from '../spelling';
import { applyExtends, expandIncludes, REFERENCE_TAG, resolveReferences, type IncludeContext } from './merge';
import { Reporter } from '../report';
import { readAutoCancel } from './limits';
import { modelRule, readRules, workflowTriggers } from './rules';
import { readVariables } from './variables';

export interface GitLabOptions {
	/** Every file of the pipeline folder, keyed by path relative to it (`include: local`). */
	files?: ReadonlyMap<string, string>;
	/** Prefix that turns a relative path into the display path diagnostics print. */
	displayPrefix?: string;
}

const MAX_ALIAS_COUNT = 1000;

/** Reads a GitLab CI config. Pure and total: never throws, problems become diagnostics. */
export function parseGitLabConfig(source: SourceFile, options: GitLabOptions = {}): ProviderOutput {
	const report = new Reporter();
	const included: string[] = [];
	try {
		return readConfig(source, options, report, included);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		report.error('internal-error', `Pipeline Atlas failed to read this config: ${reason}`, fileStart(source), 'This is a bug in Pipeline Atlas.');
		return output(source, options, report, included, {});
	}
}

function readConfig(source: SourceFile, options: GitLabOptions, report: Reporter, included: string[]): ProviderOutput {
	const parsed = parseYaml(source, { maxAliasCount: MAX_ALIAS_COUNT, customTags: [REFERENCE_TAG] });
	for (const d of parsed.diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
	reportTemplates(source, report, parsed.diagnostics.some((d) => d.severity === 'error'));
	const parameters: Parameter[] = [];
	const document = configDocument(parsed.documents, parameters, report);
	if (!document) {
		if (parsed.diagnostics.length === 0) report.error('empty-config', 'The config is empty', fileStart(source), 'A GitLab CI config needs at least one job with a `script`.');
		return output(source, options, report, included, {});
	}
	const root = document.root;
	if (document.broken || !root) return output(source, options, report, included, {});
	if (root.kind !== 'map') {
		report.error('invalid-type', `A GitLab CI config must be a map of jobs and keywords, not ${describeValue(root)}`, root.location);
		return output(source, options, report, included, {});
	}

	const includes: IncludeContext = { report, files: options.files, displayPrefix: options.displayPrefix ?? '', included, unresolved: false, count: 0 };
	const ownPath = relativePath(source.path, options);
	const merged = expandIncludes(root, includes, ownPath ? [ownPath] : []);
	const unresolved = includes.unresolved;

	// Job names and keywords share the top level: sort them out before templates are applied.
	const candidates = Object.keys(GLOBAL_KEYS);
	const jobNames = new Set<string>();
	for (const entry of merged.entries) {
		if (entry.key in GLOBAL_KEYS || entry.key.startsWith('.')) continue;
		const looksLikeJob = entry.value.kind === 'map' && ['script', 'trigger', 'extends', 'run', 'stage'].some((k) => entryOf(entry.value, k));
		// Most top-level keys are job names: only one that does not look like a job may be a slip.
		const intended = looksLikeJob ? undefined : closestKey(entry.key, candidates);
		if (intended) {
			report.warning('misspelt-key', `\`${entry.key}\` is not a GitLab keyword; did you mean \`${intended}\`?`, entry.keyLocation, `Rename it to \`${intended}\`: as written, GitLab reads it as a job.`);
			continue;
		}
		if (entry.value.kind !== 'map') {
			report.error('invalid-job', `\`${entry.key}\` is not a GitLab keyword, so it is read as a job, and a job must be a map, not ${describeValue(entry.value)}`, entry.keyLocation, 'Start its name with a dot (`.name`) to make it a hidden job or anchor holder.');
			continue;
		}
		jobNames.add(entry.key);
	}

	const extended = applyExtends(merged, report, unresolved);
	const entries = resolveReferences(extended.entries, report, unresolved);
	const top = new Map(entries.map((entry) => [entry.key, entry]));
	const raw = new Map(merged.entries.map((entry) => [entry.key, entry]));

	for (const entry of merged.entries) {
		if (entry.key === 'default') checkKeys(entry.value, 'default', report);
		if (entry.key === 'workflow') checkKeys(entry.value, 'workflow', report);
		if (jobNames.has(entry.key) || (extended.templates.has(entry.key) && entry.key.startsWith('.'))) checkKeys(entry.value, 'job', report);
	}

	const defaults = readDefaults(top);
	const stages = readStages(top.get('stages')?.value ?? top.get('types')?.value, report);
	const pipelineEnv: EnvVar[] = readVariables(top.get('variables')?.value, 'pipeline', report, parameters);

	const jobs: ProviderJob[] = [];
	const graphJobs: GraphJob[] = [];
	const entriesOf = new Map<string, Instance[] | undefined>();
	const targets = new Map<string, DeployTarget>();
	for (const name of jobNames) {
		const entry = top.get(name)!;
		if (entry.value.kind !== 'map') continue;
		const location = raw.get(name)?.keyLocation ?? entry.keyLocation;
		report.guard(location, `job \`${name}\``, () => {
			const body = applyDefaults(entry.value as YamlMap, defaults, report);
			const built = buildJob(name, body, location, report);
			if (!built.isTrigger && !built.hasScript && !entryOf(body, 'run')) {
				const message = `Job \`${name}\` has no \`script\` (nor \`trigger\`)`;
				if (unresolved || entryOf(body, 'extends')) report.info('missing-script', `${message}; it may come from an include Pipeline Atlas could not read`, location);
				else report.error('missing-script', message, location, 'Every job needs a `script` (or a `trigger` for a downstream pipeline).');
			}
			const stageValue = valueOf(body, 'stage') ?? valueOf(body, 'type');
			const graphJob: GraphJob = { id: name, body, location, stage: scalarText(stageValue) ?? 'test', stageLocation: stageValue?.location ?? location };
			entriesOf.set(name, matrixInstances(graphJob, report));
			readEnvironment(name, body, built.job, targets, report);
			jobs.push(built.job);
			graphJobs.push(graphJob);
		});
	}
	if (jobNames.size === 0 && parsed.diagnostics.every((d) => d.severity !== 'error')) {
		const message = 'The config defines no visible job (names starting with `.` are hidden templates)';
		if (unresolved) report.info('no-jobs', `${message}; its jobs may come from includes Pipeline Atlas could not read`, root.location);
		else report.error('no-jobs', message, root.location, 'Add a job with a `script`.');
	}

	const workflowValue = top.get('workflow')?.value;
	const workflowName = scalarText(valueOf(workflowValue, 'name'));
	const rulesEntry = entryOf(workflowValue, 'rules');
	const rules = rulesEntry ? readRules(rulesEntry.value, report, 'always', 'workflowRule') : [];
	const start = top.get('workflow')?.keyLocation ?? root.location;
	const triggers: Trigger[] = rulesEntry ? workflowTriggers(rules) : [{ event: 'push', location: start }];
	const workflow: Workflow = {
		id: 'pipeline',
		name: workflowName ?? 'pipeline',
		triggers,
		entries: buildEntries(graphJobs, stages, { report, unresolved, entriesOf }),
		location: start,
	};
	if (rules.length) workflow.rules = rules.map(modelRule);
	const autoCancel = readAutoCancel(valueOf(workflowValue, 'auto_cancel'), report);
	if (autoCancel) workflow.autoCancel = autoCancel;
	return output(source, options, report, included, { workflows: [workflow], jobs, env: pipelineEnv, parameters, triggers, deployTargets: [...targets.values()] });
}

/** The config document: the only one, or the one after a `spec:` header (CI/CD inputs). */
function configDocument(documents: ReturnType<typeof parseYaml>['documents'], parameters: Parameter[], report: Reporter) {
	const [first, second, ...rest] = documents;
	if (first && second && first.root?.kind === 'map' && entryOf(first.root, 'spec')) {
		readInputs(valueOf(valueOf(first.root, 'spec'), 'inputs'), parameters);
		if (rest.length) report.warning('multiple-documents', 'The file holds more than two YAML documents; GitLab reads the `spec:` header and the config after it', rest[0]!.location);
		return second;
	}
	if (second) report.warning('multiple-documents', 'The file holds more than one YAML document; GitLab reads only the first (or a `spec:` header and the config)', second.location, 'Remove the `---` separator and what follows, or merge it into the first document.');
	return first;
}

/** `spec: inputs:` of a config meant to be included with `inputs`. */
function readInputs(value: YamlValue | undefined, parameters: Parameter[]): void {
	if (value?.kind !== 'map') return;
	for (const entry of value.entries) {
		const parameter: Parameter = { name: entry.key, type: scalarText(valueOf(entry.value, 'type')) ?? 'string', location: entry.keyLocation };
		const description = scalarText(valueOf(entry.value, 'description'));
		if (description !== undefined) parameter.description = description;
		const fallback = valueOf(entry.value, 'default');
		if (!isNull(fallback)) parameter.default = scalarText(fallback) ?? JSON.stringify(fallback.kind === 'scalar' ? fallback.value : null);
		const options = valueOf(entry.value, 'options');
		if (options?.kind === 'seq') parameter.enum = options.items.map((o) => scalarText(o) ?? '');
		parameters.push(parameter);
	}
}

/**
 * Jinja, Helm or cookiecutter placeholders (`{{ x }}`, `{% if %}`) mean the file is a template
 * of a config. It is read as it stands; say why it may fail, at the first placeholder.
 */
function reportTemplates(source: SourceFile, report: Reporter, broken: boolean): void {
	const lines = source.text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
	for (const [index, line] of lines.entries()) {
		const column = line.search(/\{\{|\{%/);
		if (column < 0 || /^\s*#/.test(line)) continue;
		report.add(
			broken ? 'warning' : 'info',
			'template-syntax',
			broken
				? 'The file holds template placeholders (`{{ ... }}` / `{% ... %}`): it is a template of a config, and is not valid YAML until rendered'
				: 'The file holds template placeholders (`{{ ... }}`); they are shown as written',
			{ file: source.path, line: index + 1, column: column + 1 },
			broken ? 'Render the template and document the generated .gitlab-ci.yml instead.' : undefined,
		);
		return;
	}
}

// --- default ----------------------------------------------------------------------------

/** `default:` values (deprecated top-level `image`, `services`... under them). */
function readDefaults(top: Map<string, YamlEntry>): Map<string, YamlEntry> {
	const defaults = new Map<string, YamlEntry>();
	for (const key of ['image', 'services', 'cache', 'before_script', 'after_script']) {
		const entry = top.get(key);
		if (entry) defaults.set(key, entry);
	}
	const block = top.get('default')?.value;
	if (block?.kind === 'map') for (const entry of block.entries) if (entry.key in DEFAULT_KEYS) defaults.set(entry.key, entry);
	return defaults;
}

/** Default values the job does not set itself, as its `inherit:default` allows. */
function applyDefaults(body: YamlMap, defaults: Map<string, YamlEntry>, report: Reporter): YamlMap {
	const inherit = valueOf(valueOf(body, 'inherit'), 'default');
	let allowed: (key: string) => boolean = () => true;
	if (inherit?.kind === 'scalar' && inherit.value === false) allowed = () => false;
	else if (inherit?.kind === 'seq') {
		const keys = new Set(inherit.items.map((i) => scalarText(i)));
		allowed = (key) => keys.has(key);
	} else if (!isNull(inherit) && !(inherit.kind === 'scalar' && inherit.value === true)) {
		report.error('invalid-type', `\`inherit:default\` must be true, false or a list of keys, not ${describeValue(inherit)}`, inherit.location);
	}
	// Which of the pipeline's variables the job gets: its pages show it with all of them.
	const inheritVariables = entryOf(valueOf(body, 'inherit'), 'variables');
	if (inheritVariables && !(inheritVariables.value.kind === 'scalar' && inheritVariables.value.value === true)) notModelled(report, 'inherit:variables', inheritVariables.keyLocation, 'the job is shown with every variable of the pipeline');
	const added = [...defaults.values()].filter((entry) => allowed(entry.key) && !entryOf(body, entry.key));
	return added.length ? { ...body, entries: [...body.entries, ...added] } : body;
}

// --- environment ------------------------------------------------------------------------

/** The tier GitLab would infer from an environment's name. */
export function tierOf(name: string): DeployTier {
	const n = name.toLowerCase();
	if (/^review\b|^review[/_-]/.test(n)) return 'review';
	if (/pre-?prod|uat|acceptance/.test(n)) return 'preproduction';
	if (/^(prod|production|live)\b|[/_-](prod|production|live)$/.test(n)) return 'production';
	if (/stag/.test(n)) return 'staging';
	if (/^(dev|development|develop)\b|[/_-](dev|development)$|local/.test(n)) return 'development';
	if (/test|qa|sandbox/.test(n)) return 'other';
	return 'other';
}

const TIERS: Record<string, DeployTier> = { production: 'production', staging: 'staging', testing: 'other', development: 'development', other: 'other' };

function readEnvironment(jobId: string, body: YamlMap, job: ProviderJob, targets: Map<string, DeployTarget>, report: Reporter): void {
	const entry = entryOf(body, 'environment');
	if (!entry || isNull(entry.value)) return;
	const value = entry.value;
	let name: string | undefined;
	if (value.kind === 'scalar') name = scalarText(value);
	else if (value.kind === 'map') {
		checkKeys(value, 'environment', report);
		name = scalarText(valueOf(value, 'name'));
	}
	if (name === undefined) {
		report.error('missing-key', '`environment` needs a `name`', value.location);
		return;
	}
	const action = scalarText(valueOf(value, 'action')) ?? 'start';
	if (action !== 'start') {
		// `stop`, `prepare`, `verify`, `access`: the job works on the environment but does not deploy to it.
		job.description = `${action === 'stop' ? 'Stops' : action === 'prepare' ? 'Prepares' : action === 'verify' ? 'Verifies' : 'Accesses'} the \`${name}\` environment (\`action: ${action}\`).`;
		return;
	}
	let target = targets.get(name);
	if (!target) {
		const tierText = scalarText(valueOf(value, 'deployment_tier'));
		target = { id: name, name, tier: (tierText && TIERS[tierText]) || tierOf(name), jobs: [], location: value.location };
		const url = scalarText(valueOf(value, 'url'));
		if (url !== undefined) target.url = url;
		const platform = platformOf(job);
		if (platform) target.platform = platform;
		targets.set(name, target);
	}
	target.jobs.push(jobId);
	job.deployTarget = name;
	if (!isNull(valueOf(value, 'on_stop'))) notModelled(report, 'on_stop', entryOf(value, 'on_stop')!.keyLocation, 'the job that stops the environment is shown on its own');
}

function platformOf(job: ProviderJob): string | undefined {
	const text = (job.steps ?? []).map((s) => s.command ?? '').join('\n');
	if (/\bhelm\s/.test(text)) return 'helm';
	if (/\bkubectl\s/.test(text)) return 'kubernetes';
	if (/\bheroku\s|dpl .*heroku/.test(text)) return 'heroku';
	return undefined;
}

// --- output -----------------------------------------------------------------------------

interface Parts {
	workflows?: Workflow[];
	jobs?: ProviderJob[];
	env?: EnvVar[];
	parameters?: Parameter[];
	triggers?: Trigger[];
	deployTargets?: DeployTarget[];
}

function relativePath(path: string, options: GitLabOptions): string | undefined {
	const prefix = options.displayPrefix ?? '';
	return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function output(source: SourceFile, options: GitLabOptions, report: Reporter, included: string[], parts: Parts): ProviderOutput {
	return {
		sources: [{ path: relativePath(source.path, options) ?? source.path, role: 'config' }, ...included.map((path) => ({ path, role: 'include' as const }))],
		triggers: parts.triggers ?? [],
		workflows: parts.workflows ?? [],
		jobs: parts.jobs ?? [],
		env: parts.env ?? [],
		parameters: parts.parameters ?? [],
		orbs: [],
		deployTargets: parts.deployTargets ?? [],
		promotions: [],
		diagnostics: byPlace(report.diagnostics, source.path),
	};
}

function byPlace(diagnostics: readonly { location: SourceLocation }[], configPath: string) {
	const files = [configPath, ...new Set(diagnostics.map((d) => d.location.file))];
	const rank = (d: { location: SourceLocation }) => files.indexOf(d.location.file);
	return [...(diagnostics as ProviderOutput['diagnostics'] & object)].sort((a, b) => rank(a) - rank(b) || a.location.line - b.location.line || a.location.column - b.location.column);
}

function fileStart(source: SourceFile): SourceLocation {
	return { file: source.path, line: 1, column: 1 };
}

