import type { Filters, Pattern, Provider, RefFilter, Trigger } from '../model';
import { describeRules, ruleAsks } from './rules';
import { workflowWord } from './workflow';

/** `master`, `/v[0-9]+.*\/`, `release/**` as the config wrote them. */
export function showPattern(p: Pattern): string {
	return p.kind === 'regex' ? `/${p.value}/` : p.value;
}

/** A glob without wildcards (GitHub's `main`) names one thing, as an exact name does. */
function isLiteral(p: Pattern): boolean {
	return p.kind === 'exact' || (p.kind === 'glob' && !/[*?[\]!+{}]/.test(p.value));
}

function list(patterns: readonly Pattern[]): string {
	const shown = patterns.map((p) => (isLiteral(p) ? `“${p.value}”` : `matching ${showPattern(p)}`));
	if (shown.length <= 1) return shown.join('');
	return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

/** A pattern that matches every name (`/.*\/`, `**`, `*`). */
export function matchesEverything(p: Pattern): boolean {
	return (p.kind === 'regex' && /^\^?\.[*+]\$?$/.test(p.value)) || (p.kind === 'glob' && (p.value === '**' || p.value === '*'));
}

type RefKind = 'branch' | 'tag';
const PLURAL: Record<RefKind, string> = { branch: 'branches', tag: 'tags' };

/**
 * A ref filter in words. `absent` says what the CI does without the filter: CircleCI runs a job
 * on every branch but on no tag unless a tag filter lets it.
 */
export function describeRefFilter(filter: RefFilter | undefined, kind: RefKind, absent: 'all' | 'none'): string {
	const only = filter?.only;
	const ignore = filter?.ignore ?? [];
	if (ignore.some(matchesEverything)) return `no ${kind}`;
	if (only && only.length === 0) return `no ${kind}`;
	if (!only) {
		if (ignore.length > 0) return `every ${kind} except ${list(ignore)}`;
		return absent === 'all' ? `every ${kind}` : `no ${kind}`;
	}
	const base = only.some(matchesEverything) ? `every ${kind}` : `${only.length === 1 ? kind : PLURAL[kind]} ${list(only)}`;
	return ignore.length > 0 ? `${base}, except ${list(ignore)}` : base;
}

/**
 * Defaults per CI for refs no filter mentions. CircleCI skips tag pushes unless a job opts in
 * with a tag filter. The others, as `whatRuns` reads them (GitHub's rule for `push`): a filter
 * of branches alone runs for no tag, one of tags alone for no branch, neither for both.
 */
export function refDefaults(provider: Provider, filters?: Filters): { branches: 'all' | 'none'; tags: 'all' | 'none' } {
	if (provider === 'circleci') return { branches: 'all', tags: 'none' };
	return { branches: filters?.tags && !filters.branches ? 'none' : 'all', tags: filters?.branches && !filters.tags ? 'none' : 'all' };
}


/**
 * One sentence on which pushes a job (`of: 'entry'`) or a trigger runs for. Outside CircleCI a
 * job with no branch or tag filter of its own runs whenever its workflow does, which the
 * workflow's triggers say: "every branch and every tag" there would contradict them.
 */
export function describeFilters(filters: Filters | undefined, provider: Provider, of: 'entry' | 'trigger' = 'entry'): string {
	// GitLab's rules decide alone (a job has them or `only`/`except`, never both); a trigger
	// read from `workflow:rules` is one rule, said by what it asks.
	if (filters?.rules?.length) {
		if (of === 'entry') return describeRules(filters.rules, 'job');
		const asked = filters.rules.flatMap((rule) => ruleAsks(rule, false));
		return asked.length > 0 ? `When ${asked.join(' and ')}.` : '';
	}
	const defaults = refDefaults(provider, filters);
	const parts: string[] = [];
	const branches = describeRefFilter(filters?.branches, 'branch', defaults.branches);
	const tags = describeRefFilter(filters?.tags, 'tag', defaults.tags);
	// Bitbucket chooses the pipeline by branch or tag: the triggers of its `triggers:` block have
	// no ref filters of their own either.
	if ((of === 'entry' || provider === 'bitbucket') && provider !== 'circleci' && !filters?.branches && !filters?.tags) {
		const only = conditions(filters);
		return only.length > 0 ? `Runs ${only.join(', ')}.` : `Runs whenever its ${workflowWord(provider)} runs.`;
	}
	// What it never runs for comes last: "for branch main, unless …; not for tags".
	let never = '';
	if (branches === 'no branch' && tags === 'no tag') parts.push('Never runs on a push');
	else if (tags === 'no tag') {
		parts.push(`Runs for ${branches}`);
		never = '; not for tags';
	} else if (branches === 'no branch') {
		parts.push(`Runs for ${tags} only`);
		never = '; not for branch pushes';
	} else parts.push(`Runs for ${branches} and ${tags}`);
	return `${[...parts, ...conditions(filters)].join(', ')}${never}.`;
}

/**
 * A pull request trigger's filters in words: its branch filter names the branch a pull request
 * targets (Bitbucket's `pull-requests` patterns, the branch it comes from, are read as pushes).
 */
function describePullRequest(filters: Filters): string {
	const into = describeRefFilter(filters.branches, 'branch', 'all').replace(/^every branch/, 'any branch');
	return `${[`Runs for pull requests into ${into}`, ...conditions(filters)].join(', ')}.`;
}

/** What else a filter asks beside the ref: the files changed, an expression. */
function conditions(filters: Filters | undefined): string[] {
	return [...(filters?.paths ? [describePaths(filters.paths)] : []), ...(filters?.expression ? [`when \`${filters.expression}\``] : [])];
}

/**
 * A path filter in words. The CI runs when at least one changed file passes it: one that
 * matches a listed path and no ignored one (GitHub's `paths`/`paths-ignore`, GitLab's `changes`).
 */
function describePaths(filter: RefFilter): string {
	const patterns = (list: readonly Pattern[]) => list.map((p) => showPattern(p)).join(', ');
	const only = filter.only?.filter((p) => !matchesEverything(p));
	const ignore = filter.ignore ?? [];
	if (ignore.some(matchesEverything) || filter.only?.length === 0) return 'but never: its path filter excludes every file';
	if (only?.length && ignore.length) return `when a changed file matches ${patterns(only)} and not ${patterns(ignore)}`;
	if (only?.length) return `when a changed file matches ${patterns(only)}`;
	if (ignore.length) return `unless every changed file matches ${patterns(ignore)}`;
	return 'whichever files changed';
}

const EVENT_WORDS: Record<Trigger['event'], string> = {
	push: 'a push',
	pull_request: 'a pull request',
	tag: 'a tag',
	schedule: 'a schedule',
	manual: 'a manual start',
	api: 'an API call',
	workflow_call: 'a call from another workflow',
	pipeline: 'another pipeline',
	other: 'another event',
};

export function describeTrigger(trigger: Trigger, provider: Provider): string {
	const what =
		trigger.event === 'schedule' && trigger.cron
			? `on the schedule \`${trigger.cron}\``
			: trigger.afterWorkflows?.length
				? `after a run of ${trigger.afterWorkflows.map((w) => `“${w}”`).join(' or ')}`
				: trigger.event === 'pull_request' && provider === 'gitlab'
					? 'on a merge request'
					: `on ${EVENT_WORDS[trigger.event]}`;
	const named = trigger.name && trigger.name !== trigger.event ? [trigger.name] : [];
	const types = trigger.types ? [`types: ${trigger.types.join(', ')}`] : [];
	const name = named.length + types.length > 0 ? ` (${[...named, ...types].join('; ')})` : '';
	// Lower-cased at its first letter only: branch names and conditions keep their case.
	const sentence = !trigger.filters
		? undefined
		: trigger.event === 'pull_request' && provider !== 'bitbucket' && !trigger.filters.rules
			? describePullRequest(trigger.filters)
			: describeFilters(trigger.filters, provider, 'trigger');
	const narrowed = sentence ? ` — ${sentence.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}` : '';
	return `Starts ${what}${name}${narrowed}.`;
}

/**
 * Whether a provider's conditions are words, not an expression to show as code: Heroku has no
 * condition language, and its provider says when a build happens in a sentence.
 */
export function conditionInWords(provider: Provider): boolean {
	return provider === 'heroku';
}
