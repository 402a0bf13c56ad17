import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { explanationBodies } from '../../src/integrations/explanation-bodies';
import { BODY_STORE_FILE, bodyHtml, parseBodyStore, registerBodies, setKeptThisBuild, settledBodies, type BodyStore } from '../../src/site/explanation-bodies';
import { tempDir } from '../support/temp';

const jobPage = (text: string) => `<html><body><ol data-pagefind-ignore><li>${bodyHtml('explanations/checkout', text)}</li></ol></body></html>`;

/** A site and a build cache as Astro leaves them once it has copied `pages` from the last build. */
function built(pages: Record<string, string>, { copies = true } = {}) {
	const root = tempDir('atlas-explanation-bodies-');
	const [out, cache] = [join(root, 'dist'), join(root, 'cache')];
	for (const [path, html] of Object.entries(pages)) {
		for (const file of [join(out, path), ...(copies ? [join(cache, 'dist', path)] : [])]) {
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, html);
		}
	}
	mkdirSync(cache, { recursive: true });
	writeFileSync(join(cache, 'incremental-build.json'), '{}');
	return { out, cache };
}

/** Runs the integration's hooks as `astro build` does, the store registered by the pages' code given. */
async function runHooks(site: { out: string; cache: string }, store: BodyStore | undefined, pages: string[]) {
	const integration = explanationBodies();
	const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
	const logged: string[] = [];
	await hooks['astro:config:done']!({ config: { experimental: { incrementalBuild: true }, cacheDir: pathToFileURL(`${site.cache}/`) } });
	await hooks['astro:build:start']!({});
	setKeptThisBuild(store);
	if (store) writeFileSync(join(site.cache, BODY_STORE_FILE), JSON.stringify(store));
	const assets = new Map([['src/pages/pipelines/[pipeline]/jobs/[job].astro', pages.map((page) => pathToFileURL(join(site.out, page)))]]);
	await hooks['astro:build:done']!({ dir: pathToFileURL(`${site.out}/`), assets, logger: { info: (message: string) => logged.push(message) } });
	return logged;
}

const edited = (before: string, after: string) => registerBodies(settledBodies(registerBodies(undefined, new Map([['explanations/checkout', before]]), () => 'g1')), new Map([['explanations/checkout', after]]), () => 'g2');

afterEach(() => setKeptThisBuild(undefined));

describe('the edited explanation texts given to copied pages', () => {
	it('patches the site\'s page and Astro\'s copy of it, then keeps only the current texts, no build under way', async () => {
		const site = built({ 'pipelines/a/jobs/test/index.html': jobPage('<p>old</p>'), 'pipelines/a/jobs/lint/index.html': jobPage('<p>new</p>'), 'index.html': '<p>overview</p>' });
		const logged = await runHooks(site, edited('<p>old</p>', '<p>new</p>'), ['pipelines/a/jobs/test/index.html', 'pipelines/a/jobs/lint/index.html', 'index.html']);
		for (const file of [join(site.out, 'pipelines/a/jobs/test/index.html'), join(site.cache, 'dist/pipelines/a/jobs/test/index.html')]) expect(readFileSync(file, 'utf8')).toBe(jobPage('<p>new</p>'));
		expect(logged).toEqual([expect.stringMatching(/^edited explanation texts given to 1 pages copied from the last build in \d+ms$/)]);
		expect(parseBodyStore(readFileSync(join(site.cache, BODY_STORE_FILE), 'utf8'))).toEqual({ generation: 'g1', bodies: { 'explanations/checkout': ['<p>new</p>'] } });
		// Written whole: no partial file left beside the copy or the store.
		expect(readdirSync(join(site.cache, 'dist/pipelines/a/jobs/test'))).toEqual(['index.html']);
		expect(readdirSync(site.cache).filter((name) => name.endsWith('.partial'))).toEqual([]);
	});

	it('settles a store with nothing to patch, so that the next build trusts it', async () => {
		const site = built({ 'pipelines/a/jobs/test/index.html': jobPage('<p>same</p>') });
		const store = registerBodies(undefined, new Map([['explanations/checkout', '<p>same</p>']]), () => 'g1');
		expect(store.pending).toBe(true);
		expect(await runHooks(site, store, ['pipelines/a/jobs/test/index.html'])).toEqual([]);
		expect(parseBodyStore(readFileSync(join(site.cache, BODY_STORE_FILE), 'utf8'))?.pending).toBeUndefined();
	});

	it('leaves alone a store its build did not register (astro dev, a cache it could not write)', async () => {
		const site = built({ 'pipelines/a/jobs/test/index.html': jobPage('<p>old</p>') });
		await runHooks(site, undefined, ['pipelines/a/jobs/test/index.html']);
		expect(existsSync(join(site.cache, BODY_STORE_FILE))).toBe(false);
		expect(readFileSync(join(site.out, 'pipelines/a/jobs/test/index.html'), 'utf8')).toBe(jobPage('<p>old</p>'));
	});

	it('fails the build, naming the page, and clears Astro\'s record when a copy is not what its key says', async () => {
		const unknown = built({ 'pipelines/a/jobs/test/index.html': jobPage('<p>never written</p>') });
		await expect(runHooks(unknown, edited('<p>old</p>', '<p>new</p>'), ['pipelines/a/jobs/test/index.html'])).rejects.toThrow(/pipelines\/a\/jobs\/test\/index\.html: its explanation "explanations\/checkout" holds a text no build wrote\. The build's cache has been cleared: build again\./);
		expect(existsSync(join(unknown.cache, 'incremental-build.json'))).toBe(false);
		// Still pending: the next build trusts none of it either.
		expect(parseBodyStore(readFileSync(join(unknown.cache, BODY_STORE_FILE), 'utf8'))?.pending).toBe(true);

		const uncopied = built({ 'pipelines/a/jobs/test/index.html': jobPage('<p>old</p>') }, { copies: false });
		await expect(runHooks(uncopied, edited('<p>old</p>', '<p>new</p>'), ['pipelines/a/jobs/test/index.html'])).rejects.toThrow(/pipelines\/a\/jobs\/test\/index\.html: the copy Astro keeps of it is not at /);
		expect(existsSync(join(uncopied.cache, 'incremental-build.json'))).toBe(false);
	});
});
