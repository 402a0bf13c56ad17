/**
 * Built-in explanations of steps: what a step does in this pipeline, in plain words, drawn
 * from knowledge tables of each CI's built-in steps, popular orbs and actions, and common
 * shell commands. A step nothing here recognises gets no explanation (pages fall back to the
 * step kind's one-line summary), so coverage figures stay honest.
 */
import type { BuiltinStage, Job, Pipeline, Provider, Step } from '../../model';
import { explainAction } from './actions';
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
	if (provider === 'github-actions' && step.uses !== undefined) return explainAction(step, context) ?? compositeAction(step);
	switch (provider) {
		case 'circleci':
			return explainCircleciStep(step, context);
		case 'gitlab':
			return explainGitlabStep(step);
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

/** A local composite action expanded from its `action.yml`: a container for its steps. */
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

function compositeAction(step: Step): ExplanationType | undefined {
	if (step.origin?.type !== 'composite' || !step.origin.expanded) return undefined;
	return explanation({
		summary: `Runs the composite action in ${code(step.origin.ref ?? step.uses ?? '?')} from this repository, ${plural(step.children.length, 'step')} shown with it.`,
		topic: 'action:composite',
		reference: 'https://docs.github.com/actions/sharing-automations/creating-actions/creating-a-composite-action',
	});
}
