/**
 * What a first visit to each page downloads, compressed, against the budgets of the
 * performance issue (the way Starlight checks its bundle with size-limit): a regression fails
 * CI. Counted from the built files: the page, its stylesheets, and the scripts it loads at
 * start (with their static imports). Images are not counted; scripts a page imports only when
 * used (Pagefind's search on the first query, mermaid on pages with a diagram it draws) are
 * lazily loaded and listed apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base, siteDir } from './support/paths';

const KB = 1024;
const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 6 }).length;

/** A site path (with base) as a file of the built site. */
const fileOf = (href: string) => join(siteDir, decodeURIComponent(href.slice(base.length)));

/** The scripts a module loads before it runs: its static imports, transitively. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) return seen;
	seen.add(file);
	const code = readFileSync(file, 'utf8');
	for (const [, spec] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
		if (spec!.startsWith('.')) staticImports(join(dirname(file), spec!), seen);
		else if (spec!.startsWith(base)) staticImports(fileOf(spec!), seen);
	}
	return seen;
}

interface Weight {
	page: string;
	html: number;
	css: number;
	js: number;
	/** The compressed log text the page shows (run pages). */
	logText: number;
	/** Of `js`, Pagefind's UI loaded at start (none should). */
	searchUi: number;
}

function weigh(page: string): Weight {
	const html = readFileSync(join(siteDir, page, 'index.html'), 'utf8');
	const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"(?![^>]*media="print")/g)].map((m) => fileOf(m[1]!));
	const scripts = new Set<string>();
	for (const [, src] of html.matchAll(/<script type="module" src="([^"]+)"/g)) staticImports(fileOf(src!), scripts);
	const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
	const logs = [...html.matchAll(/<span class="atlas-log__text">([\s\S]*?)<\/span><\/div>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join('\n');
	return {
		page,
		html: gz(html),
		css: css.reduce((sum, f) => sum + gz(readFileSync(f)), 0),
		js: [...scripts].reduce((sum, f) => sum + gz(readFileSync(f)), 0) + gz(inline),
		logText: logs ? gz(logs) : 0,
		// @pagefind/default-ui's code, found by what only it holds (bundled into a page's own script, it would keep no name).
		searchUi: [...scripts].filter((f) => readFileSync(f, 'utf8').includes('pagefind-ui__drawer')).reduce((sum, f) => sum + gz(readFileSync(f)), 0),
	};
}

const pages = readdirSync(siteDir, { recursive: true, withFileTypes: true })
	.filter((e) => e.isFile() && e.name === 'index.html')
	.map((e) => relative(siteDir, e.parentPath).split('\\').join('/'))
	.map((p) => (p === '' ? '' : `${p}/`))
	.sort();
const weights = pages.map(weigh);
const total = (w: Weight) => w.html + w.css + w.js;
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

describe('page weight (compressed, first visit, images aside)', () => {
	it('is printed for every page', () => {
		console.log(weights.map((w) => `${w.page || '/'}: ${kb(total(w))} (html ${kb(w.html)}, css ${kb(w.css)}, js ${kb(w.js)}${w.logText ? `, log text ${kb(w.logText)}` : ''})`).join('\n'));
		expect(weights.length).toBeGreaterThan(20);
	});

	it('stays under 60 KB on a pipeline page', () => {
		const pipelines = weights.filter((w) => /^pipelines\/[^/]+\/$/.test(w.page));
		expect(pipelines.length).toBeGreaterThan(3);
		for (const w of pipelines) expect(total(w), w.page).toBeLessThan(60 * KB);
	});

	it('stays under 50 KB on job and run pages, plus the log text they show', () => {
		const pages = weights.filter((w) => /^pipelines\/[^/]+\/(jobs|runs)\/[^/]+\/$/.test(w.page));
		expect(pages.filter((w) => w.page.includes('/runs/')).length).toBeGreaterThan(2);
		for (const w of pages) expect(total(w) - w.logText, w.page).toBeLessThan(50 * KB);
	});

	it('ships at most 30 KB of JavaScript at start on any page, Pagefind’s UI only when a search box is used', () => {
		for (const w of weights) expect(w.js, w.page).toBeLessThan(30 * KB);
		// The search page imports Pagefind's UI (~25 KB) apart from its own script, as the header search does.
		for (const w of weights) expect(w.searchUi, w.page).toBe(0);
		const search = weights.find((w) => w.page === 'search/')!;
		expect(search.js).toBeGreaterThan(0);
	});

	it('loads the search bundle only when searching: no page starts Pagefind or mermaid', () => {
		for (const page of pages) {
			const html = readFileSync(join(siteDir, page, 'index.html'), 'utf8');
			const started = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].flatMap((m) => [...staticImports(fileOf(m[1]!))]);
			expect(started.filter((f) => /pagefind|mermaid/i.test(posix.basename(f))), page).toEqual([]);
		}
	});
});
