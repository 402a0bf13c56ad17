import { z } from 'astro/zod';
import { Job } from './job';
import { Pipeline } from './pipeline';
import { Step } from './step';
import { Workflow, WorkflowEntry } from './workflow';

/**
 * How many levels of `children` below a job's step the fast path reads (nine steps, one in
 * another: an orb command inside a reusable command inside a job is two levels). A deeper one is
 * parsed by `Pipeline` itself.
 */
export const FAST_STEP_DEPTH = 8;

/** `Step` with children `depth` levels deep at most: a schema that does not refer to itself. */
function boundedStep(depth: number): z.ZodType {
	const leaf = Step.omit({ children: true });
	let step: z.ZodType = leaf.extend({ children: z.array(z.never()).default([]) });
	for (let level = 0; level < depth; level++) step = leaf.extend({ children: z.array(step).default([]) });
	return step;
}

function boundedPipeline(depth: number) {
	const steps = z.array(boundedStep(depth));
	const entry = WorkflowEntry.extend({ preSteps: steps.optional(), postSteps: steps.optional() });
	return Pipeline.extend({
		jobs: z.array(Job.extend({ steps: steps.default([]) })).default([]),
		workflows: z.array(Workflow.extend({ entries: z.array(entry).default([]) })).default([]),
	});
}

/**
 * `Pipeline` compiled by zod (`z.compile`): the same checks and output, built by generated
 * code. At size M the model's 20,000 steps took `Pipeline.safeParse` 66–130 ms a pass (part of
 * it the runtime parser's bookkeeping for a schema that refers to itself, `Step.children`,
 * which zod will not compile); this one, with steps nested to a bound, takes ~30. Compiling
 * takes ~100 ms, once, when a process first parses a pipeline. Should zod refuse the schema
 * (`strict` makes it say so rather than run it as it is), every pipeline goes to `Pipeline`
 * itself, and the tests fail (see takesFastPath).
 */
let fastPipeline: ReturnType<typeof boundedPipeline> | null | undefined;
function compiled(): ReturnType<typeof boundedPipeline> | null {
	if (fastPipeline === undefined) {
		try {
			fastPipeline = z.compile(boundedPipeline(FAST_STEP_DEPTH), { strict: true });
		} catch {
			fastPipeline = null;
		}
	}
	return fastPipeline;
}

/**
 * `Pipeline.safeParse`, on the compiled fast path when the input passes it. Anything it does
 * not take (steps nested deeper than the bound, or input the model rejects) is parsed by
 * `Pipeline`, whose answer and errors stand.
 */
export function safeParsePipeline(input: unknown): z.ZodSafeParseResult<Pipeline> {
	const fast = compiled()?.safeParse(input);
	return fast?.success ? (fast as z.ZodSafeParseSuccess<Pipeline>) : Pipeline.safeParse(input);
}

/**
 * For the tests: whether zod's generated code itself takes `input`. The compiled schema's own
 * `safeParse` hands what its code refuses to the runtime parser, and would answer alike; its
 * generated validator (an internal of zod's) does not.
 */
export function takesFastPath(input: unknown): boolean {
	const validator = compiled()?._zod.bag.validator;
	return typeof validator === 'function' && validator(input) !== z.INVALID;
}
