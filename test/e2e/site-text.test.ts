/**
 * Every page of the example site read as text, as a person would read it: no syntax of the
 * sources leaking (a backtick outside code, an entity escaped twice, `undefined` or
 * `[object Object]` from a template) and no sidebar group left empty. Reading the built HTML,
 * not a browser: all of it in a second. Each was once found on a page by a reader and not by a
 * test (raw backticks in GitLab's conditions, an empty onboarding group on every page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteDir } from './support/paths';

/** The pages: every `.html` file outside Pagefind's and the vendored modules' folders. */
function pages(): string[] {
	return (readdirSync(siteDir, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((file) => file.endsWith('.html') && !/^(pagefind|vendor)\//.test(file.replaceAll('\\', '/')))
		.sort();
}

/** Elements whose text is code, or not text at all: their content is left out. */
const NOT_PROSE = /<(script|style|svg|pre|code|kbd|samp|template|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', amp: '&' };

/** A log line's text (src/site/log-html.ts), to the end of its line: what the CI printed, as it printed it. */
const LOG_TEXT = /<span class="atlas-log__text">[\s\S]*?<\/div>/g;

/** What the body of a page shows as prose: its text outside code and logs, entities decoded once. */
export function proseOf(html: string): string {
	const body = html.slice(Math.max(0, html.search(/<body\b/i)));
	return body
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(NOT_PROSE, ' ')
		.replace(LOG_TEXT, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
			if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
			if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
			return ENTITIES[name] ?? entity;
		})
		.replace(/\s+/g, ' ');
}

/** What a reader should never see in prose, each with a few characters around it. */
export function leaks(prose: string): string[] {
	const found: string[] = [];
	for (const pattern of [/`/g, /\bundefined\b/g, /\[object Object\]/g, /\bNaN\b/g, /&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi]) {
		for (const match of prose.matchAll(pattern)) found.push(prose.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).trim());
	}
	return found;
}

/** Whether the page's sidebar (Starlight's `nav` named "Main") holds a list with no entry. */
export function hasEmptySidebarGroup(html: string): boolean {
	const sidebar = html.match(/<nav\b[^>]*aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? '';
	return /<ul\b[^>]*>\s*(?:<sl-sidebar-restore\b[^>]*><\/sl-sidebar-restore>\s*)?<\/ul>/.test(sidebar);
}

describe('every page of the example site', () => {
	const files = pages();

	it('is read', () => {
		expect(files.length).toBeGreaterThan(60);
	});

	it('shows no syntax of its sources in its prose: no backtick, double escape, undefined or [object Object]', () => {
		const found = files.flatMap((file) => leaks(proseOf(readFileSync(join(siteDir, file), 'utf8'))).map((leak) => `${file}: ${leak}`));
		expect(found).toEqual([]);
	});

	it('leaves no sidebar group empty', () => {
		expect(files.filter((file) => hasEmptySidebarGroup(readFileSync(join(siteDir, file), 'utf8')))).toEqual([]);
	});

	it("gives each job's number of steps on its pipeline's table as on its own page", () => {
		const differ: string[] = [];
		let compared = 0;
		for (const file of files.filter((f) => /^pipelines\/[^/]+\/index\.html$/.test(f))) {
			const html = readFileSync(join(siteDir, file), 'utf8');
			const table = html.match(/<table class="atlas-jobs[\s\S]*?<\/table>/)?.[0] ?? '';
			for (const [, href, count] of table.matchAll(/<a href="[^"]*?\/(pipelines\/[^"]+\/jobs\/[^"]+\/)">[\s\S]*?<td data-label="Steps">(\d+)<\/td>/g)) {
				const page = readFileSync(join(siteDir, decodeURIComponent(href!), 'index.html'), 'utf8');
				const shown = page.match(/<h2 id="steps">Steps \((\d+)\)<\/h2>/)?.[1];
				if (shown !== count) differ.push(`${href}: ${count} in the table, ${shown} on its page`);
				compared++;
			}
		}
		expect(differ).toEqual([]);
		expect(compared).toBeGreaterThan(40);
	});

	it('checks what it says it checks', () => {
		// The reader above, on the faults it looks for.
		expect(leaks(proseOf('<body><p>Only when `$CI_COMMIT_TAG` is set</p></body>'))).toHaveLength(2);
		expect(leaks(proseOf('<body><p>Runs <code>`make`</code> on &amp;lt;main&amp;gt;</p></body>'))).toEqual(['Runs on &lt;main&gt;', 'Runs on &lt;main&gt;']);
		expect(leaks(proseOf('<body><p>undefined</p><pre>undefined</pre></body>'))).toEqual(['undefined']);
		expect(leaks(proseOf('<body><p>Runs <code>make</code> on &lt;main&gt;: 5 steps</p></body>'))).toEqual([]);
		// A log line is what the CI printed: left out to its line's end, and no further.
		const line = (text: string) => `<div class="atlas-log__line"><a class="atlas-log__n">1</a><span class="atlas-log__text">${text}</span></div>`;
		expect(leaks(proseOf(`<body>${line('run `npm audit fix`')}${line('undefined')}<p>then \`this\`</p></body>`))).toEqual(['1 1 then `this`', '1 1 then `this`']);
		const sidebar = (group: string) => `<nav aria-label="Main"><ul><li><details open><summary>Onboarding</summary>${group}</details></li></ul></nav>`;
		expect(hasEmptySidebarGroup(sidebar('<ul class="x">\n</ul>'))).toBe(true);
		expect(hasEmptySidebarGroup(sidebar('<ul class="x"><li><a href="/docs/">Getting started</a></li></ul>'))).toBe(false);
	});
});
