import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { base, siteDir } from './support/paths';
import { siteHeaders } from './support/headers';
import { serve } from './support/server';
import { tempDir } from '../support/temp';

function pagesOf(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) => relative(dir, join(e.parentPath, e.name)).replace(/index\.html$/, ''))
		.sort();
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	server = await serve(siteDir, base, siteHeaders(siteDir));
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** A page that records every policy violation and every script error, from before the first script runs. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const problems: string[] = [];
	await page.exposeFunction('__reportViolation', (text: string) => problems.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	return { page, problems };
}

describe('the Content Security Policy', () => {
	it('is on every page, right after the charset, allowing no inline script or eval without a hash', () => {
		const pages = pagesOf(siteDir);
		expect(pages.length).toBeGreaterThan(20);
		for (const path of pages) {
			const html = readFileSync(join(siteDir, path, 'index.html'), 'utf8');
			const meta = /<head[^>]*><meta charset="utf-8"\/?>(<meta http-equiv="Content-Security-Policy" content="([^"]*)">)/.exec(html);
			expect(meta, path).not.toBeNull();
			// Given once: pages get it as they are rendered, and a page copied from the last build already has it.
			expect(html.split('http-equiv="Content-Security-Policy"').length, path).toBe(2);
			const script = meta![2]!.split('; ').find((d) => d.startsWith('script-src'))!;
			expect(script, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
		}
	});

	// That it is broken by nothing on any page, sent as a header too, is checked as axe checks every
	// page (./accessibility.test.ts): each page is loaded once for both.

	it('lets the site work: theme switch, header search, the search page, a drawn Mermaid diagram', async () => {
		const { page, problems } = await watchedPage();
		await page.goto(server.url);
		await page.locator('starlight-theme-select select').first().selectOption('light');
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');

		await page.locator('site-search dialog input').waitFor({ state: 'attached' });
		await page.locator('site-search button[data-open-modal]').first().click();
		await page.locator('dialog[open] input.pagefind-ui__search-input').fill('checkout');
		await page.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });

		await page.goto(`${server.url}search/?q=CIRCLE_BRANCH`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });

		// The release branches drawing is a gitGraph: the official mermaid draws it in the page.
		await page.goto(`${server.url}docs/releasing/`);
		await page.locator('pre.atlas-mermaid svg').first().waitFor({ timeout: 15_000 });
		expect(problems).toEqual([]);
		await page.close();
	});

	it('blocks a script that reached a page anyway', async () => {
		// As if escaping had failed once: the same page with a script added, served with its policy.
		const root = tempDir('atlas-csp-');
		try {
			cpSync(siteDir, root, { recursive: true });
			const file = join(root, 'pipelines', 'atlas-monorepo', 'index.html');
			writeFileSync(file, readFileSync(file, 'utf8').replace('<main', '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><main'));
			const injected = await serve(root, base);
			try {
				const { page, problems } = await watchedPage();
				await page.goto(`${injected.url}pipelines/atlas-monorepo/`);
				await page.waitForLoadState('load');
				expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
				expect(problems.filter((p) => p.startsWith('script-src'))).toHaveLength(2);
				await page.close();
			} finally {
				await injected.close();
			}
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});
});
