import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
};

/**
 * A static server on 127.0.0.1 that serves `root` under `base`, like a subpath host would,
 * adding `extraHeaders` to every response (as a host that reads `_headers` does). With `gzip`, text
 * goes out compressed to a browser that asks for it, as GitHub Pages and every CDN do.
 *
 * Every response may be cached for ten minutes, as GitHub Pages says: without it Chromium
 * fetched and compiled the site's stylesheet and scripts again on every page a test opened,
 * a quarter of the CPU a page load took, on a machine the suite keeps busy. A test that counts
 * what a first visit fetches opens a fresh browser context (Lighthouse clears the cache itself,
 * and routing requests through Playwright turns it off).
 */
export async function serve(
	root: string,
	base: string,
	extraHeaders: Record<string, string> = {},
	{ gzip = false }: { gzip?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void>; requests: string[] }> {
	const headers = { 'cache-control': 'max-age=600', ...extraHeaders };
	const requests: string[] = [];
	const server: Server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		requests.push(path);
		if (!path.startsWith(base)) return void res.writeHead(404).end('outside base');
		let file = normalize(join(root, path.slice(base.length)));
		if (!file.startsWith(normalize(root))) return void res.writeHead(403).end();
		try {
			if (statSync(file).isDirectory()) file = join(file, 'index.html');
			statSync(file);
		} catch {
			// As GitHub Pages and most static hosts do: the site's own 404 page, with status 404.
			const notFound = join(root, '404.html');
			if (!existsSync(notFound)) return void res.writeHead(404).end('not found');
			res.writeHead(404, { ...headers, 'content-type': TYPES['.html']! });
			return void read(notFound, res).pipe(res);
		}
		const type = TYPES[extname(file)] ?? 'application/octet-stream';
		if (gzip && /text|json|svg|javascript|wasm/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
			res.writeHead(200, { ...headers, 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
			read(file, res).pipe(createGzip()).pipe(res);
			return;
		}
		res.writeHead(200, { ...headers, 'content-type': type });
		read(file, res).pipe(res);
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${base}`,
		requests,
		close: () => new Promise((done) => server.close(() => done())),
	};
}

/**
 * A file's bytes for a response. A file gone between its check and its reading (a test removing
 * its copy of the site while the browser still asks for a lazily loaded script) ends that
 * response, not the test run with an uncaught error.
 */
function read(file: string, res: ServerResponse) {
	return createReadStream(file).on('error', () => res.destroy());
}
