/** Builds pipelines and steps for the explanation tests, through the real providers where a config is involved. */
import { assembleFolder } from '../../../src/ingest/assemble';
import { explainStep, type Explanation } from '../../../src/knowledge/explain';
import type { Job, Pipeline, Provider, Step } from '../../../src/model';

export { yaml } from '../../providers/support';

/** The one pipeline read from a single config file (`.circleci/config.yml`, `.github/workflows/ci.yml`, `.gitlab-ci.yml`). */
export function pipelineOf(path: string, text: string): Pipeline {
	const [pipeline] = assembleFolder({ group: 'test', displayPrefix: '', files: [{ path, text }] });
	if (!pipeline) throw new Error(`no pipeline read from ${path}`);
	return pipeline;
}

export function jobOf(pipeline: Pipeline, id: string): Job {
	const job = pipeline.jobs.find((j) => j.id === id);
	if (!job) throw new Error(`no job ${id} (have ${pipeline.jobs.map((j) => j.id).join(', ')})`);
	return job;
}

/** A step of a job by its id path (`2`, `2.1`). */
export function stepOf(job: Job, id: string): Step {
	const walk = (steps: readonly Step[]): Step | undefined => {
		for (const step of steps) {
			if (step.id === id) return step;
			const inner = walk(step.children);
			if (inner) return inner;
		}
		return undefined;
	};
	const step = walk(job.steps);
	if (!step) throw new Error(`no step ${id} in ${job.id}`);
	return step;
}

/** The explanation of step `stepId` of job `jobId`, which must exist. */
export function explained(pipeline: Pipeline, jobId: string, stepId: string): Explanation {
	const job = jobOf(pipeline, jobId);
	const explanation = explainStep(stepOf(job, stepId), { provider: pipeline.provider, job, pipeline });
	if (!explanation) throw new Error(`step ${stepId} of ${jobId} has no explanation`);
	return explanation;
}

/** A bare `run` step, for command-level tests. */
export function runStep(command: string, extra: Partial<Step> = {}): Step {
	return { id: '1', kind: 'run', name: command, keyword: 'run', command, with: {}, env: [], location: { file: 'test', line: 1, column: 1 }, children: [], ...extra };
}

/** What a run step of `command` is explained as, on the given CI. */
export function explainCommand(command: string, provider: Provider = 'circleci'): Explanation | undefined {
	return explainStep(runStep(command), { provider });
}

/** Every text of an explanation, for checks that apply to all of them. */
export function texts(explanation: Explanation): string[] {
	return [explanation.summary, ...explanation.details, ...explanation.risks];
}
