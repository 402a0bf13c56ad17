/**
 * Job steps: `run` scripts and `uses` actions, recognised by what they do (checkout, caches,
 * artifacts), local composite actions expanded into their steps when their `action.yml` is in
 * the pipeline folder. Ids are position paths (`3`, `3.2`).
 */
import type { Diagnostic, EnvVar, Parameter, SourceLocation, Step, StepKind } from '../../model';
import { Reporter } from '../report';
import { closestKey } from '../spelling';
import { describeValue, entryOf, isNull, parseYaml, renderInline, renderText, scalarText, valueOf, type YamlValue } from '../yaml';
import { MAX_DEPTH, type Context } from './context';
import { envExpression, readEnv } from './env';
import { checkKeys } from './keys';
import { readContinueOnError, readTimeout } from './limits';

export interface RunDefaults {
	shell?: string | undefined;
	workingDirectory?: string | undefined;
}

export function buildSteps(list: YamlValue | undefined, jobId: string, ctx: Context, prefix = ''): Step[] {
	if (isNull(list)) return [];
	if (list.kind !== 'seq') {
		ctx.report.error('invalid-type', `\`steps\` must be a list, not ${describeValue(list)}`, list.location);
		return [];
	}
	const steps: Step[] = [];
	for (const [index, item] of list.items.entries()) {
		const id = `${prefix}${index + 1}`;
		const step = ctx.report.guard(item.location, `step ${id}`, () => buildStep(item, id, jobId, ctx));
		if (step) steps.push(step);
	}
	return steps;
}

function buildStep(item: YamlValue, id: string, jobId: string, ctx: Context): Step | undefined {
	const { report } = ctx;
	if (item.kind !== 'map') {
		report.error('invalid-type', `A step must be a map with \`run\` or \`uses\`, not ${describeValue(item)}`, item.location);
		return undefined;
	}
	checkKeys(item, 'step', report);
	ctx.refs.scan(item, `${jobId}#${id}`);
	const run = valueOf(item, 'run');
	const uses = scalarText(valueOf(item, 'uses'));
	const name = scalarText(valueOf(item, 'name'));
	const condition = scalarText(valueOf(item, 'if'));
	const envFrom = envExpression(valueOf(item, 'env'));
	const env: EnvVar[] = envFrom ? [] : readEnv(valueOf(item, 'env'), 'step', report, `step ${id}`);
	const withValue = valueOf(item, 'with');
	const withArgs: Record<string, string> = {};
	if (withValue?.kind === 'map') for (const entry of withValue.entries) withArgs[entry.key] = renderText(entry.value);
	else if (!isNull(withValue)) report.error('invalid-type', `\`with\` must be a map of inputs, not ${describeValue(withValue)}`, withValue.location);

	const base = { id, with: withArgs, env, location: item.location } as Step;
	if (envFrom) base.envFrom = envFrom;
	if (condition !== undefined) base.condition = condition;
	const allowFailure = readContinueOnError(valueOf(item, 'continue-on-error'));
	if (allowFailure) base.allowFailure = allowFailure;
	const timeout = readTimeout(valueOf(item, 'timeout-minutes'));
	if (timeout !== undefined) base.timeout = timeout;
	if (run !== undefined && uses !== undefined) {
		report.error('invalid-step', 'A step has both `run` and `uses`; GitHub accepts only one of them', item.location);
	}
	if (run !== undefined) {
		const command = run.kind === 'scalar' ? scalarText(run) ?? '' : renderText(run);
		const step: Step = { ...base, kind: 'run', keyword: 'run', command, name: name ?? `Run ${firstLine(command)}` };
		const shell = scalarText(valueOf(item, 'shell'));
		const wd = scalarText(valueOf(item, 'working-directory'));
		if (shell !== undefined) step.shell = shell;
		if (wd !== undefined) step.workingDirectory = wd;
		return step;
	}
	if (uses === undefined) {
		report.error('invalid-step', 'A step needs `run` or `uses`', item.location, 'Add `run: <command>` or `uses: <action>@<version>`.');
		return { ...base, kind: 'other', keyword: 'step', name: name ?? `Step ${id}` };
	}
	const step: Step = { ...base, kind: actionKind(uses), keyword: 'uses', uses, name: name ?? `Run ${uses}` };
	if (step.kind === 'cache-restore' || step.kind === 'cache-save') {
		const key = withArgs['key'];
		const restore = (withArgs['restore-keys'] ?? '').split('\n').map((k) => k.trim()).filter(Boolean);
		if (key !== undefined || restore.length > 0) step.keys = [...(key !== undefined ? [key] : []), ...restore];
	}
	if (['cache-restore', 'cache-save', 'artifacts', 'workspace-attach'].includes(step.kind)) {
		const path = withArgs['path'];
		if (path !== undefined) {
			const paths = path.split('\n').map((p) => p.trim()).filter(Boolean);
			if (step.kind === 'workspace-attach') step.destination = path;
			else step.paths = paths;
		}
	}
	if (uses.startsWith('./')) expandLocalAction(step, uses, jobId, ctx, valueOf(item, 'uses')!.location, withValue);
	return step;
}

const ACTIONS: [RegExp, StepKind][] = [
	[/^actions\/checkout(@|$)/i, 'checkout'],
	[/^actions\/cache\/save(@|$)/i, 'cache-save'],
	[/^actions\/cache(\/restore)?(@|$)/i, 'cache-restore'],
	[/^actions\/upload-artifact(@|$)/i, 'artifacts'],
	[/^actions\/download-artifact(@|$)/i, 'workspace-attach'],
];

function actionKind(uses: string): StepKind {
	return ACTIONS.find(([pattern]) => pattern.test(uses))?.[1] ?? 'action';
}

function firstLine(command: string): string {
	return command.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/**
 * `uses: ./path` -> `path/action.yml`: a composite action's steps become the step's children;
 * any local action's description and inputs go with the step, and the inputs it is given are
 * checked against those it declares.
 */
function expandLocalAction(step: Step, uses: string, jobId: string, ctx: Context, location: SourceLocation, withValue: YamlValue | undefined): void {
	const dir = uses.replace(/^\.\//, '').replace(/\/+$/, '');
	const rel = [`${dir}/action.yml`, `${dir}/action.yaml`].find((candidate) => ctx.files.has(candidate));
	if (rel === undefined) {
		step.origin = { type: 'composite', name: uses, expanded: false };
		ctx.report.info(
			'action-not-found',
			`Local action \`${uses}\` is not in the pipeline folder; it is shown by name, without its steps`,
			location,
			`Add ${dir}/action.yml to the pipeline folder to expand it.`,
		);
		return;
	}
	if (ctx.stack.includes(rel) || ctx.stack.length >= MAX_DEPTH) {
		ctx.report.warning('action-recursion', `Local action \`${uses}\` uses itself or nests too deeply; it is not expanded further`, location);
		step.origin = { type: 'composite', name: uses, expanded: false };
		return;
	}
	const parsed = readLocal(rel, ctx);
	const runs = valueOf(parsed.root, 'runs');
	const using = scalarText(valueOf(runs, 'using'));
	const action = actionInfo(parsed, ctx.report);
	const described = { ...(action.description ? { description: action.description } : {}), ...(action.inputs.length > 0 ? { inputs: action.inputs } : {}) };
	if (parsed.root?.kind === 'map') checkInputs(uses, action.inputs, withValue, location, ctx);
	if (using !== 'composite') {
		step.origin = { type: 'composite', name: uses, ref: `${ctx.displayPrefix}${rel}`, expanded: false, ...described };
		if (parsed.root !== undefined) {
			ctx.report.info('not-modelled', `Local action \`${uses}\` runs with \`${using ?? '?'}\`, not as a composite action: it has no steps to show`, location);
		}
		return;
	}
	step.origin = { type: 'composite', name: uses, ref: `${ctx.displayPrefix}${rel}`, expanded: true, ...described };
	const name = scalarText(valueOf(parsed.root, 'name'));
	if (name && step.name === `Run ${uses}`) step.name = name;
	step.children = buildSteps(valueOf(runs, 'steps'), jobId, { ...ctx, stack: [...ctx.stack, rel] }, `${step.id}.`);
}

/** What a local action says of itself: its description and the inputs it declares. */
interface ActionInfo {
	description?: string;
	inputs: Parameter[];
	/** What reading it found (unknown keys...), told to each reader (see `tell`). */
	diagnostics: readonly Diagnostic[];
}

/** Read once per file (its keys checked then), as the file itself is: see `readLocal`. */
const actionInfos = new WeakMap<object, ActionInfo>();

function actionInfo(parsed: ReturnType<typeof readLocal>, report: Reporter): ActionInfo {
	let info = actionInfos.get(parsed);
	if (!info) {
		const found = new Reporter();
		info = { ...readActionInfo(parsed.root, found), diagnostics: found.diagnostics };
		actionInfos.set(parsed, info);
	}
	tell(info.diagnostics, report);
	return info;
}

function readActionInfo(root: YamlValue | undefined, report: Reporter): Omit<ActionInfo, 'diagnostics'> {
	const info: Omit<ActionInfo, 'diagnostics'> = { inputs: [] };
	if (root?.kind !== 'map') return info;
	checkKeys(root, 'action', report);
	const description = scalarText(valueOf(root, 'description'))?.trim();
	if (description) info.description = description;
	const inputs = valueOf(root, 'inputs');
	if (isNull(inputs)) return info;
	if (inputs.kind !== 'map') {
		report.error('invalid-type', `An action's \`inputs\` must be a map of input names, not ${describeValue(inputs)}`, inputs.location);
		return info;
	}
	for (const entry of inputs.entries) {
		checkKeys(entry.value, 'actionInput', report);
		const input: Parameter = { name: entry.key, type: 'string', location: entry.keyLocation };
		const text = scalarText(valueOf(entry.value, 'description'))?.trim();
		const deprecated = scalarText(valueOf(entry.value, 'deprecationMessage'))?.trim();
		const said = [text, deprecated && `Deprecated: ${deprecated}`].filter(Boolean).join(' ');
		if (said) input.description = said;
		const def = entryOf(entry.value, 'default');
		if (def && !isNull(def.value)) input.default = renderText(def.value);
		const required = valueOf(entry.value, 'required');
		if (required?.kind === 'scalar' && (required.value === true || required.value === 'true')) input.required = true;
		info.inputs.push(input);
	}
	return info;
}

/**
 * The inputs a step gives a local action against those it declares. GitHub warns about an
 * input the action does not declare and passes it on unused; it does not enforce `required`
 * (the action reads an empty string). Input names are matched without case, as GitHub does.
 */
function checkInputs(uses: string, inputs: readonly Parameter[], withValue: YamlValue | undefined, location: SourceLocation, { report }: Context): void {
	const declared = new Map(inputs.map((input) => [input.name.toLowerCase(), input]));
	const given = new Set<string>();
	if (withValue?.kind === 'map') {
		for (const entry of withValue.entries) {
			given.add(entry.key.toLowerCase());
			if (declared.has(entry.key.toLowerCase())) continue;
			const intended = closestKey(entry.key, inputs.map((input) => input.name));
			report.warning(
				'unknown-input',
				`\`${entry.key}\` is not an input of \`${uses}\`: GitHub warns and the action never reads it`,
				entry.keyLocation,
				intended ? `Did you mean \`${intended}\`?` : inputs.length > 0 ? `Its inputs: ${inputs.map((input) => input.name).join(', ')}.` : 'The action declares no inputs.',
			);
		}
	}
	for (const input of inputs) {
		if (!input.required || input.default !== undefined || given.has(input.name.toLowerCase())) continue;
		report.warning(
			'missing-input',
			`\`${uses}\` requires the input \`${input.name}\`, which this step does not give: GitHub does not enforce it, and the action reads an empty string`,
			location,
			`Give it under \`with:\`.`,
		);
	}
}

/** Reads a file of the pipeline folder once; its YAML problems are reported once, at their place. */
export function readLocal(rel: string, ctx: Context): { root: YamlValue | undefined; path: string } {
	let entry = ctx.cache.get(rel);
	if (!entry) {
		const path = `${ctx.displayPrefix}${rel}`;
		const parsed = parseYaml({ path, text: ctx.files.get(rel) ?? '' });
		const doc = parsed.documents[0];
		entry = { root: doc && !doc.broken ? doc.root : undefined, path, diagnostics: parsed.diagnostics };
		ctx.cache.set(rel, entry);
	}
	tell(entry.diagnostics, ctx.report);
	return entry;
}

/**
 * Problems found once in a file that several places read, told to each reader's reporter. A
 * reporter keeps one of each; a silent one (a called workflow's expansion, reported on its
 * own) drops them, so they reach the first reader that reports: before, a file first met
 * inside such an expansion had its problems dropped for good.
 */
function tell(diagnostics: readonly Diagnostic[], report: Reporter): void {
	for (const d of diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
}

export function silent(ctx: Context): Context {
	return { ...ctx, report: new Reporter() };
}

export { renderInline };
