import { describe, expect, it } from 'vitest';
import type { WorkflowEntry } from '../../src/model';
import { runOrder, stageOf } from '../../src/site/workflow-order';

const at = { file: 'f.yml', line: 1, column: 1 };
const entry = (id: string, ...requires: string[]): WorkflowEntry => ({
	id,
	jobId: id,
	requires: requires.map((r) => ({ entry: r, status: ['success'] })),
	approval: false,
	contexts: [],
	parameters: {},
	location: at,
});

describe('runOrder', () => {
	it('puts each job after what it requires, ties in file order', () => {
		const entries = [entry('build', 'test', 'lint'), entry('install'), entry('lint', 'install'), entry('test', 'install')];
		expect(runOrder({ entries }).map((e) => e.id)).toEqual(['install', 'lint', 'test', 'build']);
	});
	it('does not loop on a cycle', () => {
		const entries = [entry('a', 'b'), entry('b', 'a'), entry('c')];
		expect(runOrder({ entries }).map((e) => e.id)).toEqual(['c', 'a', 'b']);
	});
});

describe('stageOf', () => {
	it('counts the longest chain before each job', () => {
		const entries = [entry('install'), entry('lint', 'install'), entry('test', 'install'), entry('build', 'test', 'lint', 'install')];
		expect(Object.fromEntries(stageOf({ entries }))).toEqual({ install: 0, lint: 1, test: 1, build: 2 });
	});
});
