/**
 * How fast the machine is right now. The machines this is measured on are shared: the same
 * single-threaded work took 0.83 s at one hour and 1.33 s an hour later, with nothing else
 * running and no steal time reported, so builds measured minutes apart may not have had the same
 * machine. A probe before and after each build says how far the machine's speed moved, so a
 * ratio between two builds can be read with that in mind.
 */
import { createHash } from 'node:crypto';

/** A fixed piece of work like a build's (objects, strings, a regular expression, hashing), on one thread. */
function work(): number {
	let checksum = 0;
	const items = Array.from({ length: 120_000 }, (_, i) => ({ id: `job-${i}`, name: `Run tests ${i % 97}`, steps: [`npm ci --prefix packages/p${i % 13}`, `echo ${i}`], needs: [i - 1, i - 2] }));
	const text = JSON.stringify(items);
	checksum += (JSON.parse(text) as unknown[]).length;
	for (const m of text.matchAll(/"name":"([^"]*)"/g)) checksum += m[1]!.length;
	checksum += createHash('sha256').update(text).digest()[0]!;
	return checksum;
}

/** Milliseconds the probe's work takes now: the median of five runs, after one to warm up. */
export function speedProbe(): number {
	work();
	const times: number[] = [];
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		work();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[2]!;
}
