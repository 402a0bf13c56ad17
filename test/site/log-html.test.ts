import { describe, expect, it } from 'vitest';
import { logHtml, logWindow, stripAnsi, withoutLogs } from '../../src/site/log-html';

describe('logHtml', () => {
	it('gives every line a numbered, linkable id under the step prefix', async () => {
		const html = await logHtml({ lines: ['one', 'two'], prefix: 'step-3' });
		expect(html).toContain('id="step-3-L1"');
		expect(html).toContain('href="#step-3-L2"');
		expect(html).toContain('>2</a>');
	});
	it('colours ANSI through shiki, light and dark, and removes the escape codes', async () => {
		const html = await logHtml({ lines: ['plain \x1b[31mred\x1b[0m'], prefix: 's' });
		expect(html).toMatch(/<span style="color:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}">red<\/span>/i);
		expect(html).not.toContain('\x1b');
		expect(html).not.toContain('[31m');
	});
	it('escapes a hostile line instead of letting it become markup', async () => {
		const html = await logHtml({ lines: ['<img src=x onerror=alert(1)> & "quoted"', '\x1b[32m</div><script>alert(2)</script>\x1b[0m'], prefix: 's' });
		expect(html).not.toMatch(/<img|<script/);
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
		expect(html).toContain('&lt;/div&gt;&lt;script&gt;');
	});
	it('marks flagged lines and folds sections, open unless the CI collapses them', async () => {
		const html = await logHtml({
			lines: ['head', 'inside 1', 'inside 2', 'boom'],
			sections: [{ title: 'Run \x1b[1mtests\x1b[0m <b>', start: 1, end: 3, collapsed: true }],
			marks: [{ line: 3, level: 'error' }],
			prefix: 's',
		});
		expect(html).toMatch(/<details class="atlas-log__section"><summary>Run tests &lt;b&gt; <span class="atlas-log__count">2 lines<\/span><\/summary><div class="atlas-log__line" id="s-L2">/);
		expect(html).toContain('atlas-log__line atlas-log__line--error" id="s-L4"');
		const open = await logHtml({ lines: ['a', 'b'], sections: [{ title: 'x', start: 0, end: 2, collapsed: false }], prefix: 's' });
		expect(open).toContain('<details class="atlas-log__section" open>');
	});
	it('drops a section that overlaps its parent rather than nesting it wrongly', async () => {
		const html = await logHtml({ lines: ['a', 'b', 'c', 'd'], sections: [{ title: 'outer', start: 0, end: 2, collapsed: true }, { title: 'bad', start: 1, end: 4, collapsed: true }], prefix: 's' });
		expect(html).toContain('outer');
		expect(html).not.toContain('bad');
		expect(html.match(/atlas-log__line"/g)).toHaveLength(4);
	});
	it('shows head and tail of a long log, saying how many lines are left out', async () => {
		const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
		const html = await logHtml({ lines, prefix: 's', window: { limit: 20, head: 5, tail: 10 } });
		expect(html).toContain('id="s-L5"');
		expect(html).not.toContain('id="s-L6"');
		expect(html).toContain('35 lines not shown');
		expect(html).toContain('id="s-L41"');
		expect(html).toContain('id="s-L50"');
	});
	it('says so when a step printed nothing', async () => {
		expect(await logHtml({ lines: [], prefix: 's' })).toContain('No output');
	});
});

describe('logWindow and stripAnsi', () => {
	it('keeps every line of a short log', () => {
		expect(logWindow(3, { limit: 5, head: 1, tail: 1 })).toEqual({ shown: [0, 1, 2], omitted: 0, at: 3 });
	});
	it('strips colour codes only', () => {
		expect(stripAnsi('\x1b[1;31merror\x1b[0m: x')).toBe('error: x');
	});
});

describe('withoutLogs', () => {
	it('cuts every log out of a page, nested folds and hostile lines included, and keeps the rest', async () => {
		const hostile = await logHtml({ lines: ['<div>', '</div></div>', 'x'], sections: [{ title: '<div>', start: 0, end: 2, collapsed: false }], prefix: 'a' });
		const plain = await logHtml({ lines: ['ok'], prefix: 'b' });
		const page = `<main><h2>One</h2>${hostile}<p>between</p>${plain}<footer>end</footer></main>`;
		expect(withoutLogs(Buffer.from(page))).toBe('<main><h2>One</h2><p>between</p><footer>end</footer></main>');
	});
	it('leaves a page without logs, or with a log cut short, as it is', () => {
		expect(withoutLogs(Buffer.from('<main><div>text</div></main>'))).toBe('<main><div>text</div></main>');
		const cut = '<p>a</p><div class="atlas-log not-content" role="log" data-pagefind-ignore><div class="atlas-log__line">';
		expect(withoutLogs(Buffer.from(cut))).toBe(cut);
	});
	it('cuts only between from and to, and keeps text beyond ASCII whole', async () => {
		const log = await logHtml({ lines: ['<divider> “quoted” 🚀', '</divx>'], prefix: 'c' });
		const page = Buffer.from(`<head>é</head><main>«${log}»<divided>ü</divided></main><footer>${log}</footer>`);
		const from = page.indexOf('<main>');
		const to = page.indexOf('<footer>');
		expect(withoutLogs(page, from, to)).toBe('<main>«»<divided>ü</divided></main>');
		expect(withoutLogs(page)).toBe('<head>é</head><main>«»<divided>ü</divided></main><footer></footer>');
	});
});
