import { z } from 'astro/zod';
import { Provider } from './pipeline';

export const RunStatus = z.enum(['success', 'failed', 'cancelled', 'skipped', 'running', 'timedout', 'unknown']);
export type RunStatus = z.infer<typeof RunStatus>;

/** One step of a recorded run, its log already redacted. */
export const RunStep = z.object({
	index: z.number().int(),
	name: z.string(),
	status: RunStatus,
	exitCode: z.number().int().optional(),
	startedAt: z.string().optional(),
	durationMs: z.number().optional(),
	lines: z.array(z.string()).default([]),
	/** The config step it ran (`<jobId>#<stepId>`), or a built-in stage of the CI (`builtin:spin-up`). */
	matchedStepId: z.string().optional(),
});
export type RunStep = z.infer<typeof RunStep>;

/** A recorded run of one job. */
export const Run = z.object({
	id: z.string(),
	pipelineId: z.string(),
	provider: Provider,
	workflow: z.string().optional(),
	job: z.string(),
	number: z.number().int().optional(),
	status: RunStatus,
	branch: z.string().optional(),
	tag: z.string().optional(),
	commit: z.string().optional(),
	author: z.string().optional(),
	message: z.string().optional(),
	startedAt: z.string().optional(),
	durationMs: z.number().optional(),
	queuedMs: z.number().optional(),
	executor: z.string().optional(),
	url: z.string().optional(),
	steps: z.array(RunStep).default([]),
});
export type Run = z.infer<typeof Run>;
