/**
 * The CircleCI provider: `.circleci/config.yml` (2.0 or 2.1) into the provider-neutral model.
 *
 * Reusable config is expanded as CircleCI compiles it (commands, executors, parameters,
 * matrices, inline and vendored orbs), while values only known when a pipeline runs
 * (`<< pipeline.git.branch >>`) stay visible as written. Whatever cannot be read is reported
 * with its location; one broken job or workflow never hides the rest.
 */
import type { Diagnostic, Orb, Parameter, SourceLocation, Trigger, Workflow } from '../../model';
import type { ProviderOutput, SourceFile } from '../types';
import { entryOf, parseYaml, scalarText, valueOf, type YamlValue } from '../yaml';
import { JobCatalog } from './catalog';
import { checkJobGroups, readJobGroups } from './job-groups';
import { STEP_BUDGET, type Context } from './context';
import { findContinuation } from './dynamic';
import { checkKeys } from './keys';
import { toOrb } from './orbs';
import { pipelineParameterReferences, readParameterDecls, toParameter } from './parameters';
import { Reporter } from '../report';
import { buildScope, type Scope } from './scope';
import { buildWorkflows, implicitWorkflow } from './workflows';

export interface CircleCiOptions {
	/** Vendored orb sources; each `path` ends in `orbs/<namespace>/<orb>.yml`. */
	orbs?: SourceFile[];
	/** Other files of the pipeline folder by relative path (a dynamic config's continuation). */
	files?: ReadonlyMap<string, string>;
}

/** Bound on YAML alias expansion, against "billion laughs" files. */
const MAX_ALIAS_COUNT = 1000;

/** Reads a CircleCI config. Pure and total: never throws, problems become diagnostics. */
export function parseCircleCiConfig(source: SourceFile, options: CircleCiOptions = {}): ProviderOutput {
	const report = new Reporter();
	try {
		return readConfig(source, options, report);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		report.error('internal-error', `Pipeline Atlas failed to read this config: ${reason}`, fileStart(source), 'This is a bug in Pipeline Atlas.');
		return output(source, report, {});
	}
}

function readConfig(source: SourceFile, options: CircleCiOptions, report: Reporter): ProviderOutput {
	const parsed = parseYaml(source, { maxAliasCount: MAX_ALIAS_COUNT });
	for (const d of parsed.diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
	const [document, ...others] = parsed.documents;
	if (!document) {
		if (parsed.diagnostics.length === 0) report.error('empty-config', 'The config is empty', fileStart(source), 'A CircleCI config needs at least `version`, `jobs` and `workflows`.');
		return output(source, report, {});
	}
	if (others.length > 0) {
		report.warning('multiple-documents', 'The file holds more than one YAML document; CircleCI reads only the first', others[0]!.location, 'Remove the `---` separator and what follows, or merge it into the first document.');
	}
	const root = document.root;
	if (document.broken || !root) return output(source, report, {});
	if (root.kind !== 'map') {
		report.error('invalid-type', 'A CircleCI config must be a map with `version`, `jobs` and `workflows`', root.location);
		return output(source, report, {});
	}
	checkKeys(root, 'config', report);

	const version = readVersion(root, source, report);
	const usedOrbSources = new Set<string>();
	const ctx: Context = {
		report,
		// Without a usable version, read the config as the current format rather than piling
		// "needs 2.1" errors on top of the version error.
		version: version === '2' || version === '2.0' ? '2' : '2.1',
		root: buildScope(root, { report, orbSources: options.orbs ?? [], usedOrbSources }),
		implicitWorkflow: !entryOf(root, 'workflows'),
		jobGroups: readJobGroups(valueOf(root, 'job-groups'), report),
		budget: { steps: STEP_BUDGET, exhausted: false },
	};
	if (ctx.version === '2') checkVersion2(root, report);
	const parameters = readPipelineParameters(root, report);
	const catalog = new JobCatalog(ctx);
	const workflows = readWorkflows(root, source, ctx, catalog);
	checkJobGroups(ctx.jobGroups, [...ctx.root.jobs.keys()], report);
	const setup = entryOf(root, 'setup');
	const dynamic = setup && readSetup(setup.value, report) ? readDynamic(root, source, setup.keyLocation, options, report) : undefined;
	const result = output(source, report, {
		version,
		workflows,
		jobs: catalog.jobs,
		parameters,
		orbs: orbModels(ctx.root, report),
		orbSources: usedOrbSources,
		triggers: pipelineTriggers(workflows, entryOf(root, 'version')?.keyLocation ?? fileStart(source)),
	});
	if (dynamic) result.dynamic = dynamic;
	return result;
}

/** Reusable config (orbs, commands, executors, parameters) is a 2.1 feature. */
function checkVersion2(root: YamlValue, report: Reporter): void {
	for (const key of ['orbs', 'commands', 'executors', 'parameters']) {
		const entry = entryOf(root, key);
		if (entry) report.error('version-feature', `\`${key}\` needs \`version: 2.1\``, entry.keyLocation, 'Set `version: 2.1` at the top of the config.');
	}
}

/** Pipeline parameters, checking that every `<< pipeline.parameters.x >>` names one of them. */
function readPipelineParameters(root: YamlValue, report: Reporter): Parameter[] {
	const decls = readParameterDecls(valueOf(root, 'parameters'), report, true);
	const declared = new Set(decls.map((decl) => decl.name));
	for (const reference of pipelineParameterReferences(root)) {
		if (declared.has(reference.name)) continue;
		report.error('undeclared-parameter', `\`<< pipeline.parameters.${reference.name} >>\` refers to a pipeline parameter the config does not declare`, reference.location, 'Declare it under the top-level `parameters:`.');
	}
	return decls.map(toParameter);
}

function readWorkflows(root: YamlValue, source: SourceFile, ctx: Context, catalog: JobCatalog): Workflow[] {
	const workflows = valueOf(root, 'workflows');
	if (workflows !== undefined) return buildWorkflows(workflows, ctx, catalog);
	const build = ctx.root.jobs.get('build');
	const implicit = implicitWorkflow(catalog.find('build', fileStart(source)), build?.location, valueOf(build?.body, 'branches'), fileStart(source), ctx);
	return implicit ? [implicit] : [];
}

/** `version: 2`, `2.0` or `2.1`, as written. */
function readVersion(root: YamlValue, source: SourceFile, report: Reporter): string | undefined {
	const entry = entryOf(root, 'version');
	if (!entry) {
		report.error('missing-version', 'The config has no `version`', fileStart(source), 'Start the config with `version: 2.1`.');
		return undefined;
	}
	const value = entry.value;
	const text = value.kind === 'scalar' ? (value.source ?? scalarText(value)) : undefined;
	if (text === undefined || !['2', '2.0', '2.1'].includes(text)) {
		report.error('unsupported-version', `\`version: ${text ?? '...'}\` is not a CircleCI config version`, value.location, 'Use `version: 2.1` (or 2 / 2.0 for configs without reusable parts).');
	}
	return text;
}

/** `setup: true`: the pipeline this config describes is only its first stage. */
function readDynamic(root: YamlValue, source: SourceFile, location: SourceLocation, options: CircleCiOptions, report: Reporter): NonNullable<ProviderOutput['dynamic']> {
	const continuation = findContinuation(root, options.files, source.path);
	report.info(
		'dynamic-config',
		`This is a setup config (\`setup: true\`): the real pipeline is generated when it runs${continuation ? `, continuing with ${continuation}` : ''}; these pages show only the setup workflow`,
		location,
		continuation ? undefined : 'Add the continuation config (for example .circleci/continue_config.yml) to the pipeline folder to document it too.',
	);
	return continuation === undefined ? {} : { continuation };
}

function readSetup(value: YamlValue, report: Reporter): boolean {
	if (value.kind === 'scalar' && typeof value.value === 'boolean') return value.value;
	report.error('invalid-type', '`setup` must be `true` or `false`', value.location);
	return false;
}

function orbModels(scope: Scope, report: Reporter): Orb[] {
	return [...scope.orbs.values()].map((orb) => {
		if (!orb.scope && orb.ref) {
			const [name] = orb.ref.split('@');
			report.info(
				'orb-not-vendored',
				`Orb \`${orb.alias}\` (${orb.ref}) is not vendored: its commands and jobs are shown by name, without their steps`,
				orb.location,
				`To expand them, save the orb's source as orbs/${name}.yml in the pipeline folder (\`circleci orb source ${orb.ref}\`).`,
			);
		}
		return toOrb(orb, orb.scope !== undefined);
	});
}

/**
 * A CircleCI pipeline starts on every push (schedules belong to their workflows): the
 * pipeline-level trigger says so once.
 */
function pipelineTriggers(workflows: Workflow[], location: SourceLocation): Trigger[] {
	return workflows.some((workflow) => workflow.triggers.some((trigger) => trigger.event === 'push')) ? [{ event: 'push', location }] : [];
}

interface Parts {
	version?: string | undefined;
	workflows?: Workflow[];
	jobs?: ProviderOutput['jobs'];
	parameters?: Parameter[];
	orbs?: Orb[];
	orbSources?: ReadonlySet<string>;
	triggers?: Trigger[];
}

function output(source: SourceFile, report: Reporter, parts: Parts): ProviderOutput {
	const result: ProviderOutput = {
		sources: [{ path: source.path, role: 'config' }, ...[...(parts.orbSources ?? [])].map((path) => ({ path, role: 'orb' as const }))],
		triggers: parts.triggers ?? [],
		workflows: parts.workflows ?? [],
		jobs: parts.jobs ?? [],
		env: [],
		parameters: parts.parameters ?? [],
		orbs: parts.orbs ?? [],
		deployTargets: [],
		promotions: [],
		diagnostics: byPlace(report.diagnostics, source.path),
	};
	if (parts.version !== undefined) result.version = parts.version;
	return result;
}

/** Diagnostics in reading order: the config's first, then each other file's, by line and column. */
function byPlace(diagnostics: readonly Diagnostic[], configPath: string): Diagnostic[] {
	const files = [configPath, ...new Set(diagnostics.map((d) => d.location.file))];
	const rank = (d: Diagnostic) => files.indexOf(d.location.file);
	return [...diagnostics].sort((a, b) => rank(a) - rank(b) || a.location.line - b.location.line || a.location.column - b.location.column);
}

function fileStart(source: SourceFile): SourceLocation {
	return { file: source.path, line: 1, column: 1 };
}
