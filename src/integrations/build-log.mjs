// Astro's log, as its own Node logger prints it, with each generated file on a line of its own.
// Plain JavaScript: Astro imports a logger with Node's own loader, before Vite is there.
//
// Astro prints a generated file in two pieces: its path without a line end, then, on the same
// line, "(restored)" at once for a file copied from the last build, or the render time once it
// is rendered. The build renders several files at a time (`build.concurrency` in
// astro.config.mjs: the thread waited for each file's writes half of the time), and the pieces
// of different files then ran into each other ("├─ /a├─ /b (restored) (+12ms)"), the times
// after paths they were not of. Here a copied file's two pieces are printed as one line, a
// rendered file's path as a line of its own as its rendering starts, and render times are left
// out: with files rendered side by side they say what the others cost too.
import nodeLogger from 'astro/logger/node';

const COLOUR = /\x1b\[[0-9;]*m/g;
const plain = (text) => text.replace(COLOUR, '');
const FILE = /^\s*[├└]─ /;
const COPIED = /^\s*\((?:restored|cached)\)\s*$/;
const TIME = /^\s*\(\+[^)]*\)\s*/;

/** @param {import('astro/logger/node').NodeHandlerConfig} [options] */
export default function buildLog(options) {
	const out = nodeLogger(options);
	/** @type {import('astro').AstroLoggerMessage | undefined} A file's path, waiting to see whether "(restored)" follows it. */
	let path;
	const flushPath = () => {
		if (path) out.write({ ...path, newLine: true });
		path = undefined;
	};
	return {
		/** @param {import('astro').AstroLoggerMessage} event */
		write(event) {
			if (path) {
				if (event.label === 'SKIP_FORMAT' && COPIED.test(plain(event.message))) {
					out.write(path);
					out.write(event);
					path = undefined;
					return;
				}
				flushPath();
			}
			if (event.newLine === false && FILE.test(plain(event.message))) {
				path = event;
				// Astro prints "(restored)" right after the path, in the same turn; a path still
				// waiting after it is a file being rendered.
				queueMicrotask(flushPath);
				return;
			}
			if (event.label === 'SKIP_FORMAT' && TIME.test(plain(event.message))) {
				// What may follow a render time: "(file not created, response body was empty)".
				const rest = plain(event.message).replace(TIME, '').trim().replace(/^\((.*)\)$/, '$1');
				if (rest) out.write({ ...event, label: 'build', message: rest });
				return;
			}
			out.write(event);
		},
		flush() {
			flushPath();
			return out.flush?.();
		},
		close() {
			flushPath();
			return out.close?.();
		},
	};
}
