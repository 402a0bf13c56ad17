import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneRunLogs, runLogsKept, storeRunLogs, withLogs } from '../../src/loaders/run-logs';
import { Run, StoredRun } from '../../src/model';
import { tempDir } from '../support/temp';

function run(id: string, logs: string[][]): Run {
	return Run.parse({
		id,
		group: id,
		pipelineId: 'shop',
		provider: 'circleci',
		format: 'circleci-api',
		job: 'test',
		status: 'failed',
		steps: logs.map((lines, i) => ({ index: i + 1, name: `step ${i + 1}`, status: 'success', lines, sections: [{ title: 'fold', start: 0, end: 1 }] })),
	});
}

const dir = () => join(tempDir('atlas-run-logs-'), 'run-logs');

describe('storeRunLogs', () => {
	it('keeps the lines out of the stored run, which the store schema accepts as it is', () => {
		const logs = dir();
		const stored = storeRunLogs(run('1', [['\x1b[32mok\x1b[0m', 'second'], []]), logs);
		expect(StoredRun.parse(stored)).toEqual(stored);
		expect(stored.steps.map((s) => 'lines' in s)).toEqual([false, false]);
		expect(stored.steps[0]!.sections).toEqual([{ title: 'fold', start: 0, end: 1, collapsed: true }]);
		expect(stored.logs.startsWith(logs)).toBe(true);
		expect(JSON.stringify(stored)).not.toContain('second');
	});

	it('names files by their content: the same lines share a file, other lines get another', () => {
		const logs = dir();
		const a = storeRunLogs(run('1', [['same']]), logs);
		const b = storeRunLogs(run('2', [['same']]), logs);
		const c = storeRunLogs(run('3', [['other']]), logs);
		expect(b.logs).toBe(a.logs);
		expect(c.logs).not.toBe(a.logs);
		expect(readdirSync(logs).sort()).toEqual([a.logs, c.logs].map((p) => p.slice(logs.length + 1)).sort());
	});
});

describe('withLogs', () => {
	it('gives every step its own lines back, read from the file', () => {
		const logs = dir();
		const original = run('1', [['a', 'b'], [], ['c']]);
		const back = withLogs(storeRunLogs(original, logs));
		expect(back.steps.map((s) => s.lines)).toEqual([['a', 'b'], [], ['c']]);
		expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(original)));
		expect('logs' in back).toBe(false);
	});

	it('reads a file when a line is asked for, not before', () => {
		const logs = dir();
		const stored = storeRunLogs(run('late', [['first version']]), logs);
		const back = withLogs(stored);
		expect(back.steps[0]!.name).toBe('step 1');
		writeFileSync(stored.logs, JSON.stringify([['read later']]));
		expect(back.steps[0]!.lines).toEqual(['read later']);
	});

	it('says which file is missing and what to do', () => {
		const logs = dir();
		const stored = storeRunLogs(run('gone', [['x', 'y', 'z']]), logs);
		rmSync(stored.logs);
		expect(() => withLogs(stored).steps[0]!.lines).toThrow(/logs of a recorded run are missing from the build cache \(.*\.json\).*Build again/);
	});
});

describe('runLogsKept and pruneRunLogs', () => {
	it('tell a cleared file and remove only files no run names', () => {
		const logs = dir();
		const a = storeRunLogs(run('1', [['one']]), logs);
		const b = storeRunLogs(run('2', [['two']]), logs);
		expect(runLogsKept([a, b])).toBe(true);
		pruneRunLogs(logs, new Set([a.logs]));
		expect(existsSync(a.logs)).toBe(true);
		expect(existsSync(b.logs)).toBe(false);
		expect(runLogsKept([a, b])).toBe(false);
		pruneRunLogs(join(logs, 'never-made'), new Set());
	});
});
