import { describe, expect, it, vi } from 'vitest';
import type { ParsedRun } from '../../src/model';

// A parser bug is simulated: no known input makes one produce a run the model rejects any more.
vi.mock('../../src/runs/parse', () => ({
	parseRunFolder: () => ({
		runs: [{ provider: 'gitlab', format: 'gitlab-trace', job: 'test', status: 'success', durationMs: -1, steps: [] } satisfies ParsedRun],
		problems: [],
		files: [['trace.log']],
	}),
}));

const { runsOfFolder } = await import('../../src/ingest/runs');

describe('runsOfFolder', () => {
	it('shows a run the model rejects as a located internal error instead of failing every run of the build', () => {
		const runs = runsOfFolder({ folder: 'r1', files: { files: [{ path: 'trace.log', bytes: new Uint8Array([120]) }], skipped: [] }, pipelines: [], display: 'pipelines/p/runs/r1/' });
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ id: 'r1', job: 'test', format: 'gitlab-trace', status: 'unknown', steps: [], files: ['trace.log'] });
		expect(runs[0]!.diagnostics).toMatchObject([{ severity: 'error', code: 'internal', location: { file: 'pipelines/p/runs/r1/', line: 1, column: 1 } }]);
		expect(runs[0]!.diagnostics[0]!.message).toContain('durationMs');
	});
});
