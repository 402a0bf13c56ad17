import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { constants } from 'node:os';

/** Signals that stop a build: a terminal's Ctrl-C or its closing, a cancelled CI job, `timeout`. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What a build has going that a stop must end or remove; filled in as the build goes. */
export interface Stoppable {
	/** Where the site goes: said, on a stop, whether a previous one is there. */
	out: string;
	/** Astro's process, while it runs. */
	child?: ChildProcess;
	/** Folders the build writes beside the site (its staging folder, the run images, a throwaway cache). */
	dirs: string[];
	/** Stops the image workers between images, and lets the search index's head start go. */
	abandon?: () => void;
	/** A stop is under way: Astro is not started again (after running out of its heap). */
	stopping?: boolean;
	/** The new site is in its place: a stop now only leaves the old one to remove. */
	published?: boolean;
}

/** How long Astro is given to end once told to, before it is killed. */
const GRACE_MS = 5_000;

/**
 * Until the returned function is called, a stop signal ends what `build` has going, then
 * `finish` (the build lock given back), then the CLI, by the same signal, as if it had ended it
 * (a shell then stops a `build && deploy` there). Without this, the CLI died at once and Astro
 * ran on, writing a site no one would see into the project's `.astro/`, while the next build
 * took its lock over. A second signal meanwhile kills Astro at once; the cleanup goes on.
 */
export function stopOnSignals(build: Stoppable, finish: () => void): () => void {
	const forget = () => {
		for (const signal of STOP_SIGNALS) process.off(signal, stop);
	};
	const stop = (signal: NodeJS.Signals) => {
		if (build.stopping) {
			build.child?.kill('SIGKILL');
			return;
		}
		build.stopping = true;
		void end(build, signal).finally(() => {
			finish();
			const left = build.published ? 'the new site was already in place' : existsSync(build.out) ? 'the previous site is left as it was' : 'no site was written';
			console.error(`The build was stopped (${signal}): ${left}, and the folders the build had written beside it are removed.`);
			forget();
			process.kill(process.pid, signal);
			// Should another listener keep the signal from ending the process: the status it would give.
			setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 1_000).unref();
		});
	};
	for (const signal of STOP_SIGNALS) process.on(signal, stop);
	return forget;
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
	// Astro has ended; the image and search workers may still write a file or two, which the
	// retries outlast. One folder that cannot be removed does not keep the others.
	for (const dir of build.dirs) {
		try {
			rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
		} catch {
			// Left for the next build, which removes what a stopped one left beside the site.
		}
	}
}
