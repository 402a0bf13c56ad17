/**
 * Workflows: which jobs run, in what order (`requires`), on which branches and tags
 * (`filters`), under which contexts, how matrices fan out, and what starts the workflow.
 */
import type { JobGroup, Requirement, SourceLocation, Trigger, Workflow, WorkflowEntry } from '../../model';
import { describeValue, entryOf, isNull, renderText, scalarText, valueOf, type YamlEntry, type YamlMap, type YamlValue } from '../yaml';
import { renderCondition, renderUnless } from './conditions';
import type { Context } from './context';
import { readFilters } from './filters';
import { checkKeys, ENTRY_KEYS, notModelled } from './keys';
import { closestKey } from '../spelling';
import { defaultInstanceName, expandMatrix, valueText, type MatrixInstance } from './matrix';
import { bindArguments, readParameterDecls, substitute } from './parameters';
import type { Definition } from './scope';
import { GROUP_INVOCATION_KEYS, type JobGroupDefinition } from './job-groups';
import { buildSteps } from './steps';

/** The job a workflow entry runs, as the job catalog knows it. */
export interface FoundJob {
	/** Id in the pipeline's jobs. */
	id: string;
	/** Its definition, when known (not for orb jobs without source): to check arguments. */
	def?: Definition;
	/** The definition says `type: approval`: the entry is a gate, not a job that runs. */
	approval: boolean;
}

export interface JobLookup {
	/** Finds the job a workflow names, registering orb jobs on first use. */
	find(name: string, location: SourceLocation): FoundJob | undefined;
	/** Names of the jobs the config defines, for suggestions. */
	names(): string[];
}

/** Statuses a `requires` entry may wait for (`terminal` means any of the others). */
const REQUIRE_STATUSES = new Set(['success', 'failed', 'canceled', 'not_run', 'terminal']);

interface PendingRequirement {
	name: string;
	status: string[];
	location: SourceLocation;
}

interface PendingEntry {
	entry: WorkflowEntry;
	requires: PendingRequirement[];
	/** The job name as the workflow wrote it (matrix instances can be required by it). */
	jobName: string;
	/** Its id as the list that names it wrote it: a job group's jobs require each other by it. */
	localId: string;
}

/** A job group a workflow runs, with what it waits for (its first jobs wait for that). */
interface PendingGroup {
	group: JobGroup;
	requires: PendingRequirement[];
}

/** What reading one workflow's list gathers besides its entries. */
interface ListState {
	groups: PendingGroup[];
	/** How many times the list runs each group definition: run twice, its jobs' ids are prefixed. */
	runs: ReadonlyMap<string, number>;
}

export function buildWorkflows(workflows: YamlValue, ctx: Context, jobs: JobLookup): Workflow[] {
	const { report } = ctx;
	if (workflows.kind !== 'map') {
		report.error('invalid-type', '`workflows` must be a map of workflow names to workflows', workflows.location);
		return [];
	}
	const result: Workflow[] = [];
	for (const entry of workflows.entries) {
		// `version` was required by 2.0 workflows and is ignored since; accept it silently.
		if (entry.key === 'version') continue;
		if (entry.value.kind !== 'map') {
			report.error('invalid-type', `Workflow \`${entry.key}\` must be a map with \`jobs\``, entry.value.location);
			continue;
		}
		const workflow = report.guard(entry.keyLocation, `workflow \`${entry.key}\``, () => buildWorkflow(entry, ctx, jobs));
		if (workflow) result.push(workflow);
	}
	return result;
}

function buildWorkflow(definition: YamlEntry, ctx: Context, jobs: JobLookup): Workflow {
	const { report } = ctx;
	const body = definition.value as YamlMap;
	checkKeys(body, 'workflow', report);
	const workflow: Workflow = { id: definition.key, name: definition.key, triggers: [], entries: [], location: definition.keyLocation };

	const when = valueOf(body, 'when');
	const unless = valueOf(body, 'unless');
	if (when && unless) report.error('invalid-value', `Workflow \`${definition.key}\` has both \`when\` and \`unless\`; CircleCI accepts only one`, unless.location);
	const conditions = [when && renderCondition(when), unless && renderUnless(unless)].filter((c): c is string => Boolean(c));
	if (conditions.length > 0) workflow.condition = conditions.join(' and ');

	workflow.triggers = readTriggers(valueOf(body, 'triggers'), definition.keyLocation, ctx);
	const rerun = readAutoReruns(valueOf(body, 'max_auto_reruns'), ctx);
	if (rerun) workflow.rerun = rerun;

	const list = valueOf(body, 'jobs');
	if (list?.kind !== 'seq' || list.items.length === 0) {
		report.error('missing-key', `Workflow \`${definition.key}\` has no \`jobs\` list`, list?.location ?? definition.keyLocation, 'List the jobs to run under `jobs:`.');
		return workflow;
	}
	const state: ListState = { groups: [], runs: groupRuns(list.items, ctx) };
	const pending = list.items.flatMap((item) => report.guard(item.location, 'a workflow job', () => readItem(item, ctx, jobs, state)) ?? []);
	dedupeIds(pending, state.groups, definition.key, ctx);
	resolveRequires(pending, state.groups, definition.key, ctx, jobs);
	workflow.entries = pending.map((p) => p.entry);
	if (state.groups.length > 0) workflow.jobGroups = state.groups.map(({ group }) => ({ ...group, entries: pending.filter((p) => p.entry.jobGroup === group.id).map((p) => p.entry.id) }));
	findCycles(workflow, ctx);
	return workflow;
}

/** CircleCI reruns a failed workflow from its failed jobs at most this many times. */
const MAX_AUTO_RERUNS = 5;

/** A workflow's `max_auto_reruns`: 1 to 5 automatic "rerun from failed". */
function readAutoReruns(value: YamlValue | undefined, { report }: Context): Workflow['rerun'] {
	if (isNull(value)) return undefined;
	const max = value.kind === 'scalar' ? value.value : undefined;
	if (typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= MAX_AUTO_RERUNS) return { max };
	// Set by a pipeline parameter, which CircleCI fills in before it checks the value.
	if (typeof max === 'string' && max.includes('<<')) return { max };
	report.error(
		'invalid-value',
		`\`max_auto_reruns\` must be a whole number from 1 to ${MAX_AUTO_RERUNS}, not ${value.kind === 'scalar' ? String(value.value) : describeValue(value)}`,
		value.location,
		`CircleCI reruns a failed workflow at most ${MAX_AUTO_RERUNS} times; leave the key out for no automatic rerun.`,
	);
	return undefined;
}

/**
 * Workflows run on every push unless they have schedule triggers. A tag push reaches only
 * the jobs whose `filters.tags` allow that tag (CircleCI skips jobs for tags by default), so
 * the push trigger stands for branch and tag pushes alike; the entries' filters decide.
 */
function readTriggers(value: YamlValue | undefined, workflowLocation: SourceLocation, ctx: Context): Trigger[] {
	const { report } = ctx;
	const triggers: Trigger[] = [];
	if (value !== undefined && value.kind !== 'seq') {
		report.error('invalid-type', '`triggers` must be a list of `- schedule:` entries', value.location);
	}
	for (const item of value?.kind === 'seq' ? value.items : []) {
		checkKeys(item, 'trigger', report);
		const schedule = valueOf(item, 'schedule');
		if (schedule?.kind !== 'map') {
			report.error('invalid-type', 'A trigger must be `schedule:` with `cron` and `filters`', item.location);
			continue;
		}
		checkKeys(schedule, 'schedule', report);
		const trigger: Trigger = { event: 'schedule', name: 'schedule', location: schedule.location };
		const cron = scalarText(valueOf(schedule, 'cron'));
		if (cron === undefined) report.error('missing-key', 'A schedule needs `cron`', schedule.location);
		else trigger.cron = cron;
		const filters = entryOf(schedule, 'filters');
		if (filters === undefined) report.warning('missing-key', 'A schedule has no `filters` naming the branches it runs on', schedule.location);
		else {
			const read = readFilters(filters.value, report, 'scheduleFilters', filters.keyLocation);
			if (read) trigger.filters = read;
		}
		triggers.push(trigger);
	}
	if (!triggers.some((trigger) => trigger.event === 'schedule')) triggers.push({ event: 'push', location: workflowLocation });
	return triggers;
}

// --- Entries ----------------------------------------------------------------------------

/** One item of a workflow's `jobs:`: a job group runs all of its jobs, anything else is a job. */
function readItem(item: YamlValue, ctx: Context, jobs: JobLookup, state: ListState): PendingEntry[] {
	const head = readEntryHead(item, ctx);
	if (!head) return [];
	const group = ctx.jobGroups.get(head.name);
	if (group) return readGroupRun(group, head.config, item.location, ctx, jobs, state);
	return readEntries(head, item.location, ctx, jobs);
}

/** How many times the list names each job group (a group's settings do not change which). */
function groupRuns(items: readonly YamlValue[], ctx: Context): Map<string, number> {
	const runs = new Map<string, number>();
	for (const item of items) {
		const name = item.kind === 'scalar' ? scalarText(item) : item.kind === 'map' ? item.entries[0]?.key : undefined;
		if (name !== undefined && ctx.jobGroups.has(name)) runs.set(name, (runs.get(name) ?? 0) + 1);
	}
	return runs;
}

/**
 * A workflow running a job group: each job of the group becomes an entry of the workflow, its
 * `requires` read among the group's jobs. A group run twice in one workflow (under two
 * `name:`s) prefixes its jobs' ids with the run's name, so both stay apart.
 */
function readGroupRun(definition: JobGroupDefinition, config: YamlMap | undefined, location: SourceLocation, ctx: Context, jobs: JobLookup, state: ListState): PendingEntry[] {
	const { report } = ctx;
	definition.used = true;
	for (const entry of config?.entries ?? []) {
		if (GROUP_INVOCATION_KEYS.has(entry.key)) continue;
		report.error(
			'invalid-key',
			`\`${entry.key}\` cannot be set where a workflow runs job group \`${definition.name}\``,
			entry.keyLocation,
			entry.key in ENTRY_KEYS
				? `CircleCI takes only \`requires\`, \`serial-group\` and \`name\` there: set \`${entry.key}\` on the group's jobs under \`job-groups\`.`
				: `CircleCI takes only \`requires\`, \`serial-group\` and \`name\` there; a job group has no parameters.`,
		);
	}
	const id = scalarText(valueOf(config, 'name')) ?? definition.name;
	const group: JobGroup = { id, definition: definition.name, entries: [], location };
	const serialGroup = valueOf(config, 'serial-group');
	if (!isNull(serialGroup)) {
		const name = scalarText(serialGroup);
		if (name) group.concurrency = { group: name };
		else report.error('invalid-type', `\`serial-group\` must be a name, not ${describeValue(serialGroup)}`, serialGroup.location);
	}
	state.groups.push({ group, requires: readRequires(valueOf(config, 'requires'), ctx) });
	const prefix = (state.runs.get(definition.name) ?? 0) > 1 ? `${id}/` : '';
	return definition.jobs.flatMap((item) =>
		report.guard(item.location, `a job of job group \`${definition.name}\``, () => {
			const head = readEntryHead(item, ctx);
			if (!head) return [];
			if (ctx.jobGroups.has(head.name)) {
				report.error('nested-job-group', `Job group \`${definition.name}\` runs job group \`${head.name}\`; CircleCI does not nest groups`, item.location, `List \`${head.name}\` in the workflow beside \`${definition.name}\`, with \`requires\` to order them.`);
				return [];
			}
			return readEntries(head, item.location, ctx, jobs, { id, prefix });
		}) ?? [],
	);
}

/** A job of a workflow (or of a job group it runs): a matrix yields several entries. */
function readEntries({ name, config }: { name: string; config: YamlMap | undefined }, location: SourceLocation, ctx: Context, jobs: JobLookup, group?: { id: string; prefix: string }): PendingEntry[] {
	for (const entry of config?.entries ?? []) {
		if (ENTRY_KEYS[entry.key] === 'not-modelled') notModelled(ctx.report, entry.key, entry.keyLocation);
	}
	const job = findEntryJob(name, config, location, ctx, jobs);
	const matrixValue = valueOf(config, 'matrix');
	const matrix = matrixValue ? expandMatrix(matrixValue, name, ctx.report) : undefined;
	if (!matrix) return [buildEntry(name, config, job, location, ctx, undefined, group)];
	return matrix.instances.map((instance) => {
		const values = new Map(instance.values.map((entry) => [entry.key, entry.value]));
		const settings = config
			? (substitute(config, 'matrix', values, (parameter, at) => {
					ctx.report.error('undeclared-parameter', `\`<< matrix.${parameter} >>\` is not a parameter of this matrix`, at);
				}) as YamlMap)
			: undefined;
		return buildEntry(name, settings, job, location, ctx, { instance, alias: matrix.alias }, group);
	});
}

function readEntryHead(item: YamlValue, ctx: Context): { name: string; config: YamlMap | undefined } | undefined {
	const { report } = ctx;
	if (item.kind === 'scalar' && item.value !== null) return { name: String(item.value), config: undefined };
	if (item.kind !== 'map' || item.entries.length === 0) {
		report.error('invalid-type', `A workflow job must be a job name or a map, not ${describeValue(item)}`, item.location);
		return undefined;
	}
	const [first, ...rest] = item.entries as [YamlEntry, ...YamlEntry[]];
	let config = first.value.kind === 'map' ? first.value : undefined;
	if (!config && !isNull(first.value)) {
		report.error('invalid-type', `The settings of workflow job \`${first.key}\` must be a map, not ${describeValue(first.value)}`, first.value.location);
	}
	if (rest.length > 0) {
		report.error('invalid-type', `A workflow job is a map with one key (the job name); \`${first.key}\` has ${item.entries.length}`, rest[0]!.keyLocation, `Indent its settings under \`${first.key}:\` by two more spaces.`);
		// Under-indented settings are the usual cause: read them as the job's.
		config ??= { kind: 'map', entries: rest, location: rest[0]!.keyLocation };
	}
	return { name: first.key, config };
}

interface EntryJob {
	found: FoundJob | undefined;
	approval: boolean;
}

/** The job an entry runs; `type: approval` makes it a gate that runs nothing. */
function findEntryJob(name: string, config: YamlMap | undefined, location: SourceLocation, ctx: Context, jobs: JobLookup): EntryJob {
	const typeValue = valueOf(config, 'type');
	const type = scalarText(typeValue);
	if (type !== undefined && type !== 'approval') {
		ctx.report.error('invalid-value', `A workflow can set only \`type: approval\` on a job, not \`type: ${type}\``, typeValue!.location, `Set \`type: ${type}\` in the job's definition under \`jobs:\`.`);
	}
	const found = type === 'approval' ? undefined : jobs.find(name, location);
	const approval = type === 'approval' || found?.approval === true;
	if (!approval && !found) {
		const intended = closestKey(name, [...jobs.names(), ...ctx.jobGroups.keys()]);
		ctx.report.error(
			'unknown-job',
			`Workflow job \`${name}\` is not defined`,
			location,
			intended ? `Did you mean \`${intended}\`?` : name.includes('/') ? 'Import the orb that provides it under `orbs:`.' : 'Define it under `jobs:`, or add `type: approval` for a manual approval gate.',
		);
	}
	return { found, approval };
}

function buildEntry(
	name: string,
	settings: YamlMap | undefined,
	job: EntryJob,
	location: SourceLocation,
	ctx: Context,
	matrix?: { instance: MatrixInstance; alias: string },
	group?: { id: string; prefix: string },
): PendingEntry {
	const localId = scalarText(valueOf(settings, 'name')) ?? (matrix ? defaultInstanceName(name, matrix.instance) : name);
	const entry: WorkflowEntry = { id: (group?.prefix ?? '') + localId, requires: [], approval: job.approval, contexts: readContexts(valueOf(settings, 'context'), ctx), parameters: {}, location };
	if (group) entry.jobGroup = group.id;
	if (job.found && !job.approval) entry.jobId = job.found.id;
	const filters = entryOf(settings, 'filters');
	if (filters) {
		const read = readFilters(filters.value, ctx.report, 'filters', filters.keyLocation);
		if (read) entry.filters = read;
	}
	// Every key that does not configure the entry is an argument of the job; matrix values too.
	const args = [...(settings?.entries ?? []).filter((e) => !(e.key in ENTRY_KEYS)), ...(matrix?.instance.values ?? [])];
	entry.parameters = Object.fromEntries(args.map((arg) => [arg.key, renderText(arg.value)]));
	if (matrix) {
		entry.matrix = Object.fromEntries(matrix.instance.values.map((v) => [v.key, valueText(v.value)]));
		entry.matrixGroup = matrix.alias;
	}
	// Ids apart from the job's own steps (`pre-1`, `post-2.1`): the page lists them beside them.
	const pre = valueOf(settings, 'pre-steps');
	if (!isNull(pre) && !job.approval) entry.preSteps = buildSteps(pre, { ctx, scope: ctx.root, stack: [] }, 'pre-');
	const post = valueOf(settings, 'post-steps');
	if (!isNull(post) && !job.approval) entry.postSteps = buildSteps(post, { ctx, scope: ctx.root, stack: [] }, 'post-');
	const serialGroup = entryOf(settings, 'serial-group');
	if (serialGroup && group) {
		ctx.report.error('invalid-key', `A job of a job group cannot have its own \`serial-group\``, serialGroup.keyLocation, `Set \`serial-group\` where the workflow runs the group: its jobs then run one group at a time, together.`);
	} else if (serialGroup && !isNull(serialGroup.value)) {
		const name = scalarText(serialGroup.value);
		if (name) entry.concurrency = { group: name };
		else ctx.report.error('invalid-type', `\`serial-group\` must be a name, not ${describeValue(serialGroup.value)}`, serialGroup.value.location);
	}
	if (job.found?.def && !job.approval) checkArguments(job.found.def, name, args, location, ctx);
	return { entry, requires: readRequires(valueOf(settings, 'requires'), ctx), jobName: name, localId };
}

function checkArguments(def: Definition, name: string, args: YamlEntry[], location: SourceLocation, ctx: Context): void {
	const decls = readParameterDecls(valueOf(def.body, 'parameters'), ctx.report);
	const given: YamlMap = { kind: 'map', entries: args, location };
	bindArguments(decls, given, ctx.report, { target: `job \`${name}\``, location, requireAll: true });
}

function readContexts(value: YamlValue | undefined, ctx: Context): string[] {
	if (isNull(value)) return [];
	const items = value.kind === 'seq' ? value.items : [value];
	return items.flatMap((item) => {
		const text = scalarText(item);
		if (text === undefined) {
			ctx.report.error('invalid-type', '`context` must be a context name or a list of names', item.location);
			return [];
		}
		return [text];
	});
}

/** `requires: [a, {b: failed}, {c: [success, canceled]}]`. */
function readRequires(value: YamlValue | undefined, ctx: Context): PendingRequirement[] {
	const { report } = ctx;
	if (isNull(value)) return [];
	if (value.kind !== 'seq') {
		report.error('invalid-type', '`requires` must be a list of job names', value.location, 'Write each required job on its own `- name` line.');
	}
	const items = value.kind === 'seq' ? value.items : [value];
	const requires: PendingRequirement[] = [];
	for (const item of items) {
		if (item.kind === 'scalar' && item.value !== null) {
			requires.push({ name: String(item.value), status: ['success'], location: item.location });
			continue;
		}
		if (item.kind === 'map' && item.entries.length === 1) {
			const { key, value: statusValue, keyLocation } = item.entries[0]!;
			const listed = statusValue.kind === 'seq' ? statusValue.items : isNull(statusValue) ? [] : [statusValue];
			const status = listed.map((s) => scalarText(s) ?? '').filter((s) => {
				if (REQUIRE_STATUSES.has(s)) return true;
				report.error('invalid-value', `\`${s}\` is not a job status \`requires\` can wait for`, statusValue.location, `Use ${[...REQUIRE_STATUSES].join(', ')}.`);
				return false;
			});
			requires.push({ name: key, status: status.length > 0 ? status : ['success'], location: keyLocation });
			continue;
		}
		report.error('invalid-type', 'Each `requires` item must be a job name or `name: [statuses]`', item.location);
	}
	return requires;
}

// --- Cross-entry checks -----------------------------------------------------------------

function dedupeIds(pending: PendingEntry[], groups: readonly PendingGroup[], workflow: string, ctx: Context): void {
	const seen = new Set<string>();
	const unique = (item: { id: string; location: SourceLocation }, what: string) => {
		if (!seen.has(item.id)) {
			seen.add(item.id);
			return;
		}
		ctx.report.error('duplicate-job-name', `Workflow \`${workflow}\` runs two ${what} named \`${item.id}\``, item.location, 'Give one of them a distinct `name:`.');
		let n = 2;
		while (seen.has(`${item.id} (${n})`)) n++;
		item.id = `${item.id} (${n})`;
		seen.add(item.id);
	};
	// Groups first: a job that takes a group's name is the one renamed, and `requires` keep meaning the group.
	for (const { group } of groups) unique(group, 'job groups or jobs');
	for (const { entry } of pending) unique(entry, 'jobs');
}

/** Names a list's `requires` may use, and the entries each stands for. */
class RequireScope {
	private readonly ids = new Map<string, string[]>();
	private readonly matrices = new Map<string, string[]>();

	add(pending: PendingEntry): void {
		// The first of two jobs given one name keeps it (the second was renamed, see dedupeIds).
		for (const name of [pending.entry.id, pending.localId]) if (!this.ids.has(name)) this.ids.set(name, [pending.entry.id]);
		const { entry, jobName } = pending;
		if (!entry.matrixGroup) return;
		for (const name of new Set([entry.matrixGroup, jobName])) this.matrices.set(name, [...(this.matrices.get(name) ?? []), entry.id]);
	}

	addGroup(id: string, entries: string[]): void {
		this.ids.set(id, entries);
	}

	/** A name is an entry's id first, then a matrix's alias or job name (all its instances). */
	targets(name: string): string[] | undefined {
		return this.ids.get(name) ?? this.matrices.get(name);
	}

	names(): string[] {
		return [...this.ids.keys()];
	}
}

/**
 * Turns required names into entry ids. A name may be an entry's id, a matrix's alias or job
 * name (all its instances), or a job group's (all the jobs of the group that no other job of
 * it waits for: those finish last). A job of a group waits only for jobs of its group; the
 * group's own `requires` hold back its jobs that wait for none of them.
 */
function resolveRequires(pending: PendingEntry[], groups: readonly PendingGroup[], workflow: string, ctx: Context, jobs: JobLookup): void {
	const outside = new RequireScope();
	const inside = new Map<string, RequireScope>(groups.map(({ group }) => [group.id, new RequireScope()]));
	for (const p of pending) (p.entry.jobGroup === undefined ? outside : inside.get(p.entry.jobGroup)!).add(p);
	const groupOf = new Map(pending.filter((p) => p.entry.jobGroup !== undefined).flatMap((p) => [[p.localId, p.entry.jobGroup!], [p.entry.id, p.entry.jobGroup!]] as const));

	const resolve = (id: string, requires: readonly PendingRequirement[], scope: RequireScope, groupId: string | undefined): Requirement[] => {
		const resolved: Requirement[] = [];
		for (const requirement of requires) {
			const targets = scope.targets(requirement.name);
			if (!targets) {
				const names = { workflow, scope, outside, groupOf, jobs };
				ctx.report.error('unknown-requirement', unknownRequirement(id, requirement.name, groupId, names), requirement.location, unknownRequirementHint(requirement.name, groupId, names));
				continue;
			}
			for (const target of targets) {
				if (target === id) ctx.report.error('invalid-value', `\`${id}\` requires itself`, requirement.location);
				else if (!resolved.some((r) => r.entry === target)) resolved.push({ entry: target, status: requirement.status });
			}
		}
		return resolved;
	};

	// Inside each group first: which of its jobs come first and which last depends on them.
	for (const p of pending) if (p.entry.jobGroup !== undefined) p.entry.requires = resolve(p.entry.id, p.requires, inside.get(p.entry.jobGroup)!, p.entry.jobGroup);
	for (const { group } of groups) {
		const members = pending.filter((p) => p.entry.jobGroup === group.id).map((p) => p.entry);
		const waitedFor = new Set(members.flatMap((e) => e.requires.map((r) => r.entry)));
		outside.addGroup(group.id, members.filter((e) => !waitedFor.has(e.id)).map((e) => e.id));
	}
	for (const { group, requires } of groups) {
		for (const itself of requires.filter((r) => r.name === group.id)) ctx.report.error('invalid-value', `Job group \`${group.id}\` requires itself`, itself.location);
		const before = resolve(group.id, requires.filter((r) => r.name !== group.id), outside, undefined);
		for (const p of pending) if (p.entry.jobGroup === group.id && p.entry.requires.length === 0) p.entry.requires = before;
	}
	for (const p of pending) if (p.entry.jobGroup === undefined) p.entry.requires = resolve(p.entry.id, p.requires, outside, undefined);
}

/** Where a required name was looked for, to say why it was not found. */
interface RequireNames {
	workflow: string;
	/** The names of the list it was looked up in (the group's, or the workflow's). */
	scope: RequireScope;
	outside: RequireScope;
	/** The group each group job belongs to, by its id and its name in the group. */
	groupOf: ReadonlyMap<string, string>;
	jobs: JobLookup;
}

function unknownRequirement(id: string, name: string, groupId: string | undefined, { workflow, groupOf }: RequireNames): string {
	if (groupId !== undefined) return `\`${id}\` requires \`${name}\`, which is not a job of its job group \`${groupId}\``;
	const group = groupOf.get(name);
	if (group !== undefined) return `\`${id}\` requires \`${name}\`, a job of job group \`${group}\`: only the whole group can be required`;
	return `\`${id}\` requires \`${name}\`, which is not a job of workflow \`${workflow}\``;
}

function unknownRequirementHint(name: string, groupId: string | undefined, { scope, outside, groupOf, jobs }: RequireNames): string | undefined {
	if (groupId !== undefined && outside.targets(name)) return `A job of a group waits only for jobs of the same group: put \`requires: [${name}]\` where the workflow runs \`${groupId}\`.`;
	const group = groupOf.get(name);
	if (groupId === undefined && group !== undefined) return `Require \`${group}\`: the jobs after it wait for all of its jobs.`;
	if (groupId === undefined && jobs.names().includes(name)) return `\`${name}\` is defined but not listed in this workflow: add it to its \`jobs\`.`;
	const intended = closestKey(name, scope.names());
	return intended ? `Did you mean \`${intended}\`?` : undefined;
}

/** CircleCI rejects a workflow whose `requires` go round in a circle. */
function findCycles(workflow: Workflow, ctx: Context): void {
	const byId = new Map(workflow.entries.map((entry) => [entry.id, entry]));
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string, path: string[]): void => {
		if (state.get(id) === 'done') return;
		if (state.get(id) === 'visiting') {
			const cycle = [...path.slice(path.indexOf(id)), id];
			ctx.report.error('requires-cycle', `Workflow \`${workflow.name}\` has a cycle in \`requires\`: ${cycle.map((c) => `\`${c}\``).join(' -> ')}`, byId.get(id)!.location);
			return;
		}
		state.set(id, 'visiting');
		for (const requirement of byId.get(id)?.requires ?? []) visit(requirement.entry, [...path, id]);
		state.set(id, 'done');
	};
	for (const entry of workflow.entries) visit(entry.id, []);
}

/**
 * A config without `workflows` runs its `build` job on every push, in a workflow CircleCI
 * calls `workflow`. Version 2.0 jobs could narrow that with a job-level `branches` filter.
 */
export function implicitWorkflow(build: FoundJob | undefined, buildLocation: SourceLocation | undefined, branches: YamlValue | undefined, fileStart: SourceLocation, ctx: Context): Workflow | undefined {
	if (!build || !buildLocation) {
		ctx.report.error('missing-workflows', 'The config has no `workflows` and no `build` job, so CircleCI has nothing to run', fileStart, 'Add a `workflows:` section listing the jobs to run.');
		return undefined;
	}
	ctx.report.info('implicit-workflow', 'The config has no `workflows`: CircleCI runs the `build` job on every push', buildLocation);
	const entry: WorkflowEntry = { id: build.id, jobId: build.id, requires: [], approval: false, contexts: [], parameters: {}, location: buildLocation };
	if (branches) {
		const filters = readFilters({ kind: 'map', entries: [{ key: 'branches', keyLocation: branches.location, value: branches }], location: branches.location }, ctx.report);
		if (filters) entry.filters = filters;
	}
	return { id: 'workflow', name: 'workflow', triggers: [{ event: 'push', location: buildLocation }], entries: [entry], location: buildLocation };
}
