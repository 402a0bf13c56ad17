import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { headerSearch } from './support/header-search';
import { base, screenshotDir, siteDir } from './support/paths';
import { openSite, type Served } from './support/site';

let browser: Browser;
let server: Served;
let page: Page;
openSite((site) => ({ browser, server, page } = site));

/** The chunks of Pagefind's UI, which the header search and the search page import apart from their own scripts. */
function uiChunks(): string[] {
	const assets = join(siteDir, '_astro');
	const chunks = readdirSync(assets).filter((file) => file.endsWith('.js') && readFileSync(join(assets, file), 'utf8').includes('pagefind-ui__drawer'));
	expect(chunks.length).toBeGreaterThan(0);
	return chunks;
}

async function search(query: string): Promise<string[]> {
	const results = await headerSearch(page, server.url, query);
	return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

describe('search', () => {
	it('finds job pages by what their steps do', async () => {
		const paths = await search('helm');
		expect(paths.some((p) => p.startsWith(`${base}pipelines/atlas-monorepo/jobs/release-`))).toBe(true);
		await page.screenshot({ path: join(screenshotDir, 'search.png') });
	});

	it('finds the onboarding docs', async () => {
		const paths = await search('promotion');
		expect(paths.some((p) => p.startsWith(`${base}docs/`))).toBe(true);
	});

	it('says in the dialog when its search is loading, or could not load, and loads it on a reload', { timeout: 120_000 }, async () => {
		const chunks = uiChunks();
		const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		let mode: 'fail' | 'hold' = 'fail';
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		// What became of the UI's requests while held, for a failure to say (two CI runs under load
		// once saw the box never come: the dialog kept the focus, and the box was not there).
		const requests = { held: 0, sent: 0 };
		await tab.route(/\/_astro\/[^/]+\.js$/, async (route) => {
			if (!chunks.some((chunk) => route.request().url().endsWith(`/_astro/${chunk}`))) return route.continue();
			if (mode === 'fail') return route.abort();
			requests.held++;
			await held;
			requests.sent++;
			return route.continue();
		});
		try {
			await tab.goto(server.url);
			await tab.locator('site-search button[data-open-modal]').first().click();
			const note = tab.locator('dialog[open] .atlas-search-note');
			await expect.poll(() => note.innerText(), { timeout: 15_000 }).toContain('Search could not be loaded');
			// Nothing else in the dialog held the focus: the way to try again does.
			await expect(tab.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Reload the page');
			// And shows it has it, though the dialog was opened with a click (no `:focus-visible` then).
			await expect(tab.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.not.toBe('none');
			await tab.screenshot({ path: join(screenshotDir, 'search-failed.png') });

			mode = 'hold';
			await note.getByRole('button', { name: 'Reload the page' }).click();
			await tab.waitForLoadState('load');
			await tab.locator('site-search button[data-open-modal]:not([disabled])').first().click();
			await expect.poll(() => note.innerText(), { timeout: 15_000 }).toBe('Loading search…');
			release();
			// The search box, once there, takes the focus the empty dialog could not give it.
			// Said as what holds the focus, and whether the box is there, so a failure tells which went wrong.
			const focus = async () => {
				const where = await tab.evaluate(() => {
					const held = document.activeElement;
					const box = document.querySelector('dialog[open] input.pagefind-ui__search-input');
					return held === box ? 'the search box' : `${held?.tagName.toLowerCase()}.${held?.className}, box ${box ? 'there' : 'not there'}`;
				});
				return where === 'the search box' ? where : `${where}; UI requests held ${requests.held}, sent ${requests.sent}`;
			};
			// On a loaded machine the UI may come late: Starlight imports it from an idle callback.
			await expect.poll(focus, { timeout: 40_000 }).toBe('the search box');
			await tab.keyboard.type('helm');
			await tab.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
			await expect(note.innerText()).resolves.toBe('');
			await expect(tab.locator('.atlas-search-note').isHidden()).resolves.toBe(true);
		} finally {
			release();
			await tab.close();
		}
	});

	it('builds its search box on a page that is never idle (a saturated machine, a tab in the background)', async () => {
		const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			// The browser as it behaves then: an idle callback runs only when its timeout comes, if it has one.
			await tab.addInitScript(() => {
				window.requestIdleCallback = (callback, options) => (options?.timeout ? window.setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), options.timeout) : 0);
			});
			await tab.goto(server.url);
			await tab.locator('site-search button[data-open-modal]:not([disabled])').first().click();
			await tab.locator('dialog[open] input.pagefind-ui__search-input').waitFor({ timeout: 15_000 });
		} finally {
			await tab.close();
		}
	});

	it('says on the search page when its search could not load, and loads it on a reload', async () => {
		const chunks = uiChunks();
		const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		let refuse = true;
		await tab.route(/\/_astro\/[^/]+\.js$/, (route) => (refuse && chunks.some((chunk) => route.request().url().endsWith(`/_astro/${chunk}`)) ? route.abort() : route.continue()));
		try {
			await tab.goto(`${server.url}search/?q=helm`);
			const note = tab.locator('atlas-search .atlas-search-note');
			await expect.poll(() => note.innerText(), { timeout: 15_000 }).toContain('Search could not be loaded');
			refuse = false;
			await note.getByRole('button', { name: 'Reload the page' }).click();
			await tab.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
			await expect(note.innerText()).resolves.toBe('');
		} finally {
			await tab.close();
		}
	});

	// Pagefind's UI keeps, as its filter panel, the filters of the first results when they come
	// before it has read every filter: with the first filter file slow to arrive, a search opened
	// from its address showed two filter groups of three, for good.
	it('shows every filter group for a search opened from its address, however slowly the filters load', async () => {
		const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			let served = 0;
			await tab.route('**/pagefind/filter/*', async (route) => {
				if (served++ === 0) await new Promise((resolve) => setTimeout(resolve, 1_500));
				await route.continue();
			});
			await tab.goto(`${server.url}search/?q=deploy`);
			await tab.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
			await tab.locator('#atlas-search .pagefind-ui__filter-name').first().waitFor({ state: 'attached', timeout: 15_000 });
			// Long enough for the slow file to have arrived: what is missing now stays missing.
			await tab.waitForTimeout(2_000);
			expect(served, 'the filters come in several files').toBeGreaterThan(1);
			await expect((await tab.locator('#atlas-search .pagefind-ui__filter-name').allInnerTexts()).sort()).toEqual(['Kind', 'Pipeline', 'Provider']);
		} finally {
			await tab.close();
		}
	});
	// Starlight styles the <details> of Markdown content; Pagefind's filter groups are <details>
	// too, and got a second chevron, a rule at their side and a margin between every filter.
	it('draws each filter group as Pagefind does, without the Markdown styles of the page around it', async () => {
		const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			await tab.goto(`${server.url}search/?q=cache`);
			await tab.locator('#atlas-search .pagefind-ui__filter-value').first().waitFor({ timeout: 15_000 });
			const look = await tab.evaluate(() => {
				const name = document.querySelector('#atlas-search .pagefind-ui__filter-name')!;
				const block = name.closest('details')!;
				const values = [...document.querySelectorAll('#atlas-search .pagefind-ui__filter-value')].slice(0, 2).map((v) => v.getBoundingClientRect());
				const panel = document.querySelector('#atlas-search .pagefind-ui__filter-panel')!;
				return {
					markers: [getComputedStyle(name, '::before').content, getComputedStyle(name, '::after').content],
					sideRule: getComputedStyle(block).borderInlineStartWidth,
					panelBorder: getComputedStyle(panel).borderTopWidth,
					gap: values[1]!.top - values[0]!.bottom,
				};
			});
			expect(look.markers).toEqual(['none', '""']);
			expect(look.sideRule).toBe('0px');
			expect(look.panelBorder).toBe('0px');
			expect(look.gap).toBeLessThan(30);
			await tab.screenshot({ path: join(screenshotDir, 'search-page.png') });
		} finally {
			await tab.close();
		}
	});
});
