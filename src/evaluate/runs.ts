import type { Filters, Pipeline, Workflow, WorkflowEntry } from '../model';
import { evaluateGitHubCondition, type GitHubValues } from './github-expression';
import { evaluateExpression, type Variables } from './gitlab-expression';
import { allows } from './patterns';

/** What happened in the repository. A pull request is evaluated as a push of its branch where the CI does so. */
export type CiEvent =
	| { kind: 'branch'; name: string }
	| { kind: 'tag'; name: string }
	| { kind: 'pull_request'; branch: string }
	| { kind: 'schedule'; branch: string }
	/** Someone starts the pipeline by hand for a branch: GitHub's `workflow_dispatch`, GitLab's Run pipeline (`web`), a Bitbucket custom pipeline. */
	| { kind: 'manual'; branch: string };

export type Verdict = 'runs' | 'skipped' | 'depends';

export interface EntryVerdict {
	id: string;
	jobId?: string | undefined;
	verdict: Verdict;
	/** Why, in a few words (shown on the page). */
	reason: string;
	/** It waits for someone to start it by hand (the jobs after it say so in their own words). */
	byHand?: boolean;
}

export interface WorkflowVerdict {
	workflow: string;
	verdict: Verdict;
	entries: EntryVerdict[];
}

/** The slice of a pipeline the evaluation reads: small enough to ship to the browser. */
export type EvaluablePipeline = Pick<Pipeline, 'provider' | 'defaultBranch'> & {
	workflows: Pick<Workflow, 'id' | 'name' | 'triggers' | 'condition' | 'rules' | 'entries'>[];
};

/** Running entries of a workflow that depend on one thing (`depends`), or surely run (no `depends`). */
export interface RunningGroup {
	depends?: string;
	entries: EntryVerdict[];
}

/**
 * A workflow's running entries, those that depend on the same thing together, in order of first
 * appearance: a workflow's own rules make every job of it depend on them, and said after each
 * job they filled a line with the same sentence twenty times. The page's table and its answer
 * for a typed branch both list them so.
 */
export function runningGroups(entries: readonly EntryVerdict[]): RunningGroup[] {
	const groups = new Map<string, RunningGroup>();
	for (const entry of entries) {
		if (entry.verdict === 'skipped') continue;
		const key = entry.verdict === 'depends' ? `?${entry.reason}` : '';
		let group = groups.get(key);
		if (!group) groups.set(key, (group = entry.verdict === 'depends' ? { depends: entry.reason, entries: [] } : { entries: [] }));
		group.entries.push(entry);
	}
	return [...groups.values()];
}

/**
 * Why an event runs nothing, when one reason says it for every job: GitLab's `workflow:rules`
 * creating no pipeline ("no pipeline: no rule of workflow:rules matches").
 */
export function whyNothing(result: readonly WorkflowVerdict[]): string | undefined {
	const reasons = new Set(result.flatMap((w) => w.entries.map((e) => (e.verdict === 'skipped' ? e.reason : ''))));
	const [reason] = reasons;
	return reasons.size === 1 && reason?.startsWith('no pipeline:') ? reason : undefined;
}

/** Which jobs run for an event, by each CI's own rules. */
export function whatRuns(pipeline: EvaluablePipeline, event: CiEvent): WorkflowVerdict[] {
	return pipeline.workflows.map((workflow) => evaluateWorkflow(pipeline, workflow, event));
}

function evaluateWorkflow(pipeline: EvaluablePipeline, workflow: EvaluablePipeline['workflows'][number], event: CiEvent): WorkflowVerdict {
	const start = workflowStarts(pipeline, workflow, event);
	const verdicts = new Map<string, EntryVerdict>();
	const byId = new Map(workflow.entries.map((e) => [e.id, e]));
	const visiting = new Set<string>();

	function judge(entry: WorkflowEntry): EntryVerdict {
		const known = verdicts.get(entry.id);
		if (known) return known;
		if (visiting.has(entry.id)) return { id: entry.id, jobId: entry.jobId, verdict: 'skipped', reason: 'requires itself' };
		visiting.add(entry.id);
		let result: EntryVerdict;
		if (start.verdict === 'skipped') {
			result = { id: entry.id, jobId: entry.jobId, verdict: 'skipped', reason: start.reason };
		} else {
			const allowed = entryAllows(pipeline, workflow, entry, event);
			const own = allowed.verdict !== 'skipped' && !allowed.byHand && startedByHand(entry) ? byHand(allowed) : allowed;
			// GitLab creates each job from its own rules: an earlier stage's job left out of the
			// pipeline does not hold back later ones, so requirements only order jobs there.
			const required = pipeline.provider === 'gitlab' ? [] : entry.requires;
			const blockers = required.map((r) => byId.get(r.entry)).filter((e): e is WorkflowEntry => e !== undefined).map(judge);
			const blocked = blockers.find((b) => b.verdict === 'skipped');
			const unsure = [start, own, ...blockers].find((v) => v.verdict === 'depends');
			if (own.verdict === 'skipped') result = { id: entry.id, jobId: entry.jobId, verdict: 'skipped', reason: own.reason };
			else if (blocked) result = { id: entry.id, jobId: entry.jobId, verdict: 'skipped', reason: `${blocked.id} does not run` };
			else if (unsure === own) result = { id: entry.id, jobId: entry.jobId, ...own };
			else if (unsure) result = { id: entry.id, jobId: entry.jobId, verdict: 'depends', reason: unsure.byHand ? AFTER_BY_HAND : unsure.reason };
			else result = { id: entry.id, jobId: entry.jobId, verdict: 'runs', reason: own.reason };
		}
		visiting.delete(entry.id);
		verdicts.set(entry.id, result);
		return result;
	}

	const entries = workflow.entries.map(judge);
	const verdict: Verdict = entries.some((e) => e.verdict === 'runs') ? 'runs' : entries.some((e) => e.verdict === 'depends') ? 'depends' : 'skipped';
	return { workflow: workflow.id, verdict, entries };
}

type Partial = { verdict: Verdict; reason: string; byHand?: boolean };

/**
 * A job a person starts by hand (GitLab's `when: manual`, Bitbucket's `trigger: manual`, a Heroku
 * promotion): it does its own work, unlike an approval gate, which only waits and has no job.
 */
export function startedByHand(entry: Pick<WorkflowEntry, 'approval' | 'jobId'>): boolean {
	return entry.approval && entry.jobId !== undefined;
}

/** Said of a job started by hand, on its pages and in the diagrams' legend. */
export const STARTED_BY_HAND = 'It runs only once someone starts it by hand in the CI.';

/** Why a job started by hand may not run, said of it and of the jobs that wait for it. */
const BY_HAND = 'when someone starts it by hand';
const AFTER_BY_HAND = 'after a job someone starts by hand';

/** A job started by hand, after whatever else it already depended on. */
function byHand(allowed?: Partial): Partial {
	return { verdict: 'depends', reason: allowed?.verdict === 'depends' ? `${allowed.reason}, then ${BY_HAND}` : BY_HAND, byHand: true };
}

/** Does the workflow start at all for this event? */
function workflowStarts(pipeline: EvaluablePipeline, workflow: EvaluablePipeline['workflows'][number], event: CiEvent): Partial {
	if (workflow.condition) return { verdict: 'depends', reason: `workflow only when ${workflow.condition}` };
	if (pipeline.provider === 'gitlab' && (workflow.rules || event.kind !== 'branch' && event.kind !== 'tag')) return gitlabPipelineStarts(workflow.rules, gitlabVariables(pipeline.defaultBranch, event), event);
	const triggers = workflow.triggers;
	const scheduled = triggers.filter((t) => t.event === 'schedule');
	if (event.kind === 'schedule') {
		// Bitbucket's schedules are set in its UI, each for a branch and a pipeline: the config cannot say.
		// A schedule runs a branch's pipeline or a custom one, never a tag's or a pull request's.
		if (pipeline.provider === 'bitbucket' && scheduled.length === 0) {
			const schedulable = triggers.some((t) => t.event === 'manual' || (t.event === 'push' && !t.filters?.expression && allows(t.filters?.branches, event.branch, true)));
			return schedulable ? { verdict: 'depends', reason: 'only if a schedule in Bitbucket runs this pipeline' } : { verdict: 'skipped', reason: 'no schedule runs it' };
		}
		if (scheduled.length === 0) return { verdict: 'skipped', reason: 'no schedule' };
		const ok = scheduled.some((t) => allows(t.filters?.branches, event.branch, true));
		return ok ? { verdict: 'runs', reason: 'on its schedule' } : { verdict: 'skipped', reason: 'schedule is for another branch' };
	}
	// CircleCI's "Trigger pipeline" starts the workflows of the branch as a push does (a `when:`
	// on `pipeline.trigger_source` depends either way).
	const kind = event.kind === 'tag' ? 'tag' : event.kind === 'pull_request' && pipeline.provider !== 'circleci' ? 'pull_request' : event.kind === 'manual' && pipeline.provider !== 'circleci' ? 'manual' : 'push';
	const name = event.kind === 'pull_request' || event.kind === 'manual' ? event.branch : event.name;
	if (pipeline.provider === 'circleci') {
		// CircleCI runs every non-scheduled workflow on every push (branch, tag, or a PR's branch);
		// which jobs run is decided by the job filters.
		return triggers.some((t) => t.event === 'push') || triggers.length === 0 ? { verdict: 'runs', reason: 'every push' } : { verdict: 'skipped', reason: 'scheduled only' };
	}
	// A tag push reaches a push trigger's tag filter, except on Bitbucket, where only `tags` pipelines run for tags.
	const matching = triggers.filter((t) => (kind === 'tag' && pipeline.provider !== 'bitbucket' ? t.event === 'push' || t.event === 'tag' : t.event === kind));
	if (matching.length === 0) return { verdict: 'skipped', reason: `not started by ${{ push: 'a push', tag: 'a tag', pull_request: 'a pull request', manual: 'hand' }[kind]}` };
	for (const trigger of matching) {
		const f = trigger.filters;
		if (f?.expression) return { verdict: 'depends', reason: `only when ${f.expression}` };
		// A pull request's branch filter names the branch it targets, not the one it comes from;
		// Bitbucket's `pull-requests` patterns name the branch it comes from.
		const branch = kind === 'pull_request' && pipeline.provider !== 'bitbucket' ? pipeline.defaultBranch : name;
		const refOk = kind === 'tag' ? allows(f?.tags, name, !f?.branches) : allows(f?.branches, branch, !f?.tags);
		// Path filters never apply to tag pushes.
		const pathsMatter = f?.paths !== undefined && kind !== 'tag';
		if (kind === 'manual' && refOk && startedByHandApart(pipeline)) return { verdict: 'depends', reason: ONE_STARTED };
		if (refOk) return pathsMatter ? { verdict: 'depends', reason: 'depends on the files changed' } : { verdict: 'runs', reason: `on ${trigger.name ?? trigger.event}` };
	}
	return { verdict: 'skipped', reason: `filters exclude ${name}` };
}

/** Said of a workflow started by hand where another could be: a run by hand starts the one picked. */
const ONE_STARTED = 'if it is the one started by hand';

/**
 * Whether more than one workflow can be started by hand: GitHub dispatches one workflow, and
 * Bitbucket runs the one pipeline picked, so each of them runs only if it is the one.
 */
function startedByHandApart(pipeline: EvaluablePipeline): boolean {
	return pipeline.workflows.filter((w) => w.triggers.some((t) => t.event === 'manual')).length > 1;
}

/** The entry's own filters and condition. */
function entryAllows(pipeline: EvaluablePipeline, workflow: EvaluablePipeline['workflows'][number], entry: WorkflowEntry, event: CiEvent): Partial {
	const f = entry.filters;
	if (pipeline.provider === 'gitlab') return gitlabEntryAllows(workflow, entry, event, pipeline.defaultBranch);
	if (f?.expression) return { verdict: 'depends', reason: `only when ${f.expression}` };
	if (pipeline.provider === 'circleci') {
		if (event.kind === 'tag') {
			// A tag push reaches a job only if its tag filter names the tag.
			return allows(f?.tags, event.name, false)
				? { verdict: 'runs', reason: 'tag filter matches' }
				: { verdict: 'skipped', reason: f?.tags ? 'tag filter excludes it' : 'no tag filter' };
		}
		const branch = event.kind === 'branch' ? event.name : event.branch;
		if (!allows(f?.branches, branch, true)) return { verdict: 'skipped', reason: 'branch filter excludes it' };
	} else if (f?.branches || f?.tags) {
		const ok = event.kind === 'tag' ? allows(f.tags, event.name, !f.branches) : allows(f.branches, event.kind === 'branch' ? event.name : event.branch, !f.tags);
		if (!ok) return { verdict: 'skipped', reason: 'ref filter excludes it' };
	}
	// A step that runs only when some changed file matches (Bitbucket's `condition: changesets`).
	if (pipeline.provider === 'bitbucket' && f?.paths && event.kind !== 'tag') return { verdict: 'depends', reason: 'depends on the files changed' };
	if (entry.condition) {
		// A GitHub `if:` on the event's own values (`github.ref`...) is decided here; else it depends.
		const holds = pipeline.provider === 'github-actions' ? evaluateGitHubCondition(entry.condition, githubValues(pipeline.defaultBranch, event, workflow)) : 'unknown';
		if (holds === false) return { verdict: 'skipped', reason: `only when ${entry.condition}` };
		if (holds === 'unknown') return { verdict: 'depends', reason: `only when ${entry.condition}` };
	}
	return { verdict: 'runs', reason: 'filters allow it' };
}

/**
 * A GitLab job's own rules, else its `only`/`except` and `when`, as GitLab's policies read them:
 * `only` lets the job in when any of its refs or pipeline sources matches (a merge request's
 * pipeline matches no ref), and its `variables` and `changes` must hold too; `except` keeps it
 * out when any matches. Without `only` GitLab takes `only: [branches, tags]`, and under
 * `workflow:rules` a job that names no refs is in a merge request's pipeline too. `changes`
 * holds on a tag's, a schedule's or a run-by-hand pipeline, which has none to compare.
 */
function gitlabEntryAllows(workflow: EvaluablePipeline['workflows'][number], entry: WorkflowEntry, event: CiEvent, defaultBranch: string): Partial {
	const f = entry.filters;
	const variables = gitlabVariables(defaultBranch, event);
	if (f?.rules) return evaluateRules(f.rules, variables, event);
	const source = { branch: 'pushes', tag: 'pushes', pull_request: 'merge_requests', schedule: 'schedules', manual: 'web' }[event.kind];
	const onlySources = f?.sources?.only ?? [];
	const refs = event.kind === 'tag' ? f?.tags : f?.branches;
	const name = event.kind === 'branch' || event.kind === 'tag' ? event.name : event.branch;
	const named = f?.branches !== undefined || f?.tags !== undefined;
	const allowed =
		event.kind === 'pull_request'
			? onlySources.includes(source) || (!named && onlySources.length === 0 && workflow.rules !== undefined)
			: onlySources.includes(source) || (refs?.only ? allows({ only: refs.only }, name, true) : onlySources.length === 0);
	if (!allowed) {
		const reason = event.kind === 'pull_request' ? 'in branch and tag pipelines only: no rule or only: of its own asks for merge requests' : onlySources.length > 0 ? `only in pipelines of ${onlySources.join(', ')}${named ? ' or of the refs it names' : ''}` : 'ref filter excludes it';
		return { verdict: 'skipped', reason };
	}
	if (event.kind !== 'pull_request' && refs?.ignore && !allows({ ignore: refs.ignore }, name, true)) return { verdict: 'skipped', reason: 'ref filter excludes it' };
	if (f?.sources?.except?.includes(source)) return { verdict: 'skipped', reason: `its except: names ${source}` };
	const only = anyHolds(f?.variables?.only, variables);
	if (only === false) return { verdict: 'skipped', reason: 'no expression of only: variables holds' };
	const except = anyHolds(f?.variables?.except, variables);
	if (except === true) return { verdict: 'skipped', reason: 'an expression of except: variables holds' };
	if (only === 'unknown' || except === 'unknown') return { verdict: 'depends', reason: `depends on ${[...(f?.variables?.only ?? []), ...(f?.variables?.except ?? [])].join(', ')}` };
	if (f?.paths) {
		const noChanges = !hasChanges(event);
		if (!noChanges) return { verdict: 'depends', reason: 'depends on the files changed' };
		if (f.paths.ignore?.length) return { verdict: 'skipped', reason: 'except: changes holds on a pipeline with no changes to compare' };
	}
	// Its own `when` (see the provider's graph.ts): how it runs, and whether only after a failure.
	if (entry.condition === 'never') return { verdict: 'skipped', reason: 'when: never' };
	if (entry.condition === 'on_failure') return { verdict: 'depends', reason: 'only after a failure in an earlier stage' };
	return { verdict: 'runs', reason: 'filters allow it' };
}

/**
 * Whether GitLab has changes to compare for the event's pipeline: a tag's, a schedule's or one run
 * by hand has none, and `changes` then holds.
 */
function hasChanges(event: CiEvent): boolean {
	return event.kind === 'branch' || event.kind === 'pull_request';
}

/** Whether any of GitLab's expressions holds; `undefined` when there are none. */
function anyHolds(expressions: readonly string[] | undefined, variables: Variables): boolean | 'unknown' | undefined {
	if (!expressions?.length) return undefined;
	const truths = expressions.map((e) => evaluateExpression(e, variables));
	return truths.includes(true) ? true : truths.includes('unknown') ? 'unknown' : false;
}

/**
 * The `github` context values an event fixes; a pull request is one into the default branch. A
 * workflow that `pull_request_target` starts runs in the base branch's context: its event name
 * and ref are left unknown rather than guessed.
 */
function githubValues(defaultBranch: string, event: CiEvent, workflow: Pick<EvaluablePipeline['workflows'][number], 'triggers'>): GitHubValues {
	const branch = (name: string, eventName: string) => ({ event_name: eventName, ref: `refs/heads/${name}`, ref_name: name, ref_type: 'branch', head_ref: '', base_ref: '' });
	switch (event.kind) {
		case 'branch':
			return branch(event.name, 'push');
		case 'tag':
			return { event_name: 'push', ref: `refs/tags/${event.name}`, ref_name: event.name, ref_type: 'tag', head_ref: '', base_ref: '' };
		case 'pull_request':
			if (workflow.triggers.some((t) => t.name === 'pull_request_target')) return { head_ref: event.branch, base_ref: defaultBranch };
			return { event_name: 'pull_request', ref: 'refs/pull/1/merge', ref_name: '1/merge', ref_type: 'branch', head_ref: event.branch, base_ref: defaultBranch };
		case 'schedule':
			return branch(event.branch, 'schedule');
		case 'manual':
			return branch(event.branch, 'workflow_dispatch');
	}
}

/** GitLab's predefined variables that the event decides; everything else stays unknown. */
export function gitlabVariables(defaultBranch: string, event: CiEvent): Variables {
	const none = { CI_COMMIT_BRANCH: null, CI_COMMIT_TAG: null, CI_MERGE_REQUEST_IID: null, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: null, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: null };
	const base = { ...none, CI_DEFAULT_BRANCH: defaultBranch };
	switch (event.kind) {
		case 'branch':
			return { ...base, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: event.name, CI_COMMIT_REF_NAME: event.name };
		case 'tag':
			return { ...base, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: event.name, CI_COMMIT_REF_NAME: event.name };
		case 'pull_request':
			// Merge request pipelines set no CI_COMMIT_BRANCH.
			return {
				...base,
				CI_PIPELINE_SOURCE: 'merge_request_event',
				CI_COMMIT_REF_NAME: event.branch,
				CI_MERGE_REQUEST_IID: '1',
				CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: event.branch,
				CI_MERGE_REQUEST_TARGET_BRANCH_NAME: defaultBranch,
			};
		case 'schedule':
			return { ...base, CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: event.branch, CI_COMMIT_REF_NAME: event.branch };
		case 'manual':
			return { ...base, CI_PIPELINE_SOURCE: 'web', CI_COMMIT_BRANCH: event.branch, CI_COMMIT_REF_NAME: event.branch };
	}
}

/**
 * Whether GitLab creates a pipeline: its `workflow:rules` decide (a pipeline of jobs without
 * rules of their own, merge request pipelines included), and a schedule is set up in GitLab's
 * settings, which the config cannot show. Without `workflow:rules` a merge request gets a
 * pipeline of the jobs whose own rules ask for one (see entryAllows).
 */
function gitlabPipelineStarts(rules: Workflow['rules'], variables: Variables, event: CiEvent): Partial {
	const allowed = rules ? evaluateRules(rules, variables, event, 'pipeline') : undefined;
	if (allowed?.verdict === 'skipped') return allowed;
	if (event.kind === 'schedule') {
		const scheduled = 'only if a schedule in GitLab runs this pipeline';
		return { verdict: 'depends', reason: allowed?.verdict === 'depends' ? `${scheduled}, and ${allowed.reason}` : scheduled };
	}
	return allowed ?? { verdict: 'runs', reason: event.kind === 'pull_request' ? 'a merge request pipeline' : event.kind === 'manual' ? 'run by hand' : 'on a push' };
}

type GitLabRule = NonNullable<Filters['rules']>[number];

/**
 * GitLab `rules`: the first rule whose condition holds decides; none holding keeps the job (or,
 * for `workflow:rules`, the pipeline) out. A condition that cannot be decided leaves the answer
 * open only when it matters: when the rule and the rules after it would decide alike, so does this.
 */
function evaluateRules(rules: readonly GitLabRule[], variables: Variables, event: CiEvent, of: 'job' | 'pipeline' = 'job'): Partial {
	for (const [i, rule] of rules.entries()) {
		const holds = rule.if === undefined ? true : evaluateExpression(rule.if, variables);
		if (holds === false) continue;
		const outcome = ruleOutcome(rule, event, of);
		if (holds === true) return outcome;
		const otherwise = evaluateRules(rules.slice(i + 1), variables, event, of);
		const alike = outcome.verdict === otherwise.verdict && outcome.verdict !== 'depends' && Boolean(outcome.byHand) === Boolean(otherwise.byHand);
		return alike ? otherwise : { verdict: 'depends', reason: `depends on ${rule.if}` };
	}
	return { verdict: 'skipped', reason: of === 'pipeline' ? 'no pipeline: no rule of workflow:rules matches' : 'no rule matches' };
}

/**
 * What a matching rule decides. `changes` holds for a tag's, a schedule's or a run-by-hand pipeline, which has
 * no changes to compare (GitLab's rule); otherwise it, and `exists`, depend on the files.
 */
function ruleOutcome(rule: GitLabRule, event: CiEvent, of: 'job' | 'pipeline'): Partial {
	const changes = (rule.changes?.length ?? 0) > 0 && hasChanges(event);
	if (changes || (rule.exists?.length ?? 0) > 0) return { verdict: 'depends', reason: 'depends on the files changed' };
	const which = rule.if === undefined ? 'the last rule' : `the rule ${rule.if}`;
	if (rule.when === 'never') return { verdict: 'skipped', reason: of === 'pipeline' ? `no pipeline: ${which} of workflow:rules says never` : `${which} says never` };
	if (rule.when === 'manual') return byHand();
	return { verdict: 'runs', reason: `${which} matches` };
}

/** The events the pipeline page tabulates, named as a reader thinks of them (and as the CI does: GitLab's merge requests). */
export function standardEvents(defaultBranch: string, namedBranches: readonly string[] = [], provider?: Pipeline['provider'], byHand = false): { label: string; event: CiEvent }[] {
	const other = defaultBranch === 'feature/x' ? 'feature/y' : 'feature/x';
	return [
		{ label: `Push to ${defaultBranch}`, event: { kind: 'branch', name: defaultBranch } },
		...namedBranches.filter((name) => name !== defaultBranch && name !== other).map((name) => ({ label: `Push to ${name}`, event: { kind: 'branch', name } as CiEvent })),
		{ label: `Push to ${other}`, event: { kind: 'branch', name: other } },
		{ label: 'Tag v1.2.0', event: { kind: 'tag', name: 'v1.2.0' } },
		{ label: `${provider === 'gitlab' ? 'Merge request' : 'Pull request'} from ${other}`, event: { kind: 'pull_request', branch: other } },
		{ label: `Schedule on ${defaultBranch}`, event: { kind: 'schedule', branch: defaultBranch } },
		...(byHand ? [{ label: `Started by hand on ${defaultBranch}`, event: { kind: 'manual', branch: defaultBranch } as CiEvent }] : []),
	];
}

/**
 * Whether the page gives a run started by hand a row of its own: where a workflow says it can be
 * (GitHub's `workflow_dispatch`, a Bitbucket custom pipeline), and for GitLab, whose every
 * pipeline can be run from its Run pipeline page, where that run's jobs are not a push's to the
 * default branch (rules or `only`/`except` for `web`, `changes` that then holds). CircleCI's
 * "Trigger pipeline" starts what a push does: a row would say the push's again. For GitLab this
 * asks of the default branch only: a config whose runs by hand differ on other branches alone
 * gets no row (and no choice in the box that tries any branch).
 */
export function startableByHand(pipeline: EvaluablePipeline): boolean {
	if (pipeline.workflows.some((w) => w.triggers.some((t) => t.event === 'manual'))) return true;
	if (pipeline.provider !== 'gitlab') return false;
	// What the table's cell says: the jobs that run, and why those that may.
	const cell = (event: CiEvent) => JSON.stringify(whatRuns(pipeline, event).map((w) => w.entries.flatMap((e) => (e.verdict === 'skipped' ? [] : [[e.id, e.verdict, e.verdict === 'depends' ? e.reason : '']]))));
	return cell({ kind: 'manual', branch: pipeline.defaultBranch }) !== cell({ kind: 'branch', name: pipeline.defaultBranch });
}

/** A name pattern that names one branch: no wildcard, no regular expression. */
const ONE_NAME = /^[^*?[\]{}!]+$/;

/**
 * The branches a pipeline names one by one in its triggers' and jobs' filters, in the order they
 * first appear, up to `max`: each gets a row of its own in "What runs when" (a Bank ledger that
 * deploys from `live` showed no row where its deploy runs).
 */
export function namedBranches(pipeline: EvaluablePipeline, max = 3): string[] {
	const names = new Set<string>();
	const add = (filters: Filters | undefined) => {
		for (const pattern of filters?.branches?.only ?? []) if (pattern.kind !== 'regex' && ONE_NAME.test(pattern.value)) names.add(pattern.value);
	};
	for (const workflow of pipeline.workflows) {
		// A pull request's branches are those it targets, a schedule's where it runs: not pushes.
		for (const trigger of workflow.triggers) if (trigger.event === 'push') add(trigger.filters);
		for (const entry of workflow.entries) add(entry.filters);
	}
	names.delete(pipeline.defaultBranch);
	return [...names].slice(0, max);
}
