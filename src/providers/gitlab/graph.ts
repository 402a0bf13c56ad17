/**
 * The pipeline graph: stages in order, one workflow entry per job (or per `parallel:matrix`
 * instance), `needs` as explicit edges and stage order as the implicit ones GitLab applies to
 * jobs without `needs`: such a job waits for every job of the previous non-empty stage.
 */
import type { Requirement, SourceLocation, WorkflowEntry } from '../../model';
import { describeValue, entryOf, isNull, renderInline, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import { flattenList, unknownName } from './merge';
import type { Reporter } from '../report';
import { onlyExceptFilters, readRules, readWhen, rulesFilters, type Rule } from './rules';

export const DEFAULT_STAGES = ['build', 'test', 'deploy'];
const MAX_MATRIX_INSTANCES = 200;

export interface GraphJob {
	id: string;
	body: YamlMap;
	location: SourceLocation;
	stage: string;
	stageLocation: SourceLocation;
}

export interface Instance {
	id: string;
	values: Record<string, string>;
}

/**
 * `parallel: matrix:` instances, named as GitLab names them: `job: [value1, value2]`, values
 * in the order the variables are written.
 */
export function matrixInstances(job: GraphJob, report: Reporter): Instance[] | undefined {
	const matrix = valueOf(valueOf(job.body, 'parallel'), 'matrix');
	if (isNull(matrix)) return undefined;
	if (matrix.kind !== 'seq') {
		report.error('invalid-type', `\`parallel:matrix\` must be a list of variable maps, not ${describeValue(matrix)}`, matrix.location);
		return undefined;
	}
	return expandMatrix(job.id, matrix, report);
}

function expandMatrix(jobId: string, matrix: YamlValue, report: Reporter): Instance[] {
	const instances: Instance[] = [];
	for (const item of flattenList(matrix)) {
		if (item.kind !== 'map') {
			report.error('invalid-type', `Each \`parallel:matrix\` item must be a map of variables to values, not ${describeValue(item)}`, item.location);
			continue;
		}
		let combos: Record<string, string>[] = [{}];
		for (const entry of item.entries) {
			const values = flattenList(entry.value).map((v) => renderInline(v));
			combos = combos.flatMap((combo) => values.map((v) => ({ ...combo, [entry.key]: v })));
		}
		for (const values of combos) {
			if (instances.length >= MAX_MATRIX_INSTANCES) {
				report.warning('matrix-limit', `\`${jobId}\` expands to more than ${MAX_MATRIX_INSTANCES} matrix instances; GitLab rejects it and the rest are left out`, matrix.location);
				return instances;
			}
			instances.push({ id: `${jobId}: [${Object.values(values).join(', ')}]`, values });
		}
	}
	return instances;
}

export function readStages(value: YamlValue | undefined, report: Reporter): string[] {
	let stages = DEFAULT_STAGES;
	if (!isNull(value)) {
		if (value.kind !== 'seq') report.error('invalid-type', `\`stages\` must be a list of stage names, not ${describeValue(value)}`, value.location);
		else stages = flattenList(value).map((s) => renderInline(s));
	}
	return ['.pre', ...stages.filter((s) => s !== '.pre' && s !== '.post'), '.post'];
}

interface EntryContext {
	report: Reporter;
	unresolved: boolean;
	/** Entry ids of each job (several for a matrix). */
	entriesOf: Map<string, Instance[] | undefined>;
}

export function buildEntries(jobs: GraphJob[], stages: string[], ctx: EntryContext): WorkflowEntry[] {
	const { report } = ctx;
	const order = [...stages];
	for (const job of jobs) {
		if (!order.includes(job.stage)) {
			// GitLab rejects the config ("chosen stage does not exist"), but the job is still
			// placed, after the listed stages, so the pages can show it: a warning, not an error.
			const message = `\`${job.id}\` uses stage \`${job.stage}\`, which \`stages\` does not list`;
			if (ctx.unresolved) report.info('unknown-stage', `${message} (it may come from an include Pipeline Atlas could not read)`, job.stageLocation);
			else report.warning('unknown-stage', `${message}: GitLab rejects the config; the job is shown after the listed stages`, job.stageLocation, `Add \`${job.stage}\` to \`stages\`.`);
			order.splice(order.length - 1, 0, job.stage);
		}
	}
	const sorted = [...jobs].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
	const idsOf = (jobId: string): string[] => ctx.entriesOf.get(jobId)?.map((i) => i.id) ?? [jobId];
	const known = new Set(jobs.map((j) => j.id));
	const entries: WorkflowEntry[] = [];
	let previousStage: string[] = [];
	let currentStage: string[] = [];
	let stage: string | undefined;
	for (const job of sorted) {
		if (job.stage !== stage) {
			if (currentStage.length) previousStage = currentStage;
			currentStage = [];
			stage = job.stage;
		}
		// A rule's `needs` replaces the job's own when the rule matches: the rule says so in words
		// (rules.ts); its names are checked here, as the job's own are.
		for (const rule of flattenList(valueOf(job.body, 'rules'))) {
			const ruleNeeds = rule.kind === 'map' ? valueOf(rule, 'needs') : undefined;
			if (ruleNeeds) readNeeds(job, ruleNeeds, known, ctx);
		}
		const needsEntry = entryOf(job.body, 'needs');
		const requires: Requirement[] = needsEntry
			? readNeeds(job, needsEntry.value, known, ctx).flatMap((need) => need.map((entry) => ({ entry, status: ['success'] })))
			: previousStage.map((entry) => ({ entry, status: ['success'] }));
		const base = entryBase(job, requires, report);
		const instances = ctx.entriesOf.get(job.id);
		if (instances) {
			for (const instance of instances) entries.push({ ...base, id: instance.id, matrix: instance.values, matrixGroup: job.id });
		} else {
			entries.push(base);
		}
		currentStage.push(...idsOf(job.id));
	}
	return entries;

	function readNeeds(job: GraphJob, value: YamlValue, knownJobs: Set<string>, c: EntryContext): string[][] {
		if (isNull(value)) return [];
		if (value.kind === 'map') {
			c.report.error('invalid-type', '`needs` must be a list of jobs', value.location);
			return [];
		}
		const result: string[][] = [];
		for (const item of flattenList(value)) {
			let name: string | undefined;
			let optional = false;
			let matrix: YamlValue | undefined;
			if (item.kind === 'map') {
				checkKeys(item, 'need', c.report);
				if (entryOf(item, 'pipeline') || entryOf(item, 'project')) {
					const project = scalarText(valueOf(item, 'project'));
					const from = project ? `project \`${project}\`${scalarText(valueOf(item, 'ref')) ? ` (ref ${scalarText(valueOf(item, 'ref'))})` : ''}` : `pipeline \`${renderInline(valueOf(item, 'pipeline')!)}\``;
					c.report.info(
						'cross-pipeline-need',
						`\`${job.id}\` needs job \`${scalarText(valueOf(item, 'job')) ?? '?'}\` of ${from}: artifacts from another pipeline are not an edge of this graph`,
						item.location,
					);
					continue;
				}
				name = scalarText(valueOf(item, 'job'));
				optional = valueOf(item, 'optional')?.kind === 'scalar' && (valueOf(item, 'optional') as { value: unknown }).value === true;
				matrix = valueOf(valueOf(item, 'parallel'), 'matrix');
			} else {
				name = scalarText(item);
			}
			if (name === undefined) {
				c.report.error('invalid-type', `A \`needs\` item must be a job name or a map with \`job\`, not ${describeValue(item)}`, item.location);
				continue;
			}
			if (!knownJobs.has(name)) {
				if (!optional) unknownName(c.report, c.unresolved, 'unknown-need', `\`${job.id}\` needs \`${name}\`, which the pipeline does not define`, item.location);
				continue;
			}
			if (matrix !== undefined && !isNull(matrix)) {
				const wanted = new Set(expandMatrix(name, matrix, c.report).map((i) => i.id));
				const matching = idsOf(name).filter((id) => wanted.has(id));
				if (matching.length === 0) c.report.warning('unknown-need', `\`${job.id}\` needs a matrix instance of \`${name}\` that its matrix does not produce`, matrix.location);
				result.push(matching);
			} else {
				result.push(idsOf(name));
			}
		}
		return result;
	}
}

/** The entry of a job without its id-specific parts: filters, condition, manual gate. */
function entryBase(job: GraphJob, requires: Requirement[], report: Reporter): WorkflowEntry {
	const entry: WorkflowEntry = { id: job.id, jobId: job.id, requires, approval: false, contexts: [], parameters: {}, location: job.location };
	const rulesEntry = entryOf(job.body, 'rules');
	const jobWhen = readWhen(valueOf(job.body, 'when'), report) ?? 'on_success';
	const startIn = scalarText(valueOf(job.body, 'start_in'));
	let whens: string[] = [jobWhen];
	// With rules, the rules say when it runs and how (see src/describe/rules.ts): no condition beside them.
	let ruled = false;
	if (rulesEntry) {
		const rules: Rule[] = readRules(rulesEntry.value, report, jobWhen);
		if (rules.length) {
			entry.filters = rulesFilters(rules, rulesEntry.keyLocation);
			whens = rules.filter((r) => r.when !== 'never').map((r) => r.when);
			ruled = true;
		}
	} else {
		const filters = onlyExceptFilters(valueOf(job.body, 'only'), valueOf(job.body, 'except'), (entryOf(job.body, 'only') ?? entryOf(job.body, 'except'))?.keyLocation ?? job.location, report);
		if (filters) entry.filters = filters;
	}
	// A manual job waits for a person to start it in the GitLab UI: the same gate as an approval
	// job elsewhere, so it is marked `approval`. With rules it is a gate only when every rule
	// that lets the job run makes it manual.
	if (whens.length > 0 && whens.every((w) => w === 'manual')) entry.approval = true;
	const conditions = [...new Set(whens.filter((w) => w !== 'on_success' && w !== 'manual'))].map((w) => (w === 'delayed' && startIn ? `delayed ${startIn}` : w));
	if (whens.includes('manual') && !entry.approval) conditions.push('manual under some rules');
	if (conditions.length && !ruled) entry.condition = conditions.join(', ');
	if (whens.length > 0 && whens.every((w) => w === 'always')) for (const r of requires) r.status = ['success', 'failed', 'canceled'];
	if (whens.length > 0 && whens.every((w) => w === 'on_failure')) for (const r of requires) r.status = ['failed'];
	return entry;
}
