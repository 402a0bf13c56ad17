import type { Diagnostic, Pipeline, Step } from '../model';

export function countSteps(steps: readonly Step[]): number {
	return steps.reduce((n, s) => n + 1 + countSteps(s.children), 0);
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
