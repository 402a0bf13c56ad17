import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodePoint } from '../ingest/order';

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
