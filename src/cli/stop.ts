import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/** Signals that stop a build: a terminal's Ctrl-C or its closing, a cancelled CI job, `timeout`. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What a build has going that a stop must end or remove; filled in as the build goes. */
export interface Stoppable {
	/** Astro's process, while it runs. */
	child?: ChildProcess;
	/** Folders the build writes beside the site (its staging folder, the run images, a throwaway cache). */
	dirs: string[];
	/** Stops the image workers between images. */
	abandon?: () => void;
	/** The new site is in its place: a stop now only leaves the old one to remove. */
	published?: boolean;
}

/** How long Astro is given to end once told to, before it is killed. */
const GRACE_MS = 5_000;

/**
 * Until the returned function is called, a stop signal ends what `build` has going, then
 * `finish` (the build lock given back), then the CLI, with the status the signal would have
 * given it (128 + its number). Without this, the CLI died at once and Astro ran on, writing a
 * site no one would see into the project's `.astro/`, while the next build took its lock over.
 */
export function stopOnSignals(build: Stoppable, finish: () => void): () => void {
	const stop = (signal: NodeJS.Signals) => {
		void end(build, signal)
			.catch(() => undefined)
			.finally(() => {
				finish();
				console.error(`The build was stopped (${signal}): ${build.published ? 'the new site was already in place' : 'the previous site is left as it was, and the folders the build had written are removed'}.`);
				process.exit(128 + (constants.signals[signal] ?? 0));
			});
	};
	for (const signal of STOP_SIGNALS) process.once(signal, stop);
	return () => {
		for (const signal of STOP_SIGNALS) process.off(signal, stop);
	};
}

async function end(build: Stoppable, signal: NodeJS.Signals): Promise<void> {
	build.abandon?.();
	const child = build.child;
	if (child && child.exitCode === null && child.signalCode === null) {
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		child.kill(signal);
		const timer = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
		await exited;
		clearTimeout(timer);
	}
	// Astro has ended: nothing writes into these any more.
	for (const dir of build.dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
