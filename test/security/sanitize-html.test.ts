import { describe, expect, it } from 'vitest';
import { isSafeUrl, sanitizeHtml } from '../../src/security/sanitize-html';

describe('raw HTML in Markdown', () => {
	it('keeps what docs use, also split over fragments', () => {
		expect(sanitizeHtml('<details open><summary>Why <kbd>Ctrl</kbd>+<kbd>K</kbd>?</summary>').html).toBe('<details open><summary>Why <kbd>Ctrl</kbd>+<kbd>K</kbd>?</summary>');
		expect(sanitizeHtml('</details>').html).toBe('</details>');
		expect(sanitizeHtml('<img src="./images/a.png" alt="The job page" width="600">').html).toBe('<img src="./images/a.png" alt="The job page" width="600">');
		expect(sanitizeHtml('<a href="https://circleci.com/docs/" title="CircleCI">docs</a><br/>').html).toBe('<a href="https://circleci.com/docs/" title="CircleCI">docs</a><br />');
		expect(sanitizeHtml('<!-- a note -->').html).toBe('<!-- a note -->');
	});

	it('shows tags that could run script, leave the site or redirect as text', () => {
		for (const tag of ['<script>alert(1)</script>', '<iframe src="https://evil.example"></iframe>', '<meta http-equiv="refresh" content="0;url=https://evil.example">', '<form action="https://evil.example"><input name=q></form>', '<style>body{display:none}</style>', '<base href="https://evil.example/">', '<object data="x.swf"></object>', '<svg onload="alert(1)"></svg>', '<link rel="stylesheet" href="https://evil.example/x.css">']) {
			const { html, removed } = sanitizeHtml(tag);
			expect(html, tag).not.toMatch(/<(?!\/?(?:a|p)\b)[a-z]/i);
			expect(html, tag).toContain('&lt;');
			expect(removed.length, tag).toBeGreaterThan(0);
		}
		expect(sanitizeHtml('<script>alert(1)</script>').html).toBe('&lt;script>alert(1)&lt;/script>');
	});

	it('drops event handlers, styles and links to other schemes', () => {
		const { html, removed } = sanitizeHtml('<img src=x onerror="alert(1)" style="position:fixed"><a href="javascript:alert(1)">x</a><a href=" jav&#x61;script:alert(1)">y</a><a href="java&#09;script:alert(1)">z</a>');
		expect(html).toBe('<img src="x"><a>x</a><a>y</a><a>z</a>');
		expect(removed).toEqual(['img onerror', 'img style', 'a href', 'a href', 'a href']);
	});

	it('escapes a `<` that does not open a clean tag, so the browser cannot make one of it', () => {
		expect(sanitizeHtml('<img src=x onerror=alert(1)//').html).toBe('&lt;img src=x onerror=alert(1)//');
		expect(sanitizeHtml('a < b').html).toBe('a &lt; b');
	});

	it('decides URLs as a browser reads them', () => {
		for (const ok of ['./a.png', '/docs/', '#top', '?q=1', 'https://x.example', 'HTTP://x', 'mailto:a@b.example', 'a:b/c'.replace(':', '/')]) expect(isSafeUrl(ok), ok).toBe(true);
		for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:x', 'data:text/html,<script>', 'vbscript:x', 'jav&#x61;script:x', 'javascript&colon;x', 'java&Tab;script:x', '&#106;avascript:x']) expect(isSafeUrl(bad), bad).toBe(false);
	});
});
