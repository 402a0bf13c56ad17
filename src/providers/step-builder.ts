import type { Step } from '../model';

/** Collects a job's steps in order, numbering each as it comes (`1`, `2`...): the providers that make steps of a job's sections. */
export interface StepBuilder {
	steps: Step[];
	add(step: Omit<Step, 'id' | 'with' | 'env' | 'children'> & Partial<Pick<Step, 'with'>>): Step;
}

export function stepBuilder(): StepBuilder {
	const steps: Step[] = [];
	return {
		steps,
		add(step) {
			const full: Step = { with: {}, env: [], children: [], ...step, id: String(steps.length + 1) };
			steps.push(full);
			return full;
		},
	};
}
