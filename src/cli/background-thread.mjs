// Lowers the calling thread's scheduling priority, for the worker threads of a build that have
// time to spare (the images, the search index's head start) while Astro's thread is what the
// build waits for. Plain JavaScript, as the worker scripts that call it first.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower: 10 steps of niceness, a tenth of the CPU of the other threads when they contend (Linux's CFS weights). */
const LOWER = 10;

/**
 * On Linux a thread has a niceness of its own, set through its thread id (`/proc/thread-self`
 * names it), and the processes it starts (Pagefind's) inherit it. Elsewhere, or where it is not
 * allowed, nothing changes: it only orders who gets a busy core first.
 */
export function runInBackground() {
	try {
		const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
		// Relative to what the build runs at (`nice npm run build` stays nicer still), never above it.
		if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + LOWER));
	} catch {
		// No /proc, or not allowed: priorities as they were.
	}
}
