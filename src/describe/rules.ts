import type { Rule } from '../model';
import { describeAutoCancel, describeInterruptible } from './limits';

/**
 * GitLab's `rules` in words, for a job (`of: 'job'`) or for `workflow:rules` (`of: 'pipeline'`):
 * what each rule asks, in code, and what follows, in words. The first rule that matches
 * decides, and none matching keeps the job (or the pipeline) out. The model keeps the rules
 * (the evaluator reads them); their one-line text (`if … -> on_success`) is our own notation,
 * which no GitLab user knows.
 */
export function describeRules(rules: readonly Rule[], of: 'job' | 'pipeline'): string {
	const subject = of === 'job' ? 'Runs' : 'A pipeline runs';
	// A rule that asks nothing always matches: the rules after it are never reached.
	const first = rules.findIndex((r) => ruleAsks(r).length === 0);
	if (first >= 0) rules = rules.slice(0, first + 1);
	const catchAll = first >= 0 ? rules[first] : undefined;
	const asking = catchAll ? rules.slice(0, -1) : rules;
	if (rules.every((r) => r.when === 'never')) return of === 'job' ? 'Never runs: its rules keep it out of every pipeline.' : 'No pipeline runs: its rules keep out every one.';
	// The common shape: every rule lets it run the same way, nothing else said.
	const outcome = rules[0]!.when;
	if (rules.every((r) => r.when === outcome && plain(r))) {
		const how = sameWay(outcome, rules[0]!, of);
		if (catchAll) return `${of === 'job' ? 'Runs whenever its pipeline runs' : 'A pipeline runs for every event'}${how}.`;
		return `${subject} only when ${asking.map((r) => ruleAsks(r).join(' and ')).join(', or when ')}${how}.`;
	}
	const clauses = asking.map((r) => `when ${ruleAsks(r).join(' and ')}, ${result(r, of)}`);
	const otherwise = catchAll ? result(catchAll, of) : of === 'job' ? 'it does not run' : 'no pipeline runs';
	return `The first rule that matches decides: ${[...clauses, `otherwise, ${otherwise}`].join('; ')}.`;
}

/**
 * Whether `workflow:rules` say no more than the triggers read from them (one a rule that lets a
 * pipeline run, see src/providers/gitlab/rules.ts): no rule says never, none sets anything.
 */
export function saidByTriggers(rules: readonly Rule[]): boolean {
	return rules.every((r) => r.when !== 'never' && plain(r));
}

/**
 * What a rule asks, each part a phrase: nothing for a rule that always matches. `glossed`: with
 * what a usual condition is for (not where the event is said already, as a trigger's is).
 */
export function ruleAsks(rule: Rule, glossed = true): string[] {
	const gloss = rule.if !== undefined && glossed ? glossOf(rule.if) : undefined;
	return [
		...(rule.if !== undefined ? [`\`${rule.if}\`${gloss ? ` (${gloss})` : ''}`] : []),
		...(rule.changes?.length ? [`a changed file matches ${codes(rule.changes)}`] : []),
		...(rule.exists?.length ? [`the repository has a file matching ${codes(rule.exists)}`] : []),
	];
}

/** A rule that says nothing but whether it runs. */
function plain(rule: Rule): boolean {
	return !rule.variables?.length && rule.needs === undefined && rule.interruptible === undefined && rule.autoCancel === undefined && (rule.when !== 'delayed' || rule.startIn === undefined);
}

/** After "Runs only when …": how, when every rule runs the job the same way. */
function sameWay(when: string, rule: Rule, of: 'job' | 'pipeline'): string {
	if (of === 'pipeline') return '';
	switch (when) {
		case 'always':
			return ', even after a failure in an earlier stage';
		case 'on_failure':
			return ', and only after a failure in an earlier stage';
		case 'delayed':
			return `, after a delay${rule.startIn ? ` of ${rule.startIn}` : ''}`;
		// `manual`: the pages say it is started by hand beside this.
		default:
			return '';
	}
}

/** What follows when a rule matches. */
function result(rule: Rule, of: 'job' | 'pipeline'): string {
	const also = [
		...(rule.variables?.length ? [`setting ${rule.variables.map((v) => (v.value === undefined ? `\`${v.name}\`` : `\`${v.name}=${v.value}\``)).join(', ')}`] : []),
		...(rule.needs ? [rule.needs.length > 0 ? `after ${codes(rule.needs)} instead of its own needs` : 'without waiting for other jobs'] : []),
		// The job's and the workflow's own sentences, as clauses: "(a newer pipeline for the same branch never cancels this one)".
		...[...(rule.interruptible !== undefined ? [describeInterruptible(rule.interruptible)] : []), ...(rule.autoCancel ? describeAutoCancel(rule.autoCancel) : [])].map(clause),
	];
	const then = also.length > 0 ? ` (${also.join('; ')})` : '';
	if (of === 'pipeline') return rule.when === 'never' ? 'no pipeline runs' : `a pipeline runs${then}`;
	switch (rule.when) {
		case 'never':
			return 'it does not run';
		case 'manual':
			return `someone can start it by hand${then}`;
		case 'always':
			return `it runs, even after a failure in an earlier stage${then}`;
		case 'on_failure':
			return `it runs only after a failure in an earlier stage${then}`;
		case 'delayed':
			return `it runs after a delay${rule.startIn ? ` of ${rule.startIn}` : ''}${then}`;
		default:
			return `it runs${then}`;
	}
}

/** A sentence as a clause inside another: no capital, no full stop. */
function clause(sentence: string): string {
	return sentence.replace(/^./, (c) => c.toLowerCase()).replace(/\.$/, '');
}

function codes(items: readonly string[]): string {
	const shown = items.map((item) => `\`${item}\``);
	return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

/**
 * What the usual conditions of GitLab's rules are for, to a newcomer who does not know its
 * predefined variables: exact, well-known forms only (either quotes, `${X}` or `$X`, spaces
 * evened out); any other condition is shown as written, alone.
 */
const GLOSSES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
	[/^\$CI_COMMIT_TAG$/, 'a tag'],
	[/^\$CI_COMMIT_TAG =~ \/.+\/$/, 'a tag the pattern matches'],
	[/^\$CI_COMMIT_BRANCH =~ \/.+\/$/, 'a branch the pattern matches'],
	[/^\$CI_COMMIT_BRANCH == "([^"$]+)"$/, (m) => `the branch ${m[1]}`],
	// CI_COMMIT_BRANCH is unset in a merge request's and a tag's pipeline.
	[/^\$CI_COMMIT_BRANCH$/, 'a branch pipeline'],
	[/^\$CI_COMMIT_BRANCH == \$CI_DEFAULT_BRANCH$/, 'the default branch'],
	[/^\$CI_PIPELINE_SOURCE == "merge_request_event"$|^\$CI_MERGE_REQUEST_I?ID$/, 'a merge request'],
	[/^\$CI_PIPELINE_SOURCE == "schedule"$/, 'a schedule'],
	[/^\$CI_PIPELINE_SOURCE == "web"$/, 'a run started by hand in GitLab'],
	[/^\$CI_PIPELINE_SOURCE == "push"$/, 'a push'],
	[/^\$CI_PIPELINE_SOURCE == "api"$/, 'an API call'],
	[/^\$CI_PIPELINE_SOURCE == "trigger"$/, 'a trigger token'],
	[/^\$CI_PIPELINE_SOURCE == "parent_pipeline"$/, 'a parent pipeline'],
	[/^\$CI_COMMIT_BRANCH && \$CI_OPEN_MERGE_REQUESTS$/, 'a branch with a merge request open'],
];

/** What a condition is for, when it is one of GLOSSES' forms. */
export function glossOf(condition: string): string | undefined {
	const even = condition.trim().replace(/\s+/g, ' ').replace(/'/g, '"').replace(/\$\{(\w+)\}/g, '$$$1');
	for (const [pattern, gloss] of GLOSSES) {
		const m = pattern.exec(even);
		if (m) return typeof gloss === 'string' ? gloss : gloss(m);
	}
	return undefined;
}

/**
 * A GitLab job's own `when` without rules, as the provider keeps it in the entry's condition
 * (`always`, `on_failure`, `delayed 30 minutes`), in words; `undefined` for anything else.
 */
export function describeJobWhen(condition: string): string | undefined {
	if (condition === 'always') return 'It runs even after a failure in an earlier stage.';
	if (condition === 'on_failure') return 'It runs only after a failure in an earlier stage.';
	if (condition === 'never') return 'It never runs (`when: never`).';
	const delayed = /^delayed(?: (.+))?$/.exec(condition);
	if (delayed) return `It runs after a delay${delayed[1] ? ` of ${delayed[1]}` : ''}, once the stages before it end.`;
	return undefined;
}
