import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { base, siteDir } from './support/paths';
import { siteHeaders } from './support/headers';
import { serve } from './support/server';

/** axe-core's own rules for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	// With the site's own headers, its Content Security Policy among them: what breaks it is found
	// on the same loads (see axeContext).
	server = await serve(siteDir, base, siteHeaders(siteDir));
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
 * A context whose pages carry axe from the start (an init script, which the site's Content
 * Security Policy does not apply to), and record from then on what breaks that policy, and any
 * script error: `problems`, one line each. Every page is loaded once for axe and the policy.
 */
async function axeContext(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; problems: string[] }> {
	const context = await browser.newContext(options);
	const problems: string[] = [];
	await context.exposeBinding('__atlasViolation', ({ page }, text: string) => void problems.push(`${new URL(page.url()).pathname}: ${text}`));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __atlasViolation: (t: string) => void }).__atlasViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	await context.addInitScript({ content: axeSource });
	context.on('page', (page) => {
		page.on('pageerror', (error) => problems.push(`${new URL(page.url()).pathname}: script error: ${error.message}`));
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(`${new URL(page.url()).pathname}: console: ${message.text()}`);
		});
	});
	return { context, problems };
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

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Until the browser-drawn diagrams (docs' Mermaid blocks), if any, are drawn in the page's theme. */
async function settled(page: Page): Promise<void> {
	await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('pre.atlas-mermaid')].every((pre) => pre.dataset.drawnIn === document.documentElement.dataset.theme), undefined, { timeout: 15_000 });
}

/**
 * The WCAG AA rules whose answer a page's theme or width can change: colours, and boxes that
 * scroll or targets that shrink on a narrow screen. The rest (names, roles, structure) depend on
 * the page's markup, the same in either theme; the phone's own markup (the menu button) is
 * checked whole on a page of each kind.
 */
const THEME_AND_WIDTH_RULES = ['color-contrast', 'link-in-text-block', 'scrollable-region-focusable', 'target-size'];

/** axe's violations on the page as it is now, one line each: rule, element, why. `rules` narrows WCAG AA to those. */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
	const found = (
		await page.evaluate(
			({ tags, rules }) =>
				(window as unknown as { axe: { run(ctx: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe.run(document, {
					runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
					// Only violations are read: axe skips collecting the details of what passed.
					resultTypes: ['violations'],
				}),
			{ tags: WCAG_AA, rules },
		)
	).violations as Violation[];
	return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`));
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
	// axe takes about half a second a page, and loading it about as long again: each page is
	// loaded once and checked twice. First in the light theme on a desktop, every rule; then,
	// without a reload, with the system's scheme turned dark (Starlight follows it) at a phone's
	// width, the rules those change (colours are the theme's, and a table or block wider than the
	// screen scrolls inside its box, which must then take focus). One tab: on two cores a second
	// one made the pass slower.
	// The same loads find what breaks the site's Content Security Policy, sent as a header as a
	// host sends it (the policy's own checks are in ./csp.test.ts).
	it('finds nothing on any page of the example site, light on a desktop, then dark at a phone’s width, and nothing breaks its Content Security Policy', { timeout: 300_000 }, async () => {
		const { context, problems } = await axeContext({ colorScheme: 'light', viewport: DESKTOP });
		const pages = pagesOf(siteDir);
		expect(pages.length).toBeGreaterThan(20);
		const found = (await inTabs(context, pages, 1, async (page, path) => {
			await page.emulateMedia({ colorScheme: 'light' });
			await page.setViewportSize(DESKTOP);
			const response = await page.goto(server.url + path);
			if (!response?.headers()['content-security-policy']?.includes("script-src 'self'")) problems.push(`${path}: sent without the site's Content-Security-Policy header`);
			await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
			await settled(page);
			const light = (await violations(page)).map((v) => `${path} (light, desktop): ${v}`);
			await page.emulateMedia({ colorScheme: 'dark' });
			await page.setViewportSize(PHONE);
			await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', undefined, { timeout: 10_000 }).catch(() => {
				throw new Error(`${path}: the page did not turn dark with the system's scheme`);
			});
			await settled(page);
			const dark = (await violations(page, THEME_AND_WIDTH_RULES)).map((v) => `${path} (dark, phone): ${v}`);
			return [...light, ...dark];
		})).flat();
		// One assertion: a violation found does not hide what broke the policy.
		expect({ found, problems }).toEqual({ found: [], problems: [] });
		await context.close();
	});

	// A page opened dark on a phone (touch, the phone's viewport) takes its theme before its first
	// paint and draws its diagrams dark from the start: one page of each kind.
	it('finds nothing on a page of each kind opened in the dark theme on a phone', { timeout: 120_000 }, async () => {
		const { context, problems } = await axeContext({ colorScheme: 'dark', viewport: PHONE, isMobile: true });
		const pages = pagesOf(siteDir);
		const kinds = [/^$/, /^docs\//, /^env\/$/, /^env\/[^/]+\/$/, /^pipelines\/[^/]+\/$/, /\/jobs\/[^/]+\/$/, /\/runs\/[^/]+\/$/, /^search\/$/, /^404\.html$/];
		const sample = kinds.map((kind) => pages.find((path) => kind.test(path)));
		expect(sample.every((path) => path !== undefined), 'a page of each kind').toBe(true);
		const withDiagram = pages.find((path) => !path.endsWith('.html') && readFileSync(join(siteDir, path, 'index.html'), 'utf8').includes('<pre class="atlas-mermaid"'));
		const found = (await inTabs(context, [...new Set([...(sample as string[]), ...(withDiagram ? [withDiagram] : [])])], 1, async (page, path) => {
			await page.goto(server.url + path);
			await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
			await settled(page);
			return (await violations(page)).map((v) => `${path}: ${v}`);
		})).flat();
		// One assertion: a violation found does not hide what broke the policy.
		expect({ found, problems }).toEqual({ found: [], problems: [] });
		await context.close();
	});

	// Pagefind's UI draws the results and filters after the page loads, in colours of its own
	// unless the page sets them: dark grey on the dark theme's background before.
	it.each(['light', 'dark'] as const)('finds nothing on the search page showing results and filters, in the %s theme', { timeout: 60_000 }, async (scheme) => {
		const { context, problems } = await axeContext({ colorScheme: scheme, viewport: DESKTOP });
		const page = await context.newPage();
		await page.goto(`${server.url}search/?q=cache`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		await page.locator('#atlas-search .pagefind-ui__filter-name').first().waitFor({ timeout: 15_000 });
		await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(scheme);
		expect({ found: await violations(page), problems }).toEqual({ found: [], problems: [] });
		await context.close();
	});

	// Mermaid colours the diagrams it draws in the browser as it draws them: switched to the dark
	// theme after the page loaded, a diagram drawn light kept its dark text on the dark page.
	it('draws the docs’ browser-drawn diagrams again in the theme switched to', { timeout: 60_000 }, async () => {
		const { context, problems } = await axeContext({ colorScheme: 'light', viewport: DESKTOP });
		const page = await context.newPage();
		const doc = pagesOf(siteDir).find((path) => !path.endsWith('.html') && readFileSync(join(siteDir, path, 'index.html'), 'utf8').includes('<pre class="atlas-mermaid"'));
		expect(doc, 'a page with a diagram drawn in the browser').toBeDefined();
		await page.goto(server.url + doc);
		const diagram = page.locator('pre.atlas-mermaid svg').first();
		await diagram.waitFor({ timeout: 15_000 });
		await settled(page);
		// The drawing's own stylesheet carries its theme's colours (its ids differ every drawing).
		const styleOf = () => diagram.evaluate((svg) => (svg.querySelector('style')?.textContent ?? '').replace(/#?atlas-mermaid-\d+/g, ''));
		const light = await styleOf();
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
		await settled(page);
		const dark = await styleOf();
		expect(dark).not.toBe(light);
		expect(dark.length).toBeGreaterThan(100);
		expect({ found: await violations(page), problems }).toEqual({ found: [], problems: [] });
		await context.close();
	});
});
