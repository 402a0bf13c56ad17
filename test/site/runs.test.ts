import { describe, expect, it } from 'vitest';
import { formatDuration, listedVariables, timeline } from '../../src/site/runs';

describe('formatDuration', () => {
	it('prints durations the way CI UIs do', () => {
		expect(formatDuration(undefined)).toBe('—');
		expect(formatDuration(850)).toBe('850ms');
		expect(formatDuration(19_000)).toBe('19s');
		expect(formatDuration(64_000)).toBe('1m 04s');
		expect(formatDuration(7_380_000)).toBe('2h 03m');
	});
});

describe('timeline', () => {
	it('places items by their start time, from the earliest', () => {
		const { bars, total } = timeline(
			[
				{ name: 'a', status: 'success' as const, startedAt: '2026-01-01T00:00:10Z', durationMs: 5000 },
				{ name: 'b', status: 'failed' as const, startedAt: '2026-01-01T00:00:12Z', durationMs: 10_000 },
			],
			(x) => x.name,
		);
		expect(bars.map((b) => [b.label, b.start, b.duration, b.status])).toEqual([
			['a', 0, 5000, 'success'],
			['b', 2000, 10_000, 'failed'],
		]);
		expect(total).toBe(12_000);
	});
	it('lays items without start times end to end', () => {
		const { bars } = timeline([{ status: 'success' as const, durationMs: 300 }, { status: 'success' as const, durationMs: 200 }], () => 'x', () => '#x');
		expect(bars.map((b) => b.start)).toEqual([0, 300]);
		expect(bars[0]!.href).toBe('#x');
	});
});

describe('listedVariables', () => {
	it('reads the names of an environment listing, never needing the values', () => {
		const lines = ['Using build environment variables:', '  BASH_ENV=/tmp/x', '  CIRCLE_BRANCH=master', '\x1b[1m  CI=true\x1b[0m', '  CIRCLE_BRANCH=again', 'not=listed'];
		expect(listedVariables({ lines })).toEqual(['BASH_ENV', 'CIRCLE_BRANCH', 'CI']);
	});
});
