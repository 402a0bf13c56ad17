import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BODY_STORE_FILE, BodyPatchError, bodiesChanged, bodyPatcher, parseBodyStore, settledBodies } from '../site/explanation-bodies';

/** Where Astro's incremental build keeps its copy of each keyed page (astro/dist/core/build/incremental.js). */
const ASTRO_COPIES = 'dist/';
const ASTRO_MANIFEST = 'incremental-build.json';

/**
 * The pages Astro copied from the last build given the explanation texts edited since (see
 * ../site/explanation-bodies.ts): the site's copy and Astro's own, which the next build copies.
 * First of the hooks that read the built pages (the links check, the search index, the
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
			'astro:build:done': async ({ dir, assets, logger }) => {
				if (!cacheDir) return;
				const storeFile = fileURLToPath(new URL(BODY_STORE_FILE, cacheDir));
				const store = parseBodyStore(await readFile(storeFile, 'utf8').catch(() => undefined));
				if (!store || !bodiesChanged(store)) return;
				const started = performance.now();
				const patch = bodyPatcher(store);
				const copies = new URL(ASTRO_COPIES, cacheDir);
				const files = [...assets.values()].flatMap((urls) => urls.filter((url) => url.pathname.endsWith('.html')));
				const patchFile = async (url: URL): Promise<boolean> => {
					let page: Buffer | undefined;
					try {
						page = patch(await readFile(url));
					} catch (error) {
						if (!(error instanceof BodyPatchError)) throw error;
						// Astro's record of the last build forgotten: the next build renders every page.
						await rm(new URL(ASTRO_MANIFEST, cacheDir), { force: true });
						throw new Error(`${url.href.slice(dir.href.length)}: ${error.message}. The build's cache is not what it recorded; it has been cleared, so build again.`);
					}
					if (page === undefined) return false;
					await writeFile(url, page);
					// Astro's copy, named as Astro names it (the page's URL under the site's), is what the
					// next build copies: this build's page, whatever it held.
					const copy = new URL(url.href.slice(dir.href.length), copies);
					if (existsSync(copy)) await writeFile(copy, page);
					return true;
				};
				// A few files at a time: one at a time, the thread waits on each read and write in turn.
				let next = 0;
				let patched = 0;
				const worker = async () => {
					for (let i = next++; i < files.length; i = next++) if (await patchFile(files[i]!)) patched++;
				};
				await Promise.all(Array.from({ length: 8 }, worker));
				// Every copy holds the current texts now: the older ones need not be known.
				await writeFile(`${storeFile}.partial`, JSON.stringify(settledBodies(store)));
				await rename(`${storeFile}.partial`, storeFile);
				logger.info(`explanation texts: ${patched} pages copied from the last build given the edited text in ${Math.round(performance.now() - started)}ms`);
			},
		},
	};
}
