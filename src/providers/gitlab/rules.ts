/**
 * `rules`, `only`/`except` and `workflow:rules`. Expressions (`$CI_COMMIT_BRANCH == "main"`)
 * are kept as written; what can be decided from them (branch and tag names, changed paths, the
 * pipeline source) is also read into filters and trigger events.
 */
import type { AutoCancel, Filters, Pattern, RefFilter, Rule as ModelRule, SourceLocation, Trigger, TriggerEvent } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { referencesOnly } from '../env-value';
import { describeValue, isNull, renderInline, scalarText, valueOf, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import { readAutoCancel, readInterruptible } from './limits';
import { flattenList } from './merge';
import type { Reporter } from '../report';

export interface Rule {
	if?: string;
	changes: string[];
	exists: string[];
	when: string;
	startIn?: string;
	/** Variables the rule sets when it matches (`variables: {DEPLOY: "true"}`). */
	variables: [name: string, value: string][];
	/** A job rule's `interruptible`, over the job's own when the rule matches. */
	interruptible?: boolean;
	/** A `workflow:rules` rule's `auto_cancel`, over the workflow's when the rule matches. */
	autoCancel?: AutoCancel;
	/**
	 * A job rule's `needs`, the jobs named, which replace the job's own `needs` when the rule
	 * matches. Said with the rule; the diagram draws the job's own (see graph.ts, which checks
	 * the names).
	 */
	needs?: string[];
	location: SourceLocation;
}

export const WHEN_VALUES = ['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never'];

export function readRules(value: YamlValue | undefined, report: Reporter, defaultWhen = 'on_success', keys: 'rule' | 'workflowRule' = 'rule'): Rule[] {
	if (isNull(value)) return [];
	if (value.kind !== 'seq') {
		report.error('invalid-type', `\`rules\` must be a list of rules, not ${describeValue(value)}`, value.location);
		return [];
	}
	const rules: Rule[] = [];
	for (const item of flattenList(value)) {
		if (item.kind !== 'map') {
			if (!isNull(item)) report.error('invalid-type', `A rule must be a map (\`if:\`, \`changes:\`, \`when:\`...), not ${describeValue(item)}`, item.location);
			continue;
		}
		checkKeys(item, keys, report);
		let when = readWhen(valueOf(item, 'when'), report) ?? defaultWhen;
		// Whether a pipeline is created: yes or no, nothing in between.
		if (keys === 'workflowRule' && when !== 'always' && when !== 'never') {
			report.error('invalid-value', `A \`workflow:rules\` rule takes \`when: always\` or \`when: never\`, not \`${when}\``, valueOf(item, 'when')?.location ?? item.location, 'GitLab rejects the config: use `when: always` (or leave `when` out) for a rule that creates the pipeline.');
			when = 'always';
		}
		const rule: Rule = {
			changes: pathList(valueOf(item, 'changes')),
			exists: pathList(valueOf(item, 'exists')),
			when,
			variables: ruleVariables(valueOf(item, 'variables'), report),
			location: item.location,
		};
		const condition = scalarText(valueOf(item, 'if'));
		if (condition !== undefined) rule.if = condition;
		// What else a rule sets when it matches: the pipeline's for a `workflow:rules` rule, the job's otherwise.
		if (keys === 'workflowRule') {
			const autoCancel = readAutoCancel(valueOf(item, 'auto_cancel'), report);
			if (autoCancel) rule.autoCancel = autoCancel;
		} else {
			const startIn = scalarText(valueOf(item, 'start_in'));
			if (startIn !== undefined) rule.startIn = startIn;
			const interruptible = readInterruptible(valueOf(item, 'interruptible'), report);
			if (interruptible !== undefined) rule.interruptible = interruptible;
			const needs = valueOf(item, 'needs');
			if (needs?.kind === 'seq') rule.needs = flattenList(needs).map((need) => (need.kind === 'map' ? scalarText(valueOf(need, 'job')) ?? renderInline(need) : renderInline(need)));
		}
		rules.push(rule);
	}
	return rules;
}

function ruleVariables(value: YamlValue | undefined, report: Reporter): [string, string][] {
	if (isNull(value)) return [];
	if (value.kind !== 'map') {
		report.error('invalid-type', `A rule's \`variables\` must be a map of names to values, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.entries.map((entry) => {
		const text = renderInline(entry.value);
		// As a job's own variables are (see variables.ts): a literal secret is warned of, a reference is not.
		if (isSecretName(entry.key) && text !== '' && !referencesOnly(text, 'shell')) {
			report.warning(
				'secret-in-config',
				`\`${entry.key}\` looks like a secret and a rule sets it in the config; its value is hidden from the pages`,
				entry.keyLocation,
				'Store secrets as masked CI/CD variables in the project settings, not in .gitlab-ci.yml.',
			);
		}
		return [entry.key, text];
	});
}

/** `changes`/`exists`: a list of globs, or `{paths: [...], compare_to}`. */
function pathList(value: YamlValue | undefined): string[] {
	if (isNull(value)) return [];
	const list = value.kind === 'map' ? valueOf(value, 'paths') : value;
	return flattenList(list).map((item) => renderInline(item));
}

export function readWhen(value: YamlValue | undefined, report: Reporter): string | undefined {
	if (isNull(value)) return undefined;
	const text = scalarText(value);
	if (text === undefined || !WHEN_VALUES.includes(text)) {
		report.error('invalid-value', `\`when\` must be one of ${WHEN_VALUES.map((w) => `\`${w}\``).join(', ')}, not ${describeValue(value)}`, value.location);
		return undefined;
	}
	return text;
}

/** One rule as a line of text: `if $X == "main" and changes [src/**] -> manual`. */
export function renderRule(rule: Rule): string {
	const parts: string[] = [];
	if (rule.if !== undefined) parts.push(`if ${rule.if}`);
	if (rule.changes.length) parts.push(`changes [${rule.changes.join(', ')}]`);
	if (rule.exists.length) parts.push(`exists [${rule.exists.join(', ')}]`);
	const when = rule.when === 'delayed' && rule.startIn ? `delayed ${rule.startIn}` : rule.when;
	const also = [
		...(rule.variables.length ? [`sets ${rule.variables.map(([name, value]) => (isSecretName(name) ? name : `${name}=${value}`)).join(', ')}`] : []),
		...(rule.interruptible !== undefined ? [`interruptible: ${rule.interruptible}`] : []),
		...(rule.autoCancel?.onNewCommit ? [`auto-cancel on a new commit: ${rule.autoCancel.onNewCommit}`] : []),
		...(rule.autoCancel?.onJobFailure ? [`auto-cancel on a job failure: ${rule.autoCancel.onJobFailure}`] : []),
		...(rule.needs ? [`needs ${rule.needs.length > 0 ? rule.needs.join(', ') : 'no job'} instead of the job's own`] : []),
	];
	return `${parts.length ? parts.join(' and ') : 'otherwise'} -> ${when}${also.length ? ` (${also.join('; ')})` : ''}`;
}

/** Rules in order (the first that matches decides), one line. */
export function renderRules(rules: Rule[]): string {
	return rules.map(renderRule).join('; ');
}

/** A rule as the model keeps it, for the evaluator and the pages' words. */
export function modelRule(rule: Rule): ModelRule {
	return {
		...(rule.if !== undefined ? { if: rule.if } : {}),
		...(rule.changes.length ? { changes: rule.changes } : {}),
		...(rule.exists.length ? { exists: rule.exists } : {}),
		when: rule.when,
		...(rule.when === 'delayed' && rule.startIn !== undefined ? { startIn: rule.startIn } : {}),
		// A value a secret-looking name is given in the config stays out of the model, as an
		// environment variable's does (see variables.ts).
		...(rule.variables.length ? { variables: rule.variables.map(([name, value]) => (isSecretName(name) ? { name } : { name, value })) } : {}),
		...(rule.needs ? { needs: rule.needs } : {}),
		...(rule.interruptible !== undefined ? { interruptible: rule.interruptible } : {}),
		...(rule.autoCancel ? { autoCancel: rule.autoCancel } : {}),
	};
}

export function rulesFilters(rules: Rule[], location: SourceLocation): Filters {
	const filters: Filters = {
		expression: `rules: ${renderRules(rules)}`,
		rules: rules.map(modelRule),
		location,
	};
	const changes = [...new Set(rules.filter((r) => r.when !== 'never').flatMap((r) => r.changes))];
	if (changes.length && rules.filter((r) => r.when !== 'never').every((r) => r.changes.length > 0)) {
		filters.paths = { only: changes.map((glob) => ({ kind: 'glob', value: glob })) };
	}
	return filters;
}

// --- only / except ----------------------------------------------------------------------

/** Ref keywords of `only`/`except` naming pipeline sources rather than refs. */
const SOURCE_KEYWORDS = new Set(['api', 'chat', 'external', 'external_pull_requests', 'merge_requests', 'pipelines', 'pushes', 'schedules', 'triggers', 'web']);
const ALL: Pattern = { kind: 'regex', value: '.*' };

interface RefSpec {
	branches: boolean;
	tags: boolean;
	names: Pattern[];
	sources: string[];
	variables: string[];
	changes: string[];
}

function readOnlyExcept(value: YamlValue, what: string, report: Reporter): RefSpec {
	const spec: RefSpec = { branches: false, tags: false, names: [], sources: [], variables: [], changes: [] };
	let refs: YamlValue | undefined = value;
	if (value.kind === 'map') {
		checkKeys(value, 'onlyExcept', report);
		refs = valueOf(value, 'refs');
		spec.variables = flattenList(valueOf(value, 'variables')).map((v) => renderInline(v));
		spec.changes = pathList(valueOf(value, 'changes'));
	}
	for (const item of flattenList(refs)) {
		const text = scalarText(item);
		if (text === undefined) {
			report.error('invalid-type', `Each ref of \`${what}\` must be a name, a keyword or a /regex/, not ${describeValue(item)}`, item.location);
			continue;
		}
		// `main@group/project`: the ref in that project only (a fork's pipelines leave it out); the
		// documented project is taken to be that one.
		const ref = /^(\/.*\/[a-z]*|[^@]*)(?:@[\w.\/-]+)?$/s.exec(text)?.[1] ?? text;
		if (ref === 'branches') spec.branches = true;
		else if (ref === 'tags') spec.tags = true;
		else if (SOURCE_KEYWORDS.has(ref)) spec.sources.push(ref);
		else {
			const regex = /^\/(.*)\/[a-z]*$/s.exec(ref);
			spec.names.push(regex ? { kind: 'regex', value: regex[1]! } : { kind: 'exact', value: ref });
		}
	}
	return spec;
}

function renderRefs(value: YamlValue): string {
	if (value.kind === 'map') return renderInline(value);
	return flattenList(value)
		.map((v) => renderInline(v))
		.join(', ');
}

/**
 * `only`/`except` as filters. Names and /regexes/ match branches and tags alike, so they go
 * to both; `branches`/`tags` keywords open that kind entirely; `changes` are path filters;
 * pipeline-source keywords and `variables` are kept as they are (`sources`, `variables`).
 */
export function onlyExceptFilters(only: YamlValue | undefined, except: YamlValue | undefined, location: SourceLocation, report: Reporter): Filters | undefined {
	if (isNull(only) && isNull(except)) return undefined;
	const filters: Filters = { location };
	const text: string[] = [];
	// With pipeline sources or variables, the text is kept beside them: the page shows it, and the
	// variables it reads are listed as read by the job's conditions.
	let spelled = false;
	const keep = (side: 'only' | 'except', spec: RefSpec) => {
		if (spec.sources.length) filters.sources = { ...filters.sources, [side]: spec.sources };
		if (spec.variables.length) filters.variables = { ...filters.variables, [side]: spec.variables };
		spelled ||= spec.sources.length > 0 || spec.variables.length > 0;
	};
	if (!isNull(only)) {
		const spec = readOnlyExcept(only, 'only', report);
		keep('only', spec);
		text.push(`only: ${renderRefs(only)}`);
		const refsGiven = spec.branches || spec.tags || spec.names.length > 0;
		if (refsGiven) {
			const branchOnly = spec.branches ? undefined : spec.names;
			const tagOnly = spec.tags ? undefined : spec.names;
			// `branches`/`tags` open that kind whole: every name, said so (an empty filter is no filter).
			filters.branches = { only: branchOnly ?? [ALL] };
			filters.tags = { only: tagOnly ?? [ALL] };
		}
		if (spec.changes.length) filters.paths = { only: spec.changes.map((glob) => ({ kind: 'glob', value: glob })) };
	}
	if (!isNull(except)) {
		const spec = readOnlyExcept(except, 'except', report);
		keep('except', spec);
		text.push(`except: ${renderRefs(except)}`);
		// Without refs of `only`, GitLab's own `only: [branches, tags]` is what `except` takes from.
		if (!filters.branches && !filters.tags && (spec.branches || spec.tags || spec.names.length > 0)) {
			filters.branches = { only: [ALL] };
			filters.tags = { only: [ALL] };
		}
		const ignore = (filter: RefFilter | undefined, all: boolean): RefFilter => ({ ...filter, ignore: all ? [ALL] : spec.names });
		if (spec.branches || spec.names.length) filters.branches = ignore(filters.branches, spec.branches);
		if (spec.tags || spec.names.length) filters.tags = ignore(filters.tags, spec.tags);
		if (spec.changes.length) filters.paths = { ...filters.paths, ignore: spec.changes.map((glob) => ({ kind: 'glob', value: glob })) };
	}
	if (spelled) filters.expression = text.join('; ');
	return filters;
}

// --- workflow ---------------------------------------------------------------------------

const SOURCE_EVENTS: Record<string, TriggerEvent> = {
	push: 'push',
	merge_request_event: 'pull_request',
	external_pull_request_event: 'pull_request',
	schedule: 'schedule',
	web: 'manual',
	api: 'api',
	trigger: 'api',
	pipeline: 'pipeline',
	parent_pipeline: 'pipeline',
	chat: 'other',
	webide: 'other',
	security_orchestration_policy: 'other',
	ondemand_dast_scan: 'other',
	ondemand_dast_validation: 'other',
};

/** The event a rule's expression selects, when it names one. */
export function eventOf(expression: string | undefined): { event: TriggerEvent; name?: string } {
	if (expression === undefined) return { event: 'push' };
	const source = /\$\{?CI_PIPELINE_SOURCE\}?\s*==\s*["']([\w-]+)["']/.exec(expression)?.[1];
	if (source) return { event: SOURCE_EVENTS[source] ?? 'other', name: source };
	if (/\$\{?CI_MERGE_REQUEST_(IID|ID|SOURCE_BRANCH_NAME|TARGET_BRANCH_NAME)\b/.test(expression) && !/!=|!~/.test(expression)) return { event: 'pull_request', name: 'merge_request_event' };
	if (/^\s*\$\{?CI_COMMIT_TAG\}?\s*($|==|=~)/.test(expression)) return { event: 'tag' };
	return { event: 'push' };
}

/** `workflow:rules` as triggers: one per rule that can start a pipeline. */
export function workflowTriggers(rules: Rule[]): Trigger[] {
	const triggers: Trigger[] = [];
	for (const rule of rules) {
		if (rule.when === 'never') continue;
		const { event, name } = eventOf(rule.if);
		const filters: Filters = { expression: renderRule(rule), rules: [modelRule(rule)], location: rule.location };
		if (rule.changes.length) filters.paths = { only: rule.changes.map((glob) => ({ kind: 'glob', value: glob })) };
		const trigger: Trigger = { event, filters, location: rule.location };
		if (name) trigger.name = name;
		triggers.push(trigger);
	}
	return triggers;
}
