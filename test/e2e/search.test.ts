import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { base, screenshotDir, siteDir } from './support/paths';
import { serve } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;

beforeAll(async () => {
	server = await serve(siteDir, base);
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

async function search(query: string): Promise<string[]> {
	await page.goto(server.url);
	await page.locator('site-search button[data-open-modal]').first().click();
	await page.locator('dialog[open] input.pagefind-ui__search-input').fill(query);
	const results = page.locator('dialog[open] .pagefind-ui__result-link');
	await results.first().waitFor({ timeout: 15_000 });
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
});
