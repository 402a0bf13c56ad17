import { describe, expect, it } from 'vitest';
import { allSteps, Step } from '../../src/model';

const step = (id: string, children: Step[] = []): Step => Step.parse({ id, name: id, kind: 'run', keyword: 'run', location: { file: 'f', line: 1, column: 1 }, children });

describe('allSteps', () => {
	it('lists every step, each nested one right after its parent, in order', () => {
		const steps = [step('1', [step('1.1', [step('1.1.1')]), step('1.2')]), step('2'), step('3', [step('3.1')])];
		expect(allSteps(steps).map((s) => s.id)).toEqual(['1', '1.1', '1.1.1', '1.2', '2', '3', '3.1']);
		expect(allSteps([])).toEqual([]);
	});
});
