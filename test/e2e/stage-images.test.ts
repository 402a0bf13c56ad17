import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { base, siteDir } from './support/paths';
import { openSite, type Served } from './support/site';

let browser: Browser;
let server: Served;
let page: Page;
openSite((site) => ({ browser, server, page } = site), { acceptDownloads: true });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What a file name makes of a step name, as a reader would expect: lowercase words joined by dashes. */
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Clicks a link and returns the file the browser received for it. */
async function download(link: Locator): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()]) as [Download, void];
	const failure = await file.failure();
	expect(failure, `download of ${file.suggestedFilename()} failed`).toBeNull();
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual(PNG_SIGNATURE);
	expect(bytes.toString('latin1', 12, 16), 'first chunk').toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function stepItem(name: string): Locator {
	return page.locator('ol.atlas-run-steps > li.atlas-run-step', { has: page.locator('.atlas-run-step__name', { hasText: name }) });
}

describe.each([
	{ pipeline: 'lettings-django', run: 'circleci-366', step: 'Run tests with pytest', nn: '12' },
	{ pipeline: 'storefront-web', run: 'github-11873421907-test-22-ubuntu-latest', step: 'Unit tests', nn: '04' },
])('screenshots of run $run', ({ pipeline, run, step, nn }) => {
	it(`downloads the "${step}" stage as a PNG named after it`, async () => {
		await page.goto(`${server.url}pipelines/${pipeline}/runs/${run}/`);
		const item = stepItem(step);
		const details = item.locator(':scope > details');
		if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await item.locator(':scope > details > summary').click();
		const png = item.locator('a[download$=".png"]', { hasText: 'PNG' });
		await expect(png.isVisible()).resolves.toBe(true);

		const file = await download(png);
		expect(file.name).toBe(`${pipeline}-${run}-${nn}-${slug(step)}.png`);
		const { width, height } = pngSize(file.bytes);
		expect(width).toBeGreaterThan(0);
		expect(height).toBeGreaterThan(0);

		const svg = await download(item.locator('a[download$=".svg"]', { hasText: 'SVG' }));
		expect(svg.name).toBe(`${pipeline}-${run}-${nn}-${slug(step)}.svg`);
		expect(svg.bytes.toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
	});

	it('downloads every image of the run in one zip, made in the browser', async () => {
		await page.goto(`${server.url}pipelines/${pipeline}/runs/${run}/`);
		const stageLink = stepItem(step).locator('a[download$=".png"]');
		const stagePng = { name: (await stageLink.getAttribute('download'))!, bytes: await (await page.request.get(new URL((await stageLink.getAttribute('href'))!, page.url()).href)).body() };
		// The site holds no zip (a second copy of every PNG): the page makes it from the images it links.
		expect(readdirSync(join(siteDir, 'pipelines', pipeline, 'runs', run, 'images')).filter((f) => f.endsWith('.zip'))).toEqual([]);
		const all = page.getByRole('button', { name: 'Download all' });
		const zip = await download(all);
		expect(zip.name).toBe(`${pipeline}-${run}-images.zip`);
		expect(zip.name.endsWith('-images.zip')).toBe(true);
		expect(zip.bytes.toString('latin1', 0, 2)).toBe('PK');

		// It holds a PNG and an SVG of every stage shown on the page, and the job view.
		const entries = unzipSync(new Uint8Array(zip.bytes));
		const stages = await page.locator('ol.atlas-run-steps > li.atlas-run-step').count();
		const names = Object.keys(entries);
		expect(names.filter((n) => n.endsWith('.png')).length).toBe(stages + 1);
		expect(names.filter((n) => n.endsWith('.svg')).length).toBe(stages + 1);
		const job = (await page.locator('h1').innerText()).replace(/\s#\d+$/, '');
		expect(names).toContain(`${pipeline}-${run}-00-job-${slug(job)}.png`);
		// The stage downloaded on its own is the same picture.
		expect(Buffer.from(entries[stagePng.name]!).equals(stagePng.bytes)).toBe(true);
		for (const name of names.filter((n) => n.endsWith('.png'))) expect(pngSize(Buffer.from(entries[name]!)).width, name).toBeGreaterThan(0);
	});

	it('says so when an image cannot be fetched, and leaves the single downloads', async () => {
		await page.route('**/*.svg', (route) => route.fulfill({ status: 404, body: 'gone' }));
		try {
			await page.goto(`${server.url}pipelines/${pipeline}/runs/${run}/`);
			await page.getByRole('button', { name: 'Download all' }).click();
			const status = page.locator('[data-atlas-download-all] [role="status"]');
			await status.filter({ hasText: 'could not be made' }).waitFor();
			await expect(status.innerText()).resolves.toMatch(/HTTP 404.*each image can still be downloaded on its own/);
		} finally {
			await page.unroute('**/*.svg');
		}
	});

	it('hides "Download all" when scripts do not run, and keeps every image link', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		try {
			const bare = await context.newPage();
			await bare.goto(`${server.url}pipelines/${pipeline}/runs/${run}/`);
			await expect(bare.getByRole('button', { name: 'Download all' }).count()).resolves.toBe(0);
			await expect(bare.locator('.atlas-run-facts a[download$=".png"]').count()).resolves.toBe(1);
		} finally {
			await context.close();
		}
	});
});

/** Every run page of the built site, as paths relative to dist. */
function runPages(): string[] {
	return readdirSync(siteDir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) => relative(siteDir, join(e.parentPath, e.name)))
		.filter((p) => /^pipelines\/[^/]+\/runs\/[^/]+\/index\.html$/.test(p))
		.sort();
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

describe('the built example site', () => {
	it('has a PNG and an SVG file for every step of every run page', () => {
		const pages = runPages();
		// Four runs are recorded in the example pipelines (one GitHub run holds two jobs).
		expect(pages.length).toBeGreaterThanOrEqual(4);
		let checked = 0;
		for (const path of pages) {
			const html = readFileSync(join(siteDir, path), 'utf8');
			const steps = html.split('<li class="atlas-run-step"').slice(1);
			expect(steps.length, path).toBeGreaterThan(0);
			for (const [i, item] of steps.entries()) {
				const links = [...item.matchAll(/<a\s[^>]*\sdownload="[^"]*\.(png|svg)"[^>]*>/g)];
				const kinds = links.map((m) => m[1]).sort();
				expect(kinds, `${path} step ${i + 1}`).toEqual(['png', 'svg']);
			}
			for (const [tag] of html.matchAll(/<a\s[^>]*\sdownload="[^"]*\.(?:png|svg)"[^>]*>/g)) {
				const href = attr(tag, 'href')!;
				expect(href.startsWith(base), `${path}: ${href}`).toBe(true);
				const file = join(siteDir, decodeURIComponent(href.slice(base.length)));
				expect(existsSync(file), `${path} links ${href}, which is not in dist`).toBe(true);
				expect(statSync(file).size, href).toBeGreaterThan(0);
				// The name offered for saving is the file's own name.
				expect(attr(tag, 'download'), href).toBe(href.slice(href.lastIndexOf('/') + 1));
				const bytes = readFileSync(file);
				if (href.endsWith('.png')) expect(pngSize(bytes).height, href).toBeGreaterThan(0);
				else expect(bytes.toString('utf8'), href).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(2 * 20);
	});
});
