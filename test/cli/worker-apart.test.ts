import { afterEach, describe, expect, it, vi } from 'vitest';
import { runApart } from '../../src/cli/worker-apart';

/** A worker script as a data: URL. */
const script = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);
const OUT_OF_HEAP = `const e = new Error('Worker terminated due to reaching memory limit: JS heap out of memory'); e.code = 'ERR_WORKER_OUT_OF_MEMORY'; throw e;`;

afterEach(() => {
	vi.restoreAllMocks();
});

describe('runApart', () => {
	it("answers with the worker's first message, given its data and the messages posted to it", async () => {
		const apart = runApart<string>(
			script(`import { parentPort, workerData } from 'node:worker_threads'; parentPort.once('message', (m) => parentPort.postMessage(workerData.greeting + ' ' + m));`),
			{ greeting: 'hello' },
			64,
			'test',
			() => Promise.reject(new Error('no fallback expected')),
		);
		apart.post('world');
		expect(await apart.result).toBe('hello world');
	});

	it('hands over to the fallback, and says so, once the worker runs out of its heap', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const fallback = vi.fn(() => Promise.resolve('done in the calling thread'));
		expect(await runApart(script(OUT_OF_HEAP), {}, 64, 'test', fallback).result).toBe('done in the calling thread');
		expect(fallback).toHaveBeenCalledOnce();
		expect(log).toHaveBeenCalledWith('The test worker ran out of its 64 MB heap: carrying on in the main thread.');
	});

	it('rejects with any other error of the worker, or when it stops before answering, without a fallback', async () => {
		const fallback = vi.fn(() => Promise.resolve('not expected'));
		await expect(runApart(script(`throw new Error('broken input')`), {}, 64, 'test', fallback).result).rejects.toThrow('broken input');
		await expect(runApart(script(`process.exit(3)`), {}, 64, 'test', fallback).result).rejects.toThrow('the test worker stopped (exit code 3) before it was done');
		await expect(runApart(script(``), {}, 64, 'test', fallback).result).rejects.toThrow('the test worker stopped (exit code 0) before it was done');
		const failing = vi.fn(() => Promise.reject(new Error('the fallback failed too')));
		vi.spyOn(console, 'log').mockImplementation(() => {});
		await expect(runApart(script(OUT_OF_HEAP), {}, 64, 'test', failing).result).rejects.toThrow('the fallback failed too');
		expect(fallback).not.toHaveBeenCalled();
	});
});
