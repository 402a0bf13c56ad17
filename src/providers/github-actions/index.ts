/**
 * GitHub Actions: every workflow file of a repository (`.github/workflows/*.yml`) read into
 * one provider output — a Workflow per file, its jobs (`<file-stem>/<job-key>`), triggers,
 * variables, secrets and deploy targets — with located diagnostics. GitHub's own parser
 * (`@actions/workflow-parser`) validates each file; the model is read from the located YAML.
 */
import type { DeployTarget, Diagnostic, EnvVar, Parameter, SourceLocation, Trigger, Workflow } from '../../model';
import { Reporter } from '../report';
import type { ProviderOutput, SourceFile } from '../types';
import { normalisedText, parseYaml, scalarText, valueOf, type YamlValue } from '../yaml';
import type { Context } from './context';
import { readEnv, References } from './env';
import { readDefaults, readJobs } from './jobs';
import { readConcurrency, readPermissions } from './limits';
import { checkKeys } from './keys';
import { parserDiagnostic, runWorkflowParser } from './parser';
import { readTriggers } from './triggers';

export interface GitHubOptions {
	/** All files of the pipeline folder, keyed by path relative to it. */
	files?: ReadonlyMap<string, string>;
	/** Prepended to a relative path to make the path diagnostics print. */
	displayPrefix?: string;
}

export function parseGitHubWorkflows(workflows: SourceFile[], options: GitHubOptions = {}): ProviderOutput {
	const report = new Reporter();
	const refs = new References();
	const files = options.files ?? new Map<string, string>();
	const displayPrefix = options.displayPrefix ?? '';
	const byRelative = new Map<string, { path: string; text: string }>();
	for (const file of workflows) {
		const rel = relativeWorkflowPath(file.path, displayPrefix);
		byRelative.set(rel, file);
	}
	const ctxBase = { report, refs, files, displayPrefix, workflows: byRelative, cache: new Map(), stack: [] } satisfies Context;
	const output: Collected = {
		workflows: [],
		jobs: [],
		env: [],
		parameters: [],
		deployTargets: [],
		triggers: [],
	};
	const stems = new Set<string>();
	const sorted = [...workflows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	for (const file of sorted) {
		const start: SourceLocation = { file: file.path, line: 1, column: 1 };
		report.guard(start, file.path, () => {
			let stem = file.path.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
			if (stems.has(stem)) stem = `${stem}-${stems.size + 1}`;
			stems.add(stem);
			readWorkflowFile(file, stem, { ...ctxBase, stack: [relativeWorkflowPath(file.path, displayPrefix)] }, output);
		});
	}
	const env = [...output.env, ...refs.list()];
	return {
		sources: sorted.map((file) => ({ path: relativeWorkflowPath(file.path, displayPrefix), role: 'workflow' as const })),
		triggers: dedupeTriggers(output.triggers),
		workflows: output.workflows,
		jobs: output.jobs,
		env,
		parameters: output.parameters,
		orbs: [],
		deployTargets: mergeTargets(output.deployTargets),
		promotions: [],
		diagnostics: byPlace(report.diagnostics, sorted.map((f) => f.path)),
	};
}

function relativeWorkflowPath(path: string, prefix: string): string {
	if (prefix && path.startsWith(prefix)) return path.slice(prefix.length);
	const at = path.indexOf('.github/');
	return at >= 0 ? path.slice(at) : path;
}

interface Collected {
	workflows: Workflow[];
	jobs: ProviderOutput['jobs'];
	env: EnvVar[];
	parameters: Parameter[];
	deployTargets: DeployTarget[];
	triggers: Trigger[];
}

function readWorkflowFile(file: SourceFile, stem: string, ctx: Context, out: Collected): void {
	const { report } = ctx;
	const start: SourceLocation = { file: file.path, line: 1, column: 1 };
	const parsed = parseYaml(file, { keepComposed: true });
	for (const d of parsed.diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
	const doc = parsed.documents[0];
	if (parsed.documents.length > 1) report.warning('multiple-documents', 'The file holds several YAML documents; GitHub reads only the first', parsed.documents[1]!.location);
	const root = doc && !doc.broken ? doc.root : undefined;
	const workflow: Workflow = { id: stem, name: file.path, triggers: [], entries: [], location: doc?.location ?? start };
	out.workflows.push(workflow);
	if (!doc || doc.broken) {
		if (!doc) report.error('empty-workflow', 'The workflow file is empty', start);
		return;
	}
	if (root?.kind !== 'map') {
		report.error('invalid-type', 'A workflow must be a map with `on` and `jobs`', root?.location ?? start);
		return;
	}
	const name = scalarText(valueOf(root, 'name'));
	if (name !== undefined) workflow.name = name;
	const hasOn = valueOf(root, 'on') !== undefined || root.entries.some((e) => e.key === 'true');
	if (!hasOn && valueOf(root, 'jobs') === undefined) {
		report.warning(
			'not-a-workflow',
			'This file has neither `on:` nor `jobs:`: it is not a GitHub Actions workflow (perhaps another tool\'s configuration kept in .github/workflows); GitHub reports it as an invalid workflow',
			root.location,
			'Move it out of .github/workflows.',
		);
		return;
	}
	// Before our own key checks: the parser's unknown-key errors at the same place are dropped.
	const text = normalisedText(file.text);
	const findings = runWorkflowParser(file.path, text, { ...(parsed.composed ? { composed: parsed.composed } : {}), ...(parsed.plain ? { plain: parsed.plain } : {}) });
	checkKeys(root, 'workflow', report);
	const keyPlaces = new Set(report.diagnostics.filter((d) => d.code === 'misspelt-key' || d.code === 'unknown-key').map((d) => `${d.location.file}:${d.location.line}:${d.location.column}`));
	checkTemplates(root, report);

	const onValue = valueOf(root, 'on') ?? root.entries.find((e) => e.key === 'true')?.value;
	const triggers = readTriggers(onValue, `\`${workflow.name}\``, root.location, report);
	workflow.triggers = triggers.triggers;
	out.triggers.push(...triggers.triggers);
	out.parameters.push(...triggers.parameters);
	out.env.push(...readEnv(valueOf(root, 'env'), 'workflow', report, `workflow \`${workflow.name}\``));
	ctx.refs.scan(valueOf(root, 'env'));
	ctx.refs.scan(valueOf(root, 'run-name'));
	const runName = scalarText(valueOf(root, 'run-name'));
	if (runName) workflow.runName = runName;
	ctx.refs.scan(valueOf(root, 'concurrency'));
	const defaults = { ...readDefaults(valueOf(root, 'defaults'), ctx), permissions: readPermissions(valueOf(root, 'permissions')) };
	const concurrency = readConcurrency(valueOf(root, 'concurrency'));
	if (concurrency) workflow.concurrency = concurrency;
	const jobs = readJobs(valueOf(root, 'jobs'), stem, defaults, ctx, root.location);
	workflow.entries = jobs.entries;
	out.jobs.push(...jobs.jobs);
	out.deployTargets.push(...jobs.targets);

	// Late: key checks of the whole file have run, so their places are known.
	const allKeyPlaces = new Set([
		...keyPlaces,
		...report.diagnostics.filter((d) => d.code === 'misspelt-key' || d.code === 'unknown-key').map((d) => `${d.location.file}:${d.location.line}:${d.location.column}`),
	]);
	const ownErrors = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.line}`));
	for (const finding of findings) {
		const place = `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
		if (allKeyPlaces.has(place) || (finding.severity === 'error' && ownErrors.has(`${finding.location.line}`) && !finding.graph)) continue;
		const d: Diagnostic = parserDiagnostic(finding);
		report.add(d.severity, d.code, d.message, d.location, d.hint);
	}
}

/**
 * `{{ ... }}` outside `${{ }}` is a template placeholder (Jinja, cookiecutter, Helm) that
 * GitHub does not expand: the file is probably a template to be rendered first.
 */
function checkTemplates(value: YamlValue, report: Reporter): void {
	if (value.kind === 'map') {
		for (const entry of value.entries) {
			// Most texts hold no brace: `includes` spares them the pattern.
			if (entry.key.includes('{') && /\{\{|\{%/.test(entry.key) && !entry.key.includes('${{')) templateWarning(entry.key, entry.keyLocation, report);
			// Shell and Go templates inside `run:` scripts are the command's business.
			if (entry.key !== 'run') checkTemplates(entry.value, report);
		}
	} else if (value.kind === 'seq') {
		for (const item of value.items) checkTemplates(item, report);
	} else if (typeof value.value === 'string' && value.value.includes('{') && /(^|[^$])\{\{|\{%/.test(value.value)) {
		templateWarning(value.value, value.location, report);
	}
}

function templateWarning(text: string, location: SourceLocation, report: Reporter): void {
	report.warning(
		'template-syntax',
		`\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\` holds a \`{{ }}\` template placeholder that GitHub does not expand (only \`\${{ }}\` expressions are); it is kept verbatim`,
		location,
		'If this file is a template (Jinja, cookiecutter), document the rendered workflow instead.',
	);
}

function dedupeTriggers(triggers: Trigger[]): Trigger[] {
	const seen = new Set<string>();
	return triggers.filter((t) => {
		const key = JSON.stringify([t.event, t.name, t.cron, t.filters ? { ...t.filters, location: undefined } : undefined]);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function mergeTargets(targets: DeployTarget[]): DeployTarget[] {
	const merged = new Map<string, DeployTarget>();
	for (const t of targets) {
		const found = merged.get(t.id);
		if (!found) merged.set(t.id, { ...t, jobs: [...t.jobs] });
		else {
			found.jobs.push(...t.jobs.filter((j) => !found.jobs.includes(j)));
			if (found.url === undefined && t.url !== undefined) found.url = t.url;
		}
	}
	return [...merged.values()];
}

function byPlace(diagnostics: readonly Diagnostic[], files: string[]): Diagnostic[] {
	const order = [...files, ...new Set(diagnostics.map((d) => d.location.file))];
	const rank = (d: Diagnostic) => order.indexOf(d.location.file);
	return [...diagnostics].sort((a, b) => rank(a) - rank(b) || a.location.line - b.location.line || a.location.column - b.location.column);
}

