/**
 * Jobs: the config's own and the orb jobs its workflows use. A job page shows the job as
 * defined, so parameters take their defaults and those without one stay visible as
 * `<< parameters.x >>`; what each workflow passes is on its workflow entry.
 */
import type { SourceLocation, StepOrigin } from '../../model';
import type { ProviderJob } from '../types';
import { entryOf, isNull, scalarText, valueOf, type YamlMap } from '../yaml';
import type { Context } from './context';
import { readEnvironment } from './environment';
import { resolveJobExecutor } from './executors';
import { checkKeys, notModelled } from './keys';
import { bindArguments, readParameterDecls, substitute, toParameter } from './parameters';
import type { Definition } from './scope';
import { buildSteps } from './steps';

/** Job types that only mark a place in a workflow: they have no executor and no steps. */
const MARKER_TYPES = new Set(['approval', 'no-op']);
const JOB_TYPES = new Set(['build', 'release', 'lock', 'unlock', ...MARKER_TYPES]);

/** The type a job definition declares (`build` when absent). */
export function jobType(def: Definition): string {
	return scalarText(valueOf(def.body, 'type')) ?? 'build';
}

export function buildJob(id: string, def: Definition, ctx: Context, origin?: StepOrigin): ProviderJob {
	const { report } = ctx;
	const label = `Job \`${id}\``;
	if (def.body.kind !== 'map') {
		report.error('invalid-type', `${label} must be a map (with an executor and \`steps\`)`, def.body.location);
		return placeholderJob(id, def.location, origin);
	}
	// A 2.0 job-level `branches` filter only means something for the implicit workflow.
	checkKeys(def.body, 'job', report, ctx.implicitWorkflow && id === 'build' ? new Set(['branches']) : undefined);
	const type = jobType(def);
	if (!JOB_TYPES.has(type)) {
		report.error('invalid-value', `${label} has type \`${type}\`, which CircleCI does not know`, valueOf(def.body, 'type')!.location, `Use one of ${[...JOB_TYPES].join(', ')}.`);
	} else if (type === 'lock' || type === 'unlock') {
		// What serial groups run underneath, which CircleCI does not document for configs.
		notModelled(report, `type: ${type}`, valueOf(def.body, 'type')!.location, 'lock and unlock jobs are shown as jobs without steps');
	}
	const runs = type === 'build';
	const stepsValue = entryOf(def.body, 'steps');
	if (!runs && JOB_TYPES.has(type) && stepsValue && !isNull(stepsValue.value) && !(stepsValue.value.kind === 'seq' && stepsValue.value.items.length === 0)) {
		report.warning('ignored-steps', `${label} is a \`${type}\` job: CircleCI runs steps only in \`build\` jobs, and ignores these`, stepsValue.keyLocation, 'Move the steps to a build job, or remove them.');
	}

	const decls = readParameterDecls(valueOf(def.body, 'parameters'), report);
	if (decls.length > 0 && ctx.version !== '2.1') report.error('version-feature', `Job parameters (${label}) need \`version: 2.1\``, valueOf(def.body, 'parameters')!.location);
	const defaults = bindArguments(decls, undefined, report, { target: label, location: def.location, requireAll: false });
	const declared = new Set(decls.map((decl) => decl.name));
	const body = substitute(def.body, 'parameters', defaults, (parameter, at) => {
		if (!declared.has(parameter)) report.error('undeclared-parameter', `\`<< parameters.${parameter} >>\` is not a parameter of ${label.toLowerCase()}`, at);
	}) as YamlMap;

	const { executor, services, env } = resolveJobExecutor(body, def.scope, ctx, label, runs);
	const job: ProviderJob = {
		id,
		name: id,
		executor,
		services,
		env: [...env, ...readEnvironment(valueOf(body, 'environment'), 'job', report)],
		parameters: decls.map(toParameter),
		steps: [],
		location: def.location,
	};
	if (type === 'release') {
		const plan = valueOf(body, 'plan_name');
		const name = scalarText(plan);
		if (name) job.releasePlan = name;
		else report.error('missing-key', `${label} is a release job without a \`plan_name\``, plan?.location ?? def.location, 'Name the release plan it follows: the name an earlier job gives `circleci run release plan`.');
	}
	const description = scalarText(valueOf(body, 'description'));
	if (description !== undefined) job.description = description;
	if (origin) job.origin = origin;
	const parallelism = valueOf(body, 'parallelism');
	// Safe integers only: the model's whole numbers stop at 2^53, and a job runs at least once.
	if (parallelism?.kind === 'scalar' && Number.isSafeInteger(Number(parallelism.value)) && Number(parallelism.value) >= 1 && parallelism.value !== null && parallelism.value !== '') {
		job.parallelism = Number(parallelism.value);
	} else if (parallelism !== undefined && !String(scalarText(parallelism) ?? '').includes('<<')) {
		report.error('invalid-type', `${label}: \`parallelism\` must be a whole number of 1 or more`, parallelism.location);
	}

	const steps = valueOf(body, 'steps');
	if (runs && (isNull(steps) || (steps.kind === 'seq' && steps.items.length === 0))) {
		report.error('missing-steps', `${label} has no steps`, def.location, 'CircleCI requires at least one step (for example `- checkout`).');
	}
	// A type CircleCI does not know (an error above) keeps its steps: the reader sees what was meant.
	if (runs || !JOB_TYPES.has(type)) job.steps = buildSteps(steps, { ctx, scope: def.scope, stack: [] });
	return job;
}

/** An orb job whose source is not available: known by name and reference only. */
export function unexpandedOrbJob(id: string, ref: string | undefined, location: SourceLocation): ProviderJob {
	const origin: StepOrigin = { type: 'orb', name: id, expanded: false };
	if (ref !== undefined) origin.ref = ref;
	return placeholderJob(id, location, origin);
}

/** A job known by name only (its definition is unavailable or could not be read). */
export function placeholderJob(id: string, location: SourceLocation, origin?: StepOrigin): ProviderJob {
	const job: ProviderJob = { id, name: id, executor: { kind: 'unknown', images: [] }, steps: [], location };
	if (origin) job.origin = origin;
	return job;
}
