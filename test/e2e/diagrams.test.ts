import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { base, screenshotDir, siteDir } from './support/paths';
import { serve } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let noScript: BrowserContext;
let page: Page;
const scripts: string[] = [];

beforeAll(async () => {
	server = await serve(siteDir, base);
	browser = await launch();
	// As a reader without JavaScript sees it: the diagram must already be in the HTML.
	noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
	page = await noScript.newPage();
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(r.url());
	});
	await page.goto(`${server.url}pipelines/atlas-monorepo/`);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

const diagram = () => page.locator('#workflow-untagged_build ~ figure svg.atlas-diagram').first();

describe('workflow diagrams', () => {
	it('are inline SVG, visible with JavaScript disabled', async () => {
		await expect(diagram().isVisible()).resolves.toBe(true);
		const box = await diagram().boundingBox();
		expect(box!.width).toBeGreaterThan(300);
		const labels = await diagram().locator('text').allTextContents();
		for (const job of ['install', 'lint', 'test', 'build', 'push-containers', 'release-preproduction']) expect(labels.join(' ')).toContain(job);
		await diagram().screenshot({ path: join(screenshotDir, 'diagram.png') });
	});

	it('are coloured by the stylesheet the page carries once for all of them', async () => {
		const headStyles = await page.evaluate(() => [...document.querySelectorAll('head style')].filter((s) => s.textContent!.includes('.atlas-diagram .dg-deploy rect')).length);
		expect(headStyles).toBe(1);
		await expect(page.locator('svg.atlas-diagram style').count()).resolves.toBe(0);
		// A deploy job: Starlight's green, not the black SVG's default; its label in the theme's text colour.
		const deploy = diagram().locator('.dg-deploy rect, .dg-deploy polygon, .dg-deploy path').first();
		const fill = await deploy.evaluate((e) => getComputedStyle(e).fill);
		const green = await page.evaluate(() => {
			const probe = document.createElement('div');
			probe.style.color = 'var(--sl-color-green-low)';
			document.body.append(probe);
			const color = getComputedStyle(probe).color;
			probe.remove();
			return color;
		});
		expect(fill).toBe(green);
		expect(await diagram().locator('.dg-node text').first().evaluate((e) => getComputedStyle(e).fontFamily)).not.toMatch(/^"?Times/);
	});

	it('are first painted with the whole page, whose content the head says to wait for', async () => {
		const expected = await page.evaluate(() => {
			const link = document.querySelector<HTMLLinkElement>('head link[rel="expect"][blocking="render"]');
			const target = link && document.getElementById(link.getAttribute('href')!.slice(1));
			const content = document.querySelector('main .sl-markdown-content');
			return { target: target?.tagName, last: content?.lastElementChild === target, hidden: target?.hidden };
		});
		expect(expected).toEqual({ target: 'SPAN', last: true, hidden: true });
	});

	it('ship no Mermaid runtime', () => {
		expect(scripts.filter((s) => /mermaid/i.test(s))).toEqual([]);
	});

	it('link each job node to its job page', async () => {
		const link = diagram().locator(`a[href="${base}pipelines/atlas-monorepo/jobs/build/"]`);
		await expect(link.count()).resolves.toBe(1);
		await link.click();
		await page.waitForURL(/\/jobs\/build\/$/);
		await expect(page.locator('h1').innerText()).resolves.toBe('build');
	});

	it('offer the Mermaid source, SVG and PNG for download', async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
		const hrefs = await page.locator('.atlas-diagram-downloads a[download]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		expect(hrefs.length).toBeGreaterThanOrEqual(6);
		for (const href of hrefs) {
			const res = await fetch(new URL(href, server.url));
			expect(res.status, href).toBe(200);
			const bytes = new Uint8Array(await res.arrayBuffer());
			if (href.endsWith('.png')) expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
			if (href.endsWith('.mmd')) expect(new TextDecoder().decode(bytes)).toMatch(/^(%%.*\n)*flowchart (LR|TD|TB)/m);
			if (href.endsWith('.svg')) expect(new TextDecoder().decode(bytes)).toContain('<svg');
		}
	});

	it('group a matrix into one node, with a detail diagram of every instance', async () => {
		await page.goto(`${server.url}pipelines/storefront-web/`);
		const main = page.locator('figure[data-workflow="ci"]').first();
		await expect(main.locator('text').allTextContents().then((t) => t.join(' '))).resolves.toMatch(/test ×3/);
		const detail = page.locator('details.atlas-matrix-detail figure[data-workflow="ci"] text');
		const labels = (await detail.allTextContents()).join(' ');
		expect(labels).toMatch(/test \(20, ubuntu-latest\)/);
		expect(labels).toMatch(/test \(22, windows-latest\)/);
	});
});
