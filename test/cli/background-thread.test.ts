import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** A thread's niceness, from its stat line (field 19; the name before it is in parentheses). */
const niceness = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

describe.runIf(existsSync('/proc/thread-self/stat'))('runInBackground', () => {
	it("lowers the calling thread's priority, and no other thread's", async () => {
		const before = niceness(readFileSync('/proc/thread-self/stat', 'utf8'));
		const module = new URL('../../src/cli/background-thread.mjs', import.meta.url).href;
		const worker = new Worker(
			`const { parentPort } = require('node:worker_threads');
			const { readFileSync } = require('node:fs');
			import(${JSON.stringify(module)}).then(({ runInBackground }) => {
				const stat = () => readFileSync('/proc/thread-self/stat', 'utf8');
				const first = stat();
				runInBackground();
				parentPort.postMessage([first, stat()]);
			});`,
			{ eval: true },
		);
		const [first, then] = await new Promise<[string, string]>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		await worker.terminate();
		expect([niceness(first), niceness(then)]).toEqual([before, Math.min(19, before + 10)]);
		expect(niceness(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(before);
	});
});
