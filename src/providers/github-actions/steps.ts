/**
 * Job steps: `run` scripts and `uses` actions, recognised by what they do (checkout, caches,
 * artifacts), local composite actions expanded into their steps when their `action.yml` is in
 * the pipeline folder. Ids are position paths (`3`, `3.2`).
 */
import type { EnvVar, SourceLocation, Step, StepKind } from '../../model';
import { Reporter } from '../report';
import { describeValue, isNull, parseYaml, renderInline, renderText, scalarText, valueOf, type YamlValue } from '../yaml';
import { MAX_DEPTH, type Context } from './context';
import { readEnv } from './env';
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
	const env: EnvVar[] = readEnv(valueOf(item, 'env'), 'step', report, `step ${id}`);
	const withValue = valueOf(item, 'with');
	const withArgs: Record<string, string> = {};
	if (withValue?.kind === 'map') for (const entry of withValue.entries) withArgs[entry.key] = renderText(entry.value);
	else if (!isNull(withValue)) report.error('invalid-type', `\`with\` must be a map of inputs, not ${describeValue(withValue)}`, withValue.location);

	const base = { id, with: withArgs, env, location: item.location } as Step;
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
	if (uses.startsWith('./')) expandLocalAction(step, uses, jobId, ctx, valueOf(item, 'uses')!.location);
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

/** `uses: ./path` -> `path/action.yml`: a composite action's steps become the step's children. */
function expandLocalAction(step: Step, uses: string, jobId: string, ctx: Context, location: SourceLocation): void {
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
	if (using !== 'composite') {
		step.origin = { type: 'composite', name: uses, ref: `${ctx.displayPrefix}${rel}`, expanded: false };
		if (parsed.root !== undefined) {
			ctx.report.info('not-modelled', `Local action \`${uses}\` runs with \`${using ?? '?'}\`, not as a composite action: it has no steps to show`, location);
		}
		return;
	}
	step.origin = { type: 'composite', name: uses, ref: `${ctx.displayPrefix}${rel}`, expanded: true };
	const name = scalarText(valueOf(parsed.root, 'name'));
	if (name && step.name === `Run ${uses}`) step.name = name;
	step.children = buildSteps(valueOf(runs, 'steps'), jobId, { ...ctx, stack: [...ctx.stack, rel] }, `${step.id}.`);
}

/** Reads a file of the pipeline folder once; its YAML problems are reported once, at their place. */
export function readLocal(rel: string, ctx: Context): { root: YamlValue | undefined; path: string } {
	const cached = ctx.cache.get(rel);
	if (cached) return cached;
	const path = `${ctx.displayPrefix}${rel}`;
	const parsed = parseYaml({ path, text: ctx.files.get(rel) ?? '' });
	for (const d of parsed.diagnostics) ctx.report.add(d.severity, d.code, d.message, d.location, d.hint);
	const doc = parsed.documents[0];
	const entry = { root: doc && !doc.broken ? doc.root : undefined, path, diagnostics: parsed.diagnostics.length };
	ctx.cache.set(rel, entry);
	return entry;
}

export function silent(ctx: Context): Context {
	return { ...ctx, report: new Reporter() };
}

export { renderInline };
