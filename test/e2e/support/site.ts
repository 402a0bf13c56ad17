import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser';
import { base, siteDir } from './paths';
import { serve } from './server';

export type Served = Awaited<ReturnType<typeof serve>>;

export interface Site {
	server: Served;
	browser: Browser;
	page: Page;
}

/**
 * The built example site served, Chromium launched and one page opened (a desktop window unless
 * `options` say otherwise) before a test file's tests, handed to `use`; all closed after them.
 * A file's own `beforeAll` runs after this one.
 */
export function openSite(use: (site: Site) => void, options: Parameters<Browser['newPage']>[0] = {}): void {
	let server: Served | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		server = await serve(siteDir, base);
		browser = await launch();
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
		use({ server, browser, page });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});
}
