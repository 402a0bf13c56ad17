// Loaded into Astro's process by `pipeline-atlas build` (node --import): ends it once the CLI
// that started it is gone, however the CLI ended. A CLI killed outright (SIGKILL: `timeout -s
// KILL`, a CI runner past its grace period) cannot pass a signal on as it does for the others
// (./stop.ts), and Astro ran on, writing a site no one would see into the project's `.astro/`.
// The CLI holds the other end of the pipe at fd 3, which the kernel closes when the CLI ends.
// Plain JavaScript: it loads before anything could compile TypeScript.
import { Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';

// Worker threads inherit Node's options, this preload included: the pipe is the main thread's
// (a worker's socket on it would close it for the whole process when the worker ends).
if (isMainThread) {
	const cli = new Socket({ fd: 3, readable: true, writable: false });
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
