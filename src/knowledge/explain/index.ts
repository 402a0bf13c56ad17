/**
 * Built-in explanations of steps: what a step does in this pipeline, in plain words, drawn
 * from knowledge tables of each CI's built-in steps, popular orbs and actions, and common
 * shell commands. A step nothing here recognises gets no explanation (pages fall back to the
 * step kind's one-line summary), so coverage figures stay honest.
 */
import type { BuiltinStage, Job, Pipeline, Provider, Step } from '../../model';
import { explainAction } from './actions';
import { bitbucketScriptNotes, explainBitbucketStep } from './bitbucket';
import { circleciRunNotes, explainCircleciStep } from './circleci';
import { explanation, type Explanation as ExplanationType } from './explanation';
import { explainGitlabStep, gitlabScriptNotes } from './gitlab';
import { explainHerokuStep, herokuScriptNotes } from './heroku';
import { explainOrb } from './orbs';
import { explainScript } from './scripts';
import { explainStage as stageExplanation } from './stages';
import { code, plural } from './text';

// `explanationCoverage` lives in ./coverage, which builds on explainStep: import it from there.
export { Explanation } from './explanation';

export interface ExplainContext {
	provider: Provider;
	job?: Job;
	pipeline?: Pipeline;
}

/** What the step does here, or undefined when Pipeline Atlas does not recognise it. */
export function explainStep(step: Step, context: ExplainContext): ExplanationType | undefined {
	const { provider } = context;
	if (step.origin?.type === 'reusable-workflow') return reusableWorkflowJob(step);
	if (step.kind === 'run' && step.command !== undefined) return explainScript(step.command, { provider }, runNotes(step, provider, context.job));
	if (step.kind === 'orb-command') return explainOrb(step.origin?.name ?? step.keyword, step.origin?.ref ?? step.uses, step.with, 'command');
	if (provider === 'github-actions' && step.uses !== undefined) return explainAction(step, context) ?? localAction(step, context.job);
	switch (provider) {
		case 'circleci':
			return explainCircleciStep(step, context);
		case 'gitlab':
			return explainGitlabStep(step);
		case 'bitbucket':
			return explainBitbucketStep(step);
		case 'heroku':
			return explainHerokuStep(step);
		default:
			return undefined;
	}
}

/** One of the CI's own stages (`Spin up environment`, `Set up job`), worded for that CI. */
export function explainStage(stage: BuiltinStage, provider: Provider): ExplanationType {
	return stageExplanation(stage, provider);
}

/**
 * A job defined by an orb (`heroku/deploy-via-git` used straight in a workflow), whose steps
 * are unknown when the orb's source is not vendored; undefined for other jobs.
 */
export function explainOrbJob(job: Job, pipeline?: Pipeline): ExplanationType | undefined {
	if (job.origin?.type !== 'orb') return undefined;
	const entry = pipeline?.workflows.flatMap((w) => w.entries).find((e) => e.jobId === job.id);
	return explainOrb(job.origin.name, job.origin.ref, entry?.parameters ?? {}, 'job');
}

function runNotes(step: Step, provider: Provider, job: Job | undefined): string[] {
	switch (provider) {
		case 'circleci':
			return circleciRunNotes(step);
		case 'gitlab':
			return gitlabScriptNotes(step, job);
		case 'bitbucket':
			return bitbucketScriptNotes(step);
		case 'heroku':
			return herokuScriptNotes(step);
		default: {
			const notes: string[] = [];
			if (step.workingDirectory) notes.push(`Runs in ${code(step.workingDirectory)}.`);
			if (step.shell) notes.push(`Runs with the shell ${code(step.shell)}.`);
			return notes;
		}
	}
}

/** A job of a called reusable workflow, shown as a step of the calling job. */
function reusableWorkflowJob(step: Step): ExplanationType {
	const file = (step.origin?.name ?? '').split('#')[0] || step.origin?.ref || 'a reusable workflow';
	return explanation({
		summary: step.origin?.expanded
			? `Runs job ${code(step.name)} of the reusable workflow ${code(file)}, called from this job; its ${plural(step.children.length, 'step')} are listed with it.`
			: `Runs the jobs of the reusable workflow ${code(file)}; its source is not in this repository, so its steps are not known.`,
		topic: 'github:reusable-workflow',
		reference: 'https://docs.github.com/actions/sharing-automations/reusing-workflows',
	});
}

/**
 * A local action (`uses: ./path`): a composite one expanded from its `action.yml` is a container
 * for its steps; any other is named. GitHub looks for it in the job's workspace, so the job must
 * have checked the repository out before.
 */
function localAction(step: Step, job: Job | undefined): ExplanationType | undefined {
	const uses = step.uses ?? '';
	if (!/^\.\.?(\/|$)/.test(uses)) return undefined;
	const atRoot = /^\.\/?$/.test(uses);
	const where = atRoot ? 'at the root of this repository' : `in ${code(uses.replace(/\/+$/, ''))} of this repository`;
	const risks = job && !checkedOutBefore(step, job) ? ['No earlier step of this job checks the repository out: GitHub looks for a local action in the job’s workspace, and the step fails with “Can’t find action.yml”.'] : [];
	if (step.origin?.type === 'composite' && step.origin.expanded) {
		return explanation({
			summary: `Runs the composite action ${where}, ${plural(step.children.length, 'step')} shown with it.`,
			risks,
			topic: 'action:composite',
			reference: 'https://docs.github.com/actions/sharing-automations/creating-actions/creating-a-composite-action',
		});
	}
	return explanation({
		summary: atRoot
			? `Runs the action defined ${where} (its \`action.yml\`): a workflow of an action’s own repository trying the action out as users will run it.`
			: `Runs the action defined ${where} (its \`action.yml\`); that file is not in the pipelines folder, so its steps are not shown.`,
		risks,
		topic: 'action:local',
		reference: 'https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#example-using-an-action-in-the-same-repository-as-the-workflow',
	});
}

/** Whether a step of the job before `step` checks the repository out (a step inside a local action: its action was found, so yes). */
function checkedOutBefore(step: Step, job: Job): boolean {
	const at = job.steps.findIndex((s) => s.id === step.id);
	if (at < 0) return true;
	return job.steps.slice(0, at).some((s) => /^actions\/checkout(@|$)/i.test(s.uses ?? '') || /\bgit\s+(clone|checkout)\b/.test(s.command ?? ''));
}
