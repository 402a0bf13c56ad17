// Loaded into Astro's process by `pipeline-atlas build` (node --import): ends it once the CLI
// that started it is gone, however the CLI ended. A CLI killed outright (SIGKILL: `timeout -s
// KILL`, a CI runner past its grace period) cannot pass a signal on as it does for the others
// (./stop.ts), and Astro ran on, writing a site no one would see into the project's `.astro/`.
// The CLI holds the other end of a pipe at the descriptor ATLAS_ORPHAN_GUARD_FD names, which
// the kernel closes when the CLI ends. Plain JavaScript: it loads before anything could compile
// TypeScript.
import { Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';

// Only where the CLI gave the pipe. Worker threads and child processes inherit Node's options,
// this preload included: the variable goes, so a child never takes its own descriptor 3 (a
// forked one's is Node's IPC channel) for the pipe; a worker never opens the main thread's.
const fd = Number(process.env.ATLAS_ORPHAN_GUARD_FD);
delete process.env.ATLAS_ORPHAN_GUARD_FD;
if (isMainThread && Number.isInteger(fd) && fd > 2) {
	const cli = new Socket({ fd, readable: true, writable: false });
	const gone = () => {
		process.stderr.write('pipeline-atlas: the build that started this Astro process is gone: stopping it.\n');
		process.exit(1);
	};
	cli.on('end', gone);
	cli.on('error', gone);
	// Read, to see the end; nothing is sent.
	cli.resume();
	// Waiting for it does not keep Astro alive.
	cli.unref();
}
