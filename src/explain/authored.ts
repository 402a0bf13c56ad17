import { z } from 'astro/zod';
import { BuiltinStage, Provider, StepKind, type Step } from '../model';

/**
 * What an authored explanation (`content/explanations/*.md`) attaches to. Every field given must
 * match; which fields are given decides the level: a step selector (`step`, `kind`, `command`)
 * makes it a step explanation, `stage` one for a CI stage of recorded runs, then `job`,
 * `workflow`, and a bare `pipeline` explains a whole pipeline.
 */
export const ExplanationMatch = z
	.object({
		/** The CI: one stage or command explained apart for each CI a team runs. */
		provider: Provider.exclude(['unknown']).optional(),
		pipeline: z.string().optional(),
		workflow: z.string().optional(),
		job: z.string().optional(),
		/** The step's name as the page shows it, case-insensitive. */
		step: z.string().optional(),
		kind: StepKind.optional(),
		/** Text the step's command contains, or a `/regular expression/`. */
		command: z.string().optional(),
		stage: BuiltinStage.optional(),
	})
	.strict()
	.refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'say what the explanation is for: provider, pipeline, workflow, job, step, kind, command or stage' });
export type ExplanationMatch = z.infer<typeof ExplanationMatch>;

export type ExplanationLevel = 'pipeline' | 'workflow' | 'job' | 'step' | 'stage';

export function levelOf(match: ExplanationMatch): ExplanationLevel {
	if (match.stage) return 'stage';
	if (match.step !== undefined || match.kind || match.command !== undefined) return 'step';
	if (match.job !== undefined) return 'job';
	if (match.workflow !== undefined) return 'workflow';
	return 'pipeline';
}

/**
 * Named things weigh more than kinds of things: a step's name beats a command pattern beats a
 * kind, and a pipeline beats its CI (a CI's explanation gives way to one pipeline's).
 */
const WEIGHTS: Record<keyof ExplanationMatch, number> = { provider: 0.5, pipeline: 1, workflow: 2, job: 4, kind: 1, command: 3, step: 8, stage: 2 };

export function specificity(match: ExplanationMatch): number {
	return (Object.keys(match) as (keyof ExplanationMatch)[]).filter((k) => match[k] !== undefined).reduce((n, k) => n + WEIGHTS[k], 0);
}

export interface ExplanationTarget {
	level: ExplanationLevel;
	pipelineId: string;
	/** The pipeline's CI (a run's, for a stage). */
	provider?: Provider;
	/** Workflows a job (or step) runs in; one for a workflow target. */
	workflowIds?: readonly string[];
	jobId?: string;
	step?: Pick<Step, 'name' | 'kind' | 'command'>;
	stage?: BuiltinStage;
}

function commandMatches(pattern: string, command: string | undefined): boolean {
	if (command === undefined) return false;
	const regex = commandRegExp(pattern);
	return regex === undefined ? command.includes(pattern) : regex !== null && regex.test(command);
}

/**
 * A `/…/flags` pattern compiled once (null when it is no valid expression; undefined for plain
 * text): every step of every page is matched against every explanation, several times a build.
 * Without `g` and `y`, a RegExp keeps no state between tests.
 */
const commandRegExps = new Map<string, RegExp | null | undefined>();
function commandRegExp(pattern: string): RegExp | null | undefined {
	if (commandRegExps.has(pattern)) return commandRegExps.get(pattern);
	const parts = /^\/(.+)\/([a-z]*)$/.exec(pattern);
	let regex: RegExp | null | undefined;
	if (parts) {
		try {
			regex = new RegExp(parts[1]!, parts[2]!.replace(/[gy]/g, ''));
		} catch {
			regex = null;
		}
	}
	commandRegExps.set(pattern, regex);
	return regex;
}

export function matches(match: ExplanationMatch, target: ExplanationTarget): boolean {
	if (levelOf(match) !== target.level) return false;
	if (match.provider !== undefined && match.provider !== target.provider) return false;
	if (match.pipeline !== undefined && match.pipeline !== target.pipelineId) return false;
	if (match.workflow !== undefined && !(target.workflowIds ?? []).includes(match.workflow)) return false;
	if (match.job !== undefined && match.job !== target.jobId) return false;
	if (match.step !== undefined && match.step.trim().toLowerCase() !== target.step?.name.trim().toLowerCase()) return false;
	if (match.kind !== undefined && match.kind !== target.step?.kind) return false;
	if (match.command !== undefined && !commandMatches(match.command, target.step?.command)) return false;
	if (match.stage !== undefined && match.stage !== target.stage) return false;
	return true;
}

/** The most specific authored explanation for a target; equal ones are decided by file name, so the choice is stable. */
export function selectAuthored<T extends { id: string; match: ExplanationMatch }>(target: ExplanationTarget, entries: readonly T[]): T | undefined {
	return entries
		.filter((e) => matches(e.match, target))
		.sort((a, b) => specificity(b.match) - specificity(a.match) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
