// Lowers the calling thread's scheduling priority, for the first image worker, which starts
// beside Astro, whose thread is what the build waits for meanwhile. The threads that start after
// Astro (a second image worker, the index from scratch) keep the build's priority: they are then
// what it waits for; so does a rebuild's search index, begun beside Astro but waited for as
// long. A thread cannot raise its priority again (without privileges), so the first image
// worker's last images, drawn beside the second worker after Astro, are drawn at its lower
// priority: on a machine running nothing else that changes nothing. Plain JavaScript, as the
// worker scripts that call it first.
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
