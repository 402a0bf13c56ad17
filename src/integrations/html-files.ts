import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byCodePoint } from '../ingest/order';

/** A file's path under the site's `root`, `/`-separated: as pages and Pagefind name it. */
export function sitePath(root: string, file: string): string {
	return relative(root, file).split(sep).join('/');
}

/** Every `.html` file under `root` in a fixed order, skipping the folders in `skip` (paths under root). */
export async function htmlFiles(root: string, skip: readonly string[] = []): Promise<string[]> {
	const out: string[] = [];
	const skipped = new Set(skip.map((s) => join(root, s)));
	async function walk(dir: string): Promise<void> {
		for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name))) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (!skipped.has(full)) await walk(full);
			} else if (entry.name.endsWith('.html')) out.push(full);
		}
	}
	await walk(root);
	return out;
}

/**
 * Every HTML file of the built site in `root`: the routes' output files (`assets` of
 * `astro:build:done`) and the files of `public/`, which Astro copies as they are.
 */
export async function builtHtml(root: string, assets: ReadonlyMap<string, readonly URL[]>, publicDir: string): Promise<string[]> {
	const files = new Set<string>();
	for (const urls of assets.values()) for (const url of urls) if (url.pathname.endsWith('.html')) files.add(fileURLToPath(url));
	if (existsSync(publicDir)) for (const file of await htmlFiles(publicDir)) files.add(join(root, relative(publicDir, file)));
	return [...files].sort(byCodePoint);
}
