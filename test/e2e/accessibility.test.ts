import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { base, siteDir } from './support/paths';
import { serve } from './support/server';

/** axe-core's own rules for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	server = await serve(siteDir, base);
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

function pagesOf(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		// Every page, and the one hosts serve for an address the site does not have.
		.filter((e) => e.isFile() && (e.name === 'index.html' || (e.name === '404.html' && relative(dir, e.parentPath) === '')))
		.map((e) => relative(dir, join(e.parentPath, e.name)).replace(/index\.html$/, ''))
		.sort();
}

interface Violation {
	id: string;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * A context whose pages carry axe from the start. The site's Content Security Policy rightly
 * refuses an injected script: axe comes in through a context that bypasses it.
 */
async function axeContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
	const context = await browser.newContext({ ...options, bypassCSP: true });
	await context.addInitScript({ content: axeSource });
	return context;
}

/** `visit` for every path, in `tabs` pages of the context at once, results in path order. */
async function inTabs<T>(context: BrowserContext, paths: string[], tabs: number, visit: (page: Page, path: string) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(paths.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: tabs }, async () => {
			const page = await context.newPage();
			while (next < paths.length) {
				const i = next++;
				results[i] = await visit(page, paths[i]!);
			}
			await page.close();
		}),
	);
	return results;
}

/** axe's violations on the page as it is now, one line each: rule, element, why. */
async function violations(page: Page): Promise<string[]> {
	const found = (
		await page.evaluate(
			(tags) =>
				(window as unknown as { axe: { run(ctx: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe.run(document, {
					runOnly: { type: 'tag', values: tags },
					// Only violations are read: axe skips collecting the details of what passed.
					resultTypes: ['violations'],
				}),
			WCAG_AA,
		)
	).violations as Violation[];
	return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`));
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
	// axe takes about a second a page: every page once, in one theme.
	it('finds nothing on any page of the example site, in the light theme', { timeout: 240_000 }, async () => {
		const context = await axeContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
		const pages = pagesOf(siteDir);
		expect(pages.length).toBeGreaterThan(20);
		// Two tabs at a time: the machine has two cores and axe is the cost.
		const found = (await inTabs(context, pages, 2, async (page, path) => {
			await page.goto(server.url + path);
			return (await violations(page)).map((v) => `${path}: ${v}`);
		})).flat();
		expect(found).toEqual([]);
		await context.close();
	});

	// Pagefind's UI draws the results and filters after the page loads, in colours of its own
	// unless the page sets them: dark grey on the dark theme's background before.
	it.each(['light', 'dark'] as const)('finds nothing on the search page showing results and filters, in the %s theme', { timeout: 60_000 }, async (scheme) => {
		const context = await axeContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${server.url}search/?q=cache`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		await page.locator('#atlas-search .pagefind-ui__filter-name').first().waitFor({ timeout: 15_000 });
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(scheme);
		expect(await violations(page)).toEqual([]);
		await context.close();
	});

	// Every page again in the other theme, at a phone's width: colours are the theme's, and a
	// table or block wider than the screen scrolls inside its box, which must then take focus.
	it('finds nothing on any page of the example site in the dark theme, on a phone', { timeout: 240_000 }, async () => {
		const context = await axeContext({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true });
		const pages = pagesOf(siteDir);
		expect(pages.length).toBeGreaterThan(20);
		const found = (await inTabs(context, pages, 2, async (page, path) => {
			await page.goto(server.url + path);
			await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
			return (await violations(page)).map((v) => `${path}: ${v}`);
		})).flat();
		expect(found).toEqual([]);
		await context.close();
	});
});
