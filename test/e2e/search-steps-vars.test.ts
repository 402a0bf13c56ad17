import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { headerSearch } from './support/header-search';
import { base, screenshotDir, siteDir } from './support/paths';
import { serve } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let context: BrowserContext;
let page: Page;
let origin: string;
/** Every request any page of these tests made, workers' included. */
const requested: string[] = [];

/** Pages report their requests (and their workers') to their context: watch every context. */
function watch(ctx: BrowserContext): BrowserContext {
	ctx.on('request', (request) => requested.push(request.url()));
	return ctx;
}

beforeAll(async () => {
	server = await serve(siteDir, base);
	origin = new URL(server.url).origin;
	browser = await launch();
	context = watch(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
	page = await context.newPage();
	mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

const hrefs = (links: Locator) => links.evaluateAll((all) => all.map((a) => (a as HTMLAnchorElement).pathname + (a as HTMLAnchorElement).hash));

/** Starlight's search loads its UI when the page is idle: a user cannot type into it before. */
async function searchReady(): Promise<void> {
	await page.locator('site-search dialog input').waitFor({ state: 'attached' });
}

/**
 * Every result of the open list, "Load more results" clicked until all are shown. Pagefind
 * renders results and the button after the first link, and a search still debouncing can
 * render the first page again: the list counts as whole when it holds the count Pagefind
 * announces ("12 results for …") twice in a row.
 */
async function allResults(scope: string): Promise<string[]> {
	const message = page.locator(`${scope} .pagefind-ui__message`);
	const shown = page.locator(`${scope} .pagefind-ui__result`);
	const more = page.locator(`${scope} .pagefind-ui__button`, { hasText: 'Load more results' });
	let whole = 0;
	for (let tries = 0; tries < 60 && whole < 2; tries++) {
		await page.waitForTimeout(250);
		const total = Number(/^(\d+) results? for/.exec((await message.innerText().catch(() => '')).trim())?.[1] ?? NaN);
		const count = await shown.count();
		if (count === total) whole++;
		else {
			whole = 0;
			if (count < total && (await more.count()) > 0) await more.click();
		}
	}
	return hrefs(page.locator(`${scope} .pagefind-ui__result-link`));
}

async function headerSearchLinks(query: string): Promise<string[]> {
	return hrefs(await headerSearch(page, server.url, query));
}

/**
 * The links of the search page's results once `done` holds for them and the list is whole and
 * still: as many results as Pagefind announces, the same on two looks in a row. A filter
 * ticked while a search runs passes through lists of the search before; if it never settles,
 * the links as they are then, for the assertion to show.
 */
async function resultsOnceSettled(done: string): Promise<string[]> {
	// One expression, evaluated by the test harness (a page's Content Security Policy forbids `new Function`).
	const read = () =>
		page.evaluate<{ ok: boolean; key: string }>(`(() => {
			const links = [...document.querySelectorAll('#atlas-search .pagefind-ui__result-link')].filter((a) => a.checkVisibility());
			const shown = [...document.querySelectorAll('#atlas-search .pagefind-ui__result')].filter((r) => r.checkVisibility()).length;
			const total = Number(/^(\\d+) results? for/.exec(document.querySelector('#atlas-search .pagefind-ui__message')?.textContent?.trim() ?? '')?.[1] ?? NaN);
			const ok = ((links) => ${done})(links);
			return { ok: ok && (shown === total || shown >= 5), key: links.map((a) => a.pathname + a.hash).join(' ') };
		})()`);
	let last = '';
	for (let tries = 0; tries < 40; tries++) {
		const now = await read();
		if (now.ok && now.key === last) break;
		last = now.ok ? now.key : '';
		await page.waitForTimeout(250);
	}
	return hrefs(page.locator('#atlas-search .pagefind-ui__result-link').locator('visible=true'));
}

/**
 * Ticks "kind: step" on the search page as a person would, by its label. Pagefind redraws the
 * filter list while the first search's counts arrive, so a click can meet a label on its way
 * out: it is tried again until the box is ticked.
 */
async function tickStepFilter(): Promise<void> {
	const label = page.locator('#atlas-search label.pagefind-ui__filter-label', { hasText: /^step \(\d+\)$/ });
	const box = page.locator('#atlas-search input#kind-step');
	for (let tries = 0; tries < 5 && !(await box.isChecked().catch(() => false)); tries++) {
		await label.click({ timeout: 5_000 }).catch(() => undefined);
	}
	expect(await box.isChecked()).toBe(true);
}

/** The address as the address bar shows it (Playwright's page.url() lags behind replaceState). */
const address = async () => new URL(await page.evaluate(() => location.href));

const isStep = (href: string) => /^\/docs\/ci\/pipelines\/[^/]+\/jobs\/[^/]+\/#step-/.test(href);
/** A result of kind step: a job's steps, linking to the job page's steps, with the matching steps under it. */
const isStepsOfJob = (href: string) => /^\/docs\/ci\/pipelines\/[^/]+\/jobs\/[^/]+\/#steps$/.test(href);
/**
 * For resultsOnceSettled: every result shown is a job's steps ("Steps of …", linking to the
 * job page's steps) or a step (one of a job's steps, or the team's explanation of steps, which
 * links to the first step it explains).
 */
const ONLY_STEPS = "links.length > 0 && links.some((a) => a.hash.startsWith('#step-')) && links.every((a) => (a.hash === '#steps' ? a.textContent.startsWith('Steps of ') : a.hash.startsWith('#step-')))";

describe('header search for a variable', () => {
	it('lists the variable’s entry first', async () => {
		const results = await headerSearchLinks('CIRCLE_BRANCH');
		expect(results[0]?.startsWith(`${base}env/`), results.join('\n')).toBe(true);
		await expect(page.locator('dialog[open] .pagefind-ui__result-link').first().innerText()).resolves.toBe('CIRCLE_BRANCH');
		// The pipeline's own entry, with the steps that read it, is listed too.
		expect(results).toContain(`${base}env/#atlas-monorepo--CIRCLE_BRANCH`);
		await page.screenshot({ path: join(screenshotDir, 'search-variable.png') });
	});

	it('lists the steps that read it, linking to their place on the job page', async () => {
		await headerSearchLinks('CIRCLE_BRANCH');
		const results = await allResults('dialog[open]');
		expect(results.filter(isStep), results.join('\n')).toEqual(
			expect.arrayContaining([`${base}pipelines/atlas-monorepo/jobs/push-containers/#step-4`, `${base}pipelines/atlas-monorepo/jobs/push-containers/#step-5`]),
		);
	});
});

describe('the / key', () => {
	it('opens the search from a page, ready to type in', async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
		await searchReady();
		await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
		await page.keyboard.press('/');
		await expect(page.locator('dialog[open]').count()).resolves.toBe(1);
		await expect(page.locator('dialog[open] input.pagefind-ui__search-input').evaluate((input) => input === document.activeElement)).resolves.toBe(true);
		await page.keyboard.type('helm');
		// The slash opened the search; it is not part of the query.
		await expect(page.locator('dialog[open] input.pagefind-ui__search-input').inputValue()).resolves.toBe('helm');
		await page.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
	});

	it('is typed as a slash while typing in a field', async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
		await searchReady();
		await page.locator('#atlas-ref').click();
		await page.keyboard.type('feature/login');
		await expect(page.locator('#atlas-ref').inputValue()).resolves.toBe('feature/login');
		await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
	});
});

describe('the search page', () => {
	it('reproduces a search from its address', async () => {
		await page.goto(`${server.url}search/?q=CIRCLE_BRANCH`);
		const links = page.locator('#atlas-search .pagefind-ui__result-link');
		await links.first().waitFor({ timeout: 15_000 });
		await expect(page.locator('#atlas-search input[type="text"]').inputValue()).resolves.toBe('CIRCLE_BRANCH');
		await expect(page.locator('#atlas-search .pagefind-ui__message').innerText()).resolves.toMatch(/^\d+ results? for CIRCLE_BRANCH$/);
		const results = await hrefs(links);
		expect(results[0]?.startsWith(`${base}env/`), results.join('\n')).toBe(true);
	});

	it('narrows the results to steps with the filter "kind: step"', async () => {
		// CIRCLE_SHA1 is both a variable (its entries) and read by steps (their jobs' step results).
		await page.goto(`${server.url}search/?q=CIRCLE_SHA1`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const before = await allResults('#atlas-search');
		expect(before.some((href) => !isStep(href))).toBe(true);
		expect(before.some(isStep)).toBe(true);

		await tickStepFilter();
		await expect(page.locator('#atlas-search input#kind-step').isChecked()).resolves.toBe(true);
		const after = await resultsOnceSettled(ONLY_STEPS);
		expect(after.some(isStep), after.join('\n')).toBe(true);
		expect(after.filter((href) => !isStep(href) && !isStepsOfJob(href)), 'results that are not steps').toEqual([]);
		// No explanation in the example names CIRCLE_SHA1: every result is a job's steps.
		const titles = await page.locator('#atlas-search .pagefind-ui__result-inner > .pagefind-ui__result-title').allInnerTexts();
		expect(titles.filter((t) => !t.startsWith('Steps of ')), 'results that are not a job’s steps').toEqual([]);
		// Many pipelines have a job of the same name: each result says its pipeline.
		const tags = await page.locator('#atlas-search .pagefind-ui__result-tag').allInnerTexts();
		expect(tags.length, 'pipeline tags').toBe(titles.length);
		expect(tags.every((t) => /^Pipeline: \S/.test(t)), tags.join('\n')).toBe(true);
		expect(after).not.toContain(`${base}env/circleci/#CIRCLE_SHA1`);
		await page.screenshot({ path: join(screenshotDir, 'search-page-steps.png') });
	});

	it('lists the steps reading CIRCLE_BRANCH under "kind: step"', async () => {
		await page.goto(`${server.url}search/?q=CIRCLE_BRANCH`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		await tickStepFilter();
		const after = await resultsOnceSettled(ONLY_STEPS);
		expect(after.filter(isStep), 'step results for CIRCLE_BRANCH').toEqual(
			expect.arrayContaining([`${base}pipelines/atlas-monorepo/jobs/push-containers/#step-4`, `${base}pipelines/atlas-monorepo/jobs/push-containers/#step-5`]),
		);
		expect(after.every((href) => isStep(href) || isStepsOfJob(href))).toBe(true);
	});

	it('finds a line of a recorded log under its run, linking to the step that printed it', async () => {
		await page.goto(`${server.url}search/?q=pluggy`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const results = await resultsOnceSettled('links.length > 0');
		expect(results).toContain(`${base}pipelines/lettings-django/runs/circleci-366/#step-12`);
		const titles = await page.locator('#atlas-search .pagefind-ui__result-inner > .pagefind-ui__result-title').allInnerTexts();
		expect(titles).toContain('Logs of run_tests #366');
	});

	it('finds a failed run by the error its log printed past the lines search reads of every step', async () => {
		// Line 21 of the step's 40: search reads the first 10 of each step, and the lines the run's page quotes.
		await page.goto(`${server.url}search/?q=${encodeURIComponent('AssertionError cdn products')}`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const results = await resultsOnceSettled('links.length > 0');
		expect(results).toContain(`${base}pipelines/storefront-web/runs/github-11873421907-test-22-ubuntu-latest/#step-4`);
	});

	it('finds a job page by what the team wrote to explain the job', async () => {
		// Only content/explanations/lettings-deploy.md says it, on the job page it explains.
		await page.goto(`${server.url}search/?q=${encodeURIComponent('records the release for the notification')}`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const results = await resultsOnceSettled('links.length > 0');
		expect(results[0], results.join('\n')).toBe(`${base}pipelines/lettings-django/jobs/deploy_on_heroku/`);
		const titles = await page.locator('#atlas-search .pagefind-ui__result-inner > .pagefind-ui__result-title').allInnerTexts();
		expect(titles[0]).toBe('deploy_on_heroku');
	});

	it('finds the team’s explanation of steps once, linking to the first step it explains and naming the others', async () => {
		// Only content/explanations/helm-deploys.md says it, explaining four jobs' `helm upgrade --install` steps.
		await page.goto(`${server.url}search/?q=${encodeURIComponent('previous version running')}`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const results = await resultsOnceSettled('links.length > 0');
		const titles = await page.locator('#atlas-search .pagefind-ui__result-inner > .pagefind-ui__result-title').allInnerTexts();
		expect(titles[0], titles.join('\n')).toBe('How a Helm release rolls out');
		expect(titles.filter((t) => t === 'How a Helm release rolls out')).toHaveLength(1);
		expect(isStep(results[0]!) && results[0]!.startsWith(`${base}pipelines/atlas-monorepo/jobs/release-preproduction/#step-`), results.join('\n')).toBe(true);
		await expect(page.locator('#atlas-search .pagefind-ui__result-excerpt').first().innerText()).resolves.toMatch(/previous version running/);
	});

	it('finds the team’s explanation of a CI’s stage, linking to the stage in a run', async () => {
		// Only content/explanations/environment-stage.md says it, explaining CircleCI's environment stage.
		await page.goto(`${server.url}search/?q=${encodeURIComponent('usually means the variable is missing')}`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		const results = await resultsOnceSettled('links.length > 0');
		const titles = await page.locator('#atlas-search .pagefind-ui__result-inner > .pagefind-ui__result-title').allInnerTexts();
		expect(titles[0], titles.join('\n')).toBe('What the environment stage tells you');
		expect(results[0], results.join('\n')).toBe(`${base}pipelines/atlas-monorepo/runs/circleci-1450/#step-2`);
	});

	it('keeps what is typed in the address', async () => {
		await page.goto(`${server.url}search/`);
		const input = page.locator('#atlas-search input[type="text"]');
		await input.fill('helm upgrade');
		expect((await address()).searchParams.get('q')).toBe('helm upgrade');
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		// The address reproduces it.
		await page.goto((await address()).href);
		await expect(page.locator('#atlas-search input[type="text"]').inputValue()).resolves.toBe('helm upgrade');
		await page.locator('#atlas-search input[type="text"]').fill('');
		expect((await address()).searchParams.has('q')).toBe(false);
	});

	it('keeps a ticked filter in the address', async () => {
		await page.goto(`${server.url}search/?q=CIRCLE_SHA1`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		await tickStepFilter();
		await expect(page.locator('#atlas-search input#kind-step').isChecked()).resolves.toBe(true);
		expect((await address()).searchParams.getAll('kind')).toEqual(['step']);
	});
});

/**
 * What one query costs. Pagefind's UI imports `pagefind/pagefind.js` only when the search field
 * is first focused or typed in (its `init`), never at page load (asserted below), so everything
 * fetched after the page has loaded is fetched because of the query: pagefind.js, the
 * pagefind-entry.json,
 * the language's pf_meta, its wasm, the filter chunks (read at init for the filter panel), the
 * index chunk holding the term, and one fragment per result shown. All of it counts as the
 * search payload: a reader who searches once pays for all of it.
 *
 * Sizes are the response bodies the browser received, counted through Playwright, not through
 * `performance.getEntriesByType('resource')`: the wasm, index and fragments are fetched by the
 * worker, whose requests the page's performance timeline never lists (and Playwright's
 * `request.sizes()` reports 0 for the worker script). The test server does not compress, so a
 * body's length is what crossed the wire (plus headers, not counted).
 */
interface Traffic {
	load: { url: string; bytes: number }[];
	query: { url: string; bytes: number }[];
}
let measured: Traffic | undefined;
const BUDGET = 150_000;
const sum = (list: { bytes: number }[]) => list.reduce((n, r) => n + r.bytes, 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe('what one search costs', () => {
	it('loads the search files only for a query, and measures them', async () => {
		// A fresh context: nothing cached from the tests above.
		const fresh = watch(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
		try {
			const tab = await fresh.newPage();
			let phase: keyof Traffic = 'load';
			const phases = new Map<Request, keyof Traffic>();
			const bodies: Promise<{ phase: keyof Traffic; url: string; bytes: number }>[] = [];
			fresh.on('request', (request) => phases.set(request, phase));
			fresh.on('requestfinished', (request) => {
				const at = phases.get(request) ?? phase;
				bodies.push(
					request.response().then(async (response) => ({ phase: at, url: request.url(), bytes: response ? (await response.body()).length : 0 })),
				);
			});
			await tab.goto(`${server.url}search/`);
			// Pagefind's UI is imported after the page's script: the load is over once its box is there.
			await tab.locator('#atlas-search input[type="text"]').waitFor();
			await tab.waitForLoadState('networkidle');
			phase = 'query';
			await tab.locator('#atlas-search input[type="text"]').fill('CIRCLE_BRANCH');
			await tab.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
			// Results render as their fragments arrive, each a placeholder until its own: wait until
			// every result shown has its link (the network alone fell idle between two fragments on a
			// slow machine, and 5 results were counted with 1 fragment fetched).
			await tab.waitForFunction(() => {
				const results = [...document.querySelectorAll('#atlas-search .pagefind-ui__result')];
				return results.length > 0 && results.every((result) => result.querySelector('.pagefind-ui__result-link'));
			}, undefined, { timeout: 15_000 });
			await tab.waitForLoadState('networkidle');
			const shown = await tab.locator('#atlas-search .pagefind-ui__result').count();

			const all = await Promise.all(bodies);
			const path = (url: string) => url.replace(server.url, '');
			const during = all.filter((r) => r.phase === 'query').map((r) => ({ url: path(r.url), bytes: r.bytes }));
			measured = {
				load: all.filter((r) => r.phase === 'load').map((r) => ({ url: path(r.url), bytes: r.bytes })),
				// Chromium fetches the favicon again when the address changes (`?q=`): not the search's.
				query: during.filter((r) => r.url.startsWith('pagefind/')),
			};
			const others = during.filter((r) => !r.url.startsWith('pagefind/'));
			const load = sum(measured.load);
			const query = sum(measured.query);
			console.log(
				[
					`search payload for one query (CIRCLE_BRANCH, ${shown} results shown): ${query} bytes (${kib(query)}) in ${measured.query.length} requests`,
					...measured.query.map((r) => `  ${String(r.bytes).padStart(7)}  ${r.url}`),
					`other requests while searching: ${others.map((r) => `${r.url} ${r.bytes}`).join(', ') || 'none'}`,
					`page load of /search/ before the query: ${load} bytes (${kib(load)}) in ${measured.load.length} requests`,
					`together: ${load + query + sum(others)} bytes (${kib(load + query + sum(others))})`,
				].join('\n'),
			);

			expect(measured.load.filter((r) => r.url.startsWith('pagefind/')), 'search files fetched before any query').toEqual([]);
			const urls = measured.query.map((r) => r.url.replace(/\?.*$/, ''));
			expect(urls).toContain('pagefind/pagefind.js');
			expect(urls.some((u) => /^pagefind\/wasm\.[a-z-]+\.pagefind$/.test(u)), 'the wasm').toBe(true);
			expect(urls.some((u) => u.startsWith('pagefind/index/')), 'an index chunk').toBe(true);
			expect(urls.filter((u) => u.startsWith('pagefind/fragment/')).length).toBeGreaterThanOrEqual(shown);
			// Only what this query needs: not the whole index or every fragment.
			expect(urls.filter((u) => u.startsWith('pagefind/fragment/')).length).toBeLessThan(50);
			expect(load).toBeGreaterThan(0);
		} finally {
			await fresh.close();
		}
	});

	// PERFORMANCE FINDING (a budget missed, not a wrong line of src/): one query fetched 191,222
	// bytes when this was written: pagefind.js (47 KB) plus pagefind-worker.js (43 KB: the same
	// search code again, for pagefind 1.6's Web Worker), the wasm (60 KB), a 24 KB index chunk,
	// 3 KB of filter chunks, 4 KB of pf_meta and ~10 KB of fragments. Without the worker it would
	// be ~148 KB: PagefindUI hands options it does not know to pagefind.options(), which before
	// the first search become the instance's init options, so `noWorker: true` in
	// src/pages/search.astro (and in Starlight's pagefind config for the header search) should
	// drop it (not verified here). Remove `.fails` once under budget.
	it(`keeps one query under ${BUDGET / 1000} KB`, () => {
		// Without a measurement this passes, which `.fails` reports as a failure.
		if (!measured) return;
		expect(sum(measured.query), measured.query.map((r) => `${r.bytes} ${r.url}`).join('\n')).toBeLessThan(BUDGET);
	});
});

describe('privacy', () => {
	it('makes no request outside the site on any of these pages', () => {
		expect(requested.length).toBeGreaterThan(20);
		expect(requested.some((url) => url.includes('/pagefind/'))).toBe(true);
		expect(requested.filter((url) => !url.startsWith(`${origin}${base}`))).toEqual([]);
	});
});
