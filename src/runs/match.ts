import { matrixFlag } from '../evaluate/github-expression';
import { allSteps, type Job, type Pipeline, type Run, type RunStep, type Step, type StepKind, type Workflow, type WorkflowEntry } from '../model';

/** How each CI labels its own rendering of a built-in step in a run, by step kind. */
const RUN_LABELS: Partial<Record<StepKind, RegExp>> = {
	checkout: /^(checkout( code)?|get sources|run actions\/checkout)/i,
	'cache-restore': /^(restor(e|ing) cache|restore_cache)/i,
	'cache-save': /^(sav(e|ing) cache|save_cache|archive_cache)/i,
	'workspace-persist': /^persist(ing)? to workspace/i,
	'workspace-attach': /^attach(ing)? workspace/i,
	artifacts: /^(uploading artifacts|store_artifacts|upload_artifacts)/i,
	'test-results': /^(uploading test results|store_test_results)/i,
	'remote-docker': /^(setup|set up|setting up) (a )?remote docker/i,
	'ssh-keys': /^(add(ing)?|install(ing)?) (additional )?ssh/i,
};

/** GitLab's runner's stage that uploads a job's artifacts and reports. */
const GITLAB_ARTIFACTS_STAGE = /^uploading artifacts for (?:successful|failed) job$/i;

/** Lower-cased, quotes and spacing evened out: CI UIs re-space names. */
function norm(text: string): string {
	return text.toLowerCase().replace(/[`'"]/g, '').replace(/\s+/g, ' ').trim();
}

/** The CI's own stages that no config step stands for (a cache restore or a post step may). */
const NEVER_CONFIG = new Set(['spin-up', 'environment', 'set-up-job', 'prepare-executor', 'complete-job', 'cleanup']);

/** Steps a run lists one by one: expanded commands and conditionals run their children. */
export function leafSteps(steps: readonly Step[]): Step[] {
	return steps.flatMap((step) => (step.children.length > 0 ? leafSteps(step.children) : [step]));
}

function matches(runStep: RunStep, step: Step): boolean {
	const name = norm(runStep.name);
	const own = norm(step.name);
	if (name === own || name === `run ${own}`) return true;
	if (step.uses && name === `run ${norm(step.uses)}`) return true;
	// Logs archives drop `/` and `:` from step file names (`2_Run actionscheckout@v4.txt`).
	const squash = (t: string) => t.replace(/[^a-z0-9@]+/g, '');
	if (squash(name) === squash(own) || squash(name) === squash(`run ${own}`)) return true;
	// GitLab names its script section after the keyword; GitHub prefixes post steps.
	if (name === norm(step.keyword) || name === `${norm(step.keyword)}_script`) return true;
	// GitLab runs before_script and script together as its "step_script" stage.
	const stage = /(?:^| )(step_script|build_script|after_script)\b/.exec(name)?.[1];
	if (stage) return stage === 'after_script' ? step.keyword === 'after_script' : step.keyword === 'script';
	const label = RUN_LABELS[step.kind];
	if (label?.test(runStep.name)) return true;
	// GitLab's runner uploads the JUnit reports (`artifacts:reports:junit`) in its artifacts
	// stage: a job with reports and no other artifacts has only that step to show for it.
	if (step.kind === 'test-results' && GITLAB_ARTIFACTS_STAGE.test(runStep.name)) return true;
	// CircleCI shows a long command's first line as the name; a run step may show it whole.
	return step.command !== undefined && norm(step.command).startsWith(name) && name.length >= 8;
}

/** What a run ran: its config job, and the workflow entry the CI named it by when it is one. */
export interface RunTarget {
	job: Job;
	entry?: { workflow: Workflow; entry: WorkflowEntry };
}

/**
 * The config job a run ran: by the name the CI printed, which is a workflow entry (alias,
 * matrix instance) or the job's own id or name.
 */
export function matchJob(run: Pick<Run, 'job' | 'workflow'>, pipeline: Pipeline): Job | undefined {
	return matchTarget(run, pipeline)?.job;
}

/** As matchJob, with the workflow entry when the run is named after one. */
export function matchTarget(run: Pick<Run, 'job' | 'workflow'>, pipeline: Pipeline): RunTarget | undefined {
	const byId = new Map(pipeline.jobs.map((job) => [job.id, job]));
	const wanted = norm(run.job);
	const workflows = [...pipeline.workflows].sort((a, b) => Number(norm(b.name) === norm(run.workflow ?? '')) - Number(norm(a.name) === norm(run.workflow ?? '')));
	// Matrix instances: `test (22, ubuntu-latest)`; values compared as a set, whatever their order.
	const instance = (name: string) => {
		const m = /^(.*?) \((.*)\)$/.exec(norm(name));
		return m ? `${m[1]}|${m[2]!.split(/, ?/).sort().join(',')}` : undefined;
	};
	for (const same of [(id: string) => norm(id) === wanted, (id: string) => instance(id) !== undefined && instance(id) === instance(run.job)]) {
		for (const workflow of workflows) {
			const entry = workflow.entries.find((e) => same(e.id));
			if (entry?.jobId && byId.has(entry.jobId)) return { job: byId.get(entry.jobId)!, entry: { workflow, entry } };
		}
	}
	const inWorkflow = run.workflow ? pipeline.jobs.find((job) => norm(job.id) === `${norm(run.workflow!)}/${wanted}`) : undefined;
	const job = inWorkflow ?? pipeline.jobs.find((job) => norm(job.id) === wanted) ?? pipeline.jobs.find((job) => norm(job.name) === wanted);
	return job ? { job } : undefined;
}

/** The steps a run of `target` ran, in order: the entry's pre-steps, the job's own, its post-steps. */
export function targetSteps({ job, entry }: RunTarget): Step[] {
	return [...(entry?.entry.preSteps ?? []), ...job.steps, ...(entry?.entry.postSteps ?? [])];
}

/**
 * The matched run steps, those that failed (or timed out by their own limit) where their config
 * step lets them fail marked `allowedToFail` (GitHub's `continue-on-error: true`, Bitbucket's `after-script`). An
 * expression lets a step fail only when it is one matrix value (`\${{ matrix.experimental }}`)
 * that is `true` for the matrix instance the run ran; any other is not known to.
 */
export function markAllowedToFail(runSteps: readonly RunStep[], target: RunTarget): RunStep[] {
	const matrix = target.entry?.entry.matrix;
	const lets = (flag: Step['allowFailure']) => flag === true || (typeof flag === 'string' && matrixFlag(flag, matrix) === true);
	const mayFail = new Set(allSteps(targetSteps(target)).flatMap((step) => (lets(step.allowFailure) ? [step.id] : [])));
	const failed = (step: RunStep) => step.status === 'failed' || (step.status === 'timedout' && step.ownTimeout === true);
	return runSteps.map((step) => (failed(step) && step.matchedStepId !== undefined && mayFail.has(step.matchedStepId) ? { ...step, allowedToFail: true } : step));
}

/**
 * Pairs each run step with the config step it ran, in order: a run step matches the next
 * config step (never an earlier one) whose name, keyword or kind label it carries. Run steps
 * left over between two matches belong to an unexpanded orb command or action in that gap
 * (a referenced orb's `install-packages` shows as seven run steps), when there is exactly one.
 */
export function matchSteps(runSteps: readonly RunStep[], target: RunTarget): RunStep[] {
	// Containers come before their children: a logs archive shows a composite action as one step.
	const leaves = allSteps(targetSteps(target));
	const matched: (string | undefined)[] = [];
	const renamed = new Map<number, string>();
	// Post steps run after the job's own, last registered first (the runner keeps them on a
	// stack): each belongs to the latest step of its name that ran and has not had its post yet,
	// so the second of two `actions/cache` steps gets the first "Post" of them; else to the latest
	// without one (its step's log is missing), else to the first of that name.
	const ran = new Set<string>();
	const posted = new Set<string>();
	let next = 0;
	for (const runStep of runSteps) {
		if (runStep.builtin && NEVER_CONFIG.has(runStep.builtin)) {
			matched.push(undefined);
			continue;
		}
		const post = /^post (.+)$/i.exec(runStep.name);
		if (post) {
			const named = leaves.filter((step) => matches({ ...runStep, name: post[1]! }, step));
			const target = named.findLast((step) => ran.has(step.id) && !posted.has(step.id)) ?? named.findLast((step) => !posted.has(step.id)) ?? named[0];
			if (target) posted.add(target.id);
			matched.push(target?.id);
			// Archive file names lose `/` (`Post Run actionscheckout@v4`): the config spells it right.
			if (target?.uses && !runStep.name.includes('/')) renamed.set(matched.length - 1, `Post Run ${target.uses}`);
			continue;
		}
		const at = leaves.findIndex((step, i) => i >= next && matches(runStep, step));
		if (at >= 0) {
			matched.push(leaves[at]!.id);
			// A skipped step (listed when step debugging is on) registers no post step.
			if (runStep.status !== 'skipped') ran.add(leaves[at]!.id);
			next = at + 1;
		} else matched.push(undefined);
	}
	fillGaps(runSteps, leaves, matched);
	return runSteps.map((step, i) => (matched[i] === undefined ? step : { ...step, name: renamed.get(i) ?? step.name, matchedStepId: matched[i] }));
}

function fillGaps(runSteps: readonly RunStep[], leaves: readonly Step[], matched: (string | undefined)[]): void {
	const position = new Map(leaves.map((step, i) => [step.id, i]));
	// The nearest match on either side of each gap, kept as the walk goes and found ahead in
	// one backward pass: searching both ways from every gap is quadratic in a long run.
	const nextMatched: (string | undefined)[] = new Array(runSteps.length + 1).fill(undefined);
	for (let k = runSteps.length - 1; k >= 0; k--) nextMatched[k] = matched[k] ?? nextMatched[k + 1];
	let before: string | undefined;
	let i = 0;
	while (i < runSteps.length) {
		if (matched[i] !== undefined || (runSteps[i]!.builtin && NEVER_CONFIG.has(runSteps[i]!.builtin!))) {
			before = matched[i] ?? before;
			i++;
			continue;
		}
		let end = i;
		while (end < runSteps.length && matched[end] === undefined && !(runSteps[end]!.builtin && NEVER_CONFIG.has(runSteps[end]!.builtin!))) end++;
		const after = nextMatched[end];
		const from = before === undefined ? 0 : position.get(before)! + 1;
		const to = after === undefined ? leaves.length : position.get(after)!;
		const candidates = leaves.slice(from, to).filter((step) => step.children.length === 0 && (step.kind === 'orb-command' || step.kind === 'action' || step.kind === 'command'));
		if (candidates.length === 1) {
			for (let k = i; k < end; k++) matched[k] = candidates[0]!.id;
			before = candidates[0]!.id;
		}
		i = end;
	}
}
