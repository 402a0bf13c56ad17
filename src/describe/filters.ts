import type { Filters, Pattern, Provider, RefFilter, Trigger } from '../model';

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

/** Defaults per CI for refs no filter mentions. */
export function refDefaults(provider: Provider): { branches: 'all' | 'none'; tags: 'all' | 'none' } {
	// CircleCI skips tag pushes unless a job opts in with a tag filter; the others run on any ref
	// their trigger names.
	return provider === 'circleci' ? { branches: 'all', tags: 'none' } : { branches: 'all', tags: 'all' };
}

/** One sentence on which pushes a job (or trigger) runs for. */
export function describeFilters(filters: Filters | undefined, provider: Provider): string {
	const defaults = refDefaults(provider);
	const parts: string[] = [];
	const branches = describeRefFilter(filters?.branches, 'branch', defaults.branches);
	const tags = describeRefFilter(filters?.tags, 'tag', defaults.tags);
	// Bitbucket chooses the pipeline by branch or tag: its steps, and the triggers of its
	// `triggers:` block, have no ref filters of their own.
	if (provider === 'bitbucket' && !filters?.branches && !filters?.tags) {
		const only = [...(filters?.paths ? [describePaths(filters.paths)] : []), ...(filters?.expression ? [`when \`${filters.expression}\``] : [])];
		return only.length > 0 ? `Runs ${only.join(', ')}.` : 'Runs whenever its pipeline runs.';
	}
	if (branches === 'no branch' && tags === 'no tag') parts.push('Never runs on a push');
	else if (tags === 'no tag') parts.push(`Runs for ${branches}; not for tags`);
	else if (branches === 'no branch') parts.push(`Runs for ${tags} only; not for branch pushes`);
	else parts.push(`Runs for ${branches} and ${tags}`);
	if (filters?.paths) parts.push(describePaths(filters.paths));
	if (filters?.expression) parts.push(`when \`${filters.expression}\``);
	return `${parts.join(', ')}.`;
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
				: `on ${EVENT_WORDS[trigger.event]}`;
	const named = trigger.name && trigger.name !== trigger.event ? [trigger.name] : [];
	const types = trigger.types ? [`types: ${trigger.types.join(', ')}`] : [];
	const name = named.length + types.length > 0 ? ` (${[...named, ...types].join('; ')})` : '';
	// Lower-cased at its first letter only: branch names and conditions keep their case.
	const narrowed = trigger.filters ? ` — ${describeFilters(trigger.filters, provider).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}` : '';
	return `Starts ${what}${name}${narrowed}.`;
}
