import type { Diagnostic, Pipeline, Step } from '../model';

/**
 * A job's steps as its page counts them ("Steps (3)"): those of the job itself. The steps inside
 * a reusable command, orb command or composite action are shown under it, not counted again.
 */
export function countSteps(steps: readonly Step[]): number {
	return steps.length;
}

export function pipelineStepCount(pipeline: Pipeline): number {
	return pipeline.jobs.reduce((n, j) => n + countSteps(j.steps), 0);
}

export function diagnosticCounts(diagnostics: readonly Diagnostic[]) {
	return {
		errors: diagnostics.filter((d) => d.severity === 'error').length,
		warnings: diagnostics.filter((d) => d.severity === 'warning').length,
		infos: diagnostics.filter((d) => d.severity === 'info').length,
	};
}
