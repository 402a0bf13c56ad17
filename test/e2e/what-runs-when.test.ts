import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { screenshotDir, siteDir, base } from './support/paths';
import { serve } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;

beforeAll(async () => {
	server = await serve(siteDir, base);
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.goto(`${server.url}pipelines/atlas-monorepo/`);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

const row = (label: string) => page.locator('table.atlas-when tr', { has: page.locator('th', { hasText: label }) }).locator('td');

describe('what runs when', () => {
	it('tabulates the jobs a push to main, a feature branch and a version tag start', async () => {
		await expect(row('Push to main').innerText()).resolves.toBe('untagged_build: install, lint, test, build, push-containers, release-preproduction');
		await expect(row('Push to feature/x').innerText()).resolves.toBe('untagged_build: install, lint, test, build');
		await expect(row('Tag v1.2.0').innerText()).resolves.toBe('tagged_deployment: hold-production, release-production');
	});

	it('answers for any tag the reader types, with links to the jobs', async () => {
		const box = page.locator('atlas-what-runs');
		await box.locator('select').selectOption('tag');
		await box.locator('input').fill('v2.0.1');
		await box.locator('button').click();
		await expect(box.locator('output').innerText()).resolves.toContain('A push of the tag “v2.0.1” runs:');
		await expect(box.locator('output li').allInnerTexts()).resolves.toEqual(['hold-production — tagged_deployment', 'release-production — tagged_deployment']);
		await expect(box.locator('output a').last().getAttribute('href')).resolves.toBe(`${base}pipelines/atlas-monorepo/jobs/release-production/`);

		await box.locator('input').fill('nightly');
		await box.locator('button').click();
		await expect(box.locator('output').innerText()).resolves.toContain('runs no job');
		await box.screenshot({ path: join(screenshotDir, 'what-runs-when.png') });
	});
});
