import { describe, expect, it } from 'vitest';
import type { RunStep } from '../../src/model';
import { failureOf } from '../../src/site/failure';

const step = (index: number, status: RunStep['status'], lines: string[] = []): RunStep => ({ index, name: `step ${index}`, status, lines, sections: [], marks: [] });

describe('failureOf', () => {
	it('names the first step that failed, and quotes the lines naming an error before those naming a failure, in log order', () => {
		const lines = [
			'collected 12 items',
			'tests/test_cart.py ..F.',
			'FAILED tests/test_cart.py::test_total - assert 3 == 4',
			'E       assert 3 == 4',
			'\x1b[31mTypeError: cannot read properties of undefined\x1b[0m',
			'1 failed, 11 passed',
			'Process completed with exit code 1.',
		];
		const failure = failureOf({ provider: 'gitlab', status: 'failed', steps: [step(1, 'success', ['error: not this one']), step(2, 'failed', lines), step(3, 'failed')] });
		expect(failure?.step.index).toBe(2);
		// Two errors (pytest's `E`, a TypeError without its colours), then the first failure line;
		// never the CI's own exit line, which the summary says already.
		expect(failure?.lines).toEqual([
			{ n: 3, text: 'FAILED tests/test_cart.py::test_total - assert 3 == 4' },
			{ n: 4, text: 'E       assert 3 == 4' },
			{ n: 5, text: 'TypeError: cannot read properties of undefined' },
		]);
	});

	it('reads the end of a long log, where a runner reports what failed, and takes no name or flag for an error', () => {
		const lines = [
			'Error: an early error the run got past',
			...Array.from({ length: 150 }, (_, i) => `   Compiling crate-${i} v1.0.0`),
			'  Downloaded thiserror-impl v2.0.12',
			'     Running `rustc --crate-name zip --error-format=json`',
			'6  | pub enum ZipError {',
			'16 |             Err(ZipError::Validation(',
			'error[E0599]: no variant named `Validation` found for enum `ZipError`',
			'error: could not compile `zip` (lib) due to 1 previous error',
		];
		expect(failureOf({ provider: 'gitlab', status: 'failed', steps: [step(1, 'failed', lines)] })?.lines.map((l) => l.n)).toEqual([156, 157]);
	});

	it('quotes first the lines GitHub flagged as errors, and takes no "0 failed" for a failure', () => {
		const lines = ['Run eslint .', 'src/a.ts: 1 problem', 'Lint found problems in src/a.ts', '12 passed, 0 failed', 'Process completed with exit code 1.'];
		const flaggedStep = { ...step(1, 'failed', lines), marks: [{ line: 2, level: 'error' as const }, { line: 4, level: 'error' as const }] };
		expect(failureOf({ provider: 'github-actions', status: 'failed', steps: [flaggedStep] })?.lines).toEqual([{ n: 3, text: 'Lint found problems in src/a.ts' }]);
		// CircleCI marks what it got on stderr, which is not an error as such.
		expect(failureOf({ provider: 'circleci', status: 'failed', steps: [flaggedStep] })?.lines).toEqual([]);
	});

	it('tests a long line (a minified bundle printed whole) only as far as its first 2,000 characters', () => {
		const minified = `${'a'.repeat(500_000)}Error: late`;
		expect(failureOf({ provider: 'gitlab', status: 'failed', steps: [step(1, 'failed', [minified, 'TypeError: x'])] })?.lines).toEqual([{ n: 2, text: 'TypeError: x' }]);
	});

	it('cuts a long line, and quotes nothing from a log that names no error', () => {
		const long = `Error: ${'x'.repeat(400)}`;
		expect(failureOf({ provider: 'gitlab', status: 'failed', steps: [step(1, 'failed', [long])] })?.lines[0]?.text).toHaveLength(160);
		expect(failureOf({ provider: 'gitlab', status: 'timedout', steps: [step(1, 'timedout', ['waiting…', 'Exited with code exit status 1'])] })).toMatchObject({ lines: [] });
	});

	it('passes over a step the configuration lets fail, naming the first that failed the run', () => {
		const allowed = (s: RunStep): RunStep => ({ ...s, allowedToFail: true });
		const run = { provider: 'github-actions' as const, status: 'failed' as const, steps: [allowed(step(1, 'failed', ['Error: lint is advisory'])), step(2, 'success'), step(3, 'failed', ['Error: the real one'])] };
		expect(failureOf(run)).toMatchObject({ step: { index: 3 }, lines: [{ n: 1, text: 'Error: the real one' }] });
		// No step let fail: the first failed one.
		expect(failureOf({ ...run, steps: run.steps.map(({ allowedToFail, ...s }) => s) })?.step.index).toBe(1);
		// Every failed step was let fail (the job failed for another reason): the first of them still,
		// unless one timed out, stopped by the job's own time limit.
		expect(failureOf({ ...run, steps: run.steps.map(allowed) })?.step.index).toBe(1);
		const stopped = { ...run, status: 'timedout' as const, steps: [allowed(step(1, 'failed')), step(2, 'timedout')] };
		expect(failureOf(stopped)?.step.index).toBe(2);
	});

	it('says nothing for a run that did not fail, or whose failure no step recorded', () => {
		expect(failureOf({ provider: 'gitlab', status: 'success', steps: [step(1, 'failed', ['Error: flaky'])] })).toBeUndefined();
		expect(failureOf({ provider: 'gitlab', status: 'failed', steps: [step(1, 'success')] })).toBeUndefined();
	});
});
