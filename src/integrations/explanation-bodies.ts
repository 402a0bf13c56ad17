import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeWholeAsync } from '../cache/files';
import { BODY_MARK, BODY_STORE_FILE, bodiesChanged, bodyPatcher, keptThisBuild, setKeptThisBuild, settledBodies, type BodyStore } from '../site/explanation-bodies';

/** Where Astro's incremental build keeps its copy of each keyed page, and its record of them (astro/dist/core/build/incremental.js). */
const ASTRO_COPIES = 'dist/';
const ASTRO_MANIFEST = 'incremental-build.json';

/**
 * The pages Astro copied from the last build given the explanation texts edited since (see
 * ../site/explanation-bodies.ts): the site's file and Astro's own copy, which the next build
 * copies. First of the hooks that read the built pages (the links check, the search index, the
 * Content Security Policy), so that none of them reads an old text.
 */
export function explanationBodies(): AstroIntegration {
	let cacheDir: URL | undefined;
	return {
		name: 'pipeline-atlas:explanation-bodies',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = config.experimental.incrementalBuild ? config.cacheDir : undefined;
			},
			'astro:build:start': () => setKeptThisBuild(undefined),
			'astro:build:done': async ({ dir, assets, logger }) => {
				const store = keptThisBuild();
				setKeptThisBuild(undefined);
				if (!cacheDir || !store) return;
				const started = performance.now();
				let patched = 0;
				if (bodiesChanged(store)) {
					try {
						patched = await patchCopies(store, dir, cacheDir, [...assets.values()].flat());
					} catch (error) {
						// Astro's record of the last build forgotten: the next build renders every page.
						await rm(new URL(ASTRO_MANIFEST, cacheDir), { force: true });
						throw new Error(`Could not give the pages copied from the last build their edited explanation texts: ${error instanceof Error ? error.message : String(error)}. The build's cache has been cleared: build again.`);
					}
				}
				// Every copy holds the current texts now: the older ones need not be known, and no build is under way.
				await writeWholeAsync(fileURLToPath(new URL(BODY_STORE_FILE, cacheDir)), JSON.stringify(settledBodies(store)));
				if (patched > 0) logger.info(`edited explanation texts given to ${patched} pages copied from the last build in ${Math.round(performance.now() - started)}ms`);
			},
		},
	};
}

/** Patches every HTML page of `outputs` holding an older text, and Astro's copy of it; how many. */
async function patchCopies(store: BodyStore, dir: URL, cacheDir: URL, outputs: readonly URL[]): Promise<number> {
	const patch = bodyPatcher(store);
	const copies = new URL(ASTRO_COPIES, cacheDir);
	const mark = Buffer.from(BODY_MARK);
	const files = outputs.filter((url) => url.pathname.endsWith('.html'));
	const patchFile = async (url: URL): Promise<boolean> => {
		const bytes = await readFile(url);
		// Most pages show no authored explanation: looked for in the bytes before anything else.
		if (!bytes.includes(mark)) return false;
		const where = url.href.slice(dir.href.length);
		let page: Buffer | undefined;
		try {
			page = patch(bytes);
		} catch (error) {
			throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
		}
		if (page === undefined) return false;
		// A page holding an older text was copied from Astro's copy, named as Astro names it (the
		// page's URL under the site's); that copy is what the next build copies.
		const copy = new URL(where, copies);
		if (!existsSync(copy)) throw new Error(`${where}: the copy Astro keeps of it is not at ${fileURLToPath(copy)}`);
		await writeFile(url, page);
		// Whole or not at all: Astro's record already names this copy for the next build.
		await writeWholeAsync(fileURLToPath(copy), page);
		return true;
	};
	// A few files at a time: one at a time, the thread waits on each read and write in turn.
	let next = 0;
	let patched = 0;
	let failed = false;
	const worker = async () => {
		for (let i = next++; i < files.length && !failed; i = next++) {
			try {
				if (await patchFile(files[i]!)) patched++;
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	// Every worker stopped before the cache is cleared: none writes a copy after.
	const results = await Promise.allSettled(Array.from({ length: 8 }, worker));
	const rejected = results.find((result) => result.status === 'rejected');
	if (rejected) throw rejected.reason;
	return patched;
}
