import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { headerSearch } from './support/header-search';
import { repoRoot } from './support/paths';
import { serve } from './support/server';
import { tempDir } from '../support/temp';

// A pipeline title a pull request could put in pipeline.yml; it becomes a search filter value.
const IMG = '<img src=x onerror="window.__pwned=1">';

let root: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;

beforeAll(async () => {
	root = tempDir('atlas-hostile-search-');
	mkdirSync(join(root, 'pipelines/evil/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil/.circleci/config.yml'), 'version: 2.1\njobs:\n  hello:\n    docker: [{image: cimg/base:stable}]\n    steps:\n      - run: echo hello\nworkflows:\n  main:\n    jobs: [hello]\n');
	writeFileSync(join(root, 'pipelines/evil/pipeline.yml'), `title: '${IMG}'\n`);
	mkdirSync(join(root, 'content/docs'), { recursive: true });
	writeFileSync(join(root, 'content/docs/intro.md'), '---\ntitle: Intro\n---\n\nHello.\n');
	// Vitest's own variables (BASE_URL=/, DEV=1) stay in the environment: the build must ignore them.
	const result = spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', '--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', join(root, 'dist'), '--base', '/x/'], { cwd: repoRoot, encoding: 'utf8' });
	expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
	server = await serve(join(root, 'dist'), '/x/');
	browser = await launch();
	page = await browser.newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (root) rmSync(root, { recursive: true, force: true });
});

async function searchPage(): Promise<void> {
	await page.goto(`${server.url}search/?q=hello`);
	await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
	// The filter panel is drawn once pagefind has read its filters.
	await page.locator('#atlas-search input[name="pipeline"]').first().waitFor({ state: 'attached', timeout: 15_000 });
}

describe('a hostile pipeline title in search', () => {
	it('is offered as a pipeline filter on the search page', async () => {
		await searchPage();
		// With look-alikes for < and >: pagefind's UI shows filter values as HTML.
		await expect(page.locator('#atlas-search input[name="pipeline"]').first().getAttribute('value')).resolves.toBe(IMG.replace(/</g, '‹').replace(/>/g, '›'));
	});

	// Pagefind's default UI writes filter values with `{@html value}` and pagefind decodes every
	// entity of the attribute it reads them from: the site hands it look-alikes for < > &.
	it('runs nothing and is shown as text on the search page and in the header search', async () => {
		await searchPage();
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), '/search/').toBeUndefined();
		expect(await page.locator('#atlas-search img[src="x"]').count()).toBe(0);
		await expect(page.locator('#atlas-search label.pagefind-ui__filter-label', { hasText: IMG.replace(/</g, '‹').replace(/>/g, '›') }).count()).resolves.toBe(1);

		await headerSearch(page, server.url, 'hello');
		await page.locator('dialog[open] input[name="pipeline"]').first().waitFor({ state: 'attached', timeout: 15_000 });
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), 'header search').toBeUndefined();
		expect(await page.locator('dialog[open] img[src="x"]').count()).toBe(0);
	});
});
