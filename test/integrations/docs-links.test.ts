import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenBecause, contentLinks, lineOf } from '../../src/integrations/docs-links';
import { docFailure, errorPosition } from '../../src/integrations/docs-state';
import { tempDir } from '../support/temp';

function site(): string {
	const dir = tempDir('atlas-links-');
	mkdirSync(join(dir, 'docs/releasing'), { recursive: true });
	writeFileSync(join(dir, 'docs/releasing/index.html'), '<h2 id="tags">Tags</h2>');
	mkdirSync(join(dir, 'pipelines/shop'), { recursive: true });
	writeFileSync(join(dir, 'pipelines/shop/index.html'), '<h1>Shop</h1>');
	writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
	return dir;
}

describe('docs link checking', () => {
	const dir = site();
	const check = (href: string) => brokenBecause(href, '/docs/ci/docs/start/', '/docs/ci/', dir);
	it('accepts links to pages, files and headings that exist, and links out of the site', () => {
		expect(check('/docs/ci/docs/releasing/')).toBeUndefined();
		expect(check('/docs/ci/docs/releasing/#tags')).toBeUndefined();
		expect(check('../releasing/')).toBeUndefined();
		expect(check('/docs/ci/favicon.svg')).toBeUndefined();
		expect(check('https://example.com/nope')).toBeUndefined();
		expect(check('mailto:ci@example.com')).toBeUndefined();
	});
	it('says why a link is broken', () => {
		expect(check('/docs/ci/pipelines/nope/')).toBe('no page /docs/ci/pipelines/nope/');
		expect(check('/docs/ci/docs/releasing/#promotion')).toBe('no heading or anchor #promotion on /docs/ci/docs/releasing/');
		expect(check('/pipelines/shop/')).toBe("it leaves the site's base /docs/ci/");
	});
	it('reads only the links of the Markdown body, not the sidebar', () => {
		const html = '<nav><a href="/x/">nav</a></nav><div class="sl-markdown-content"><p><a href="/docs/ci/a/?q=1&amp;b=2">a</a></p></div><footer><a href="/y/">f</a></footer>';
		expect(contentLinks(html)).toEqual(['/docs/ci/a/?q=1&b=2']);
	});
	it('finds the line of the link as the author wrote it, without the base', () => {
		expect(lineOf('# Title\n\nSee [the shop](/pipelines/nope/) for more.\n', '/docs/ci/pipelines/nope/', '/docs/ci/')).toBe(3);
	});
});

describe('a doc that fails to render', () => {
	const mdx = ['---', 'title: Broken', '---', '', 'Costs {price} a month, and {missing.value} more.', ''].join('\n');

	it('is named by file, line and column of the expression naming what is not defined, with what to do in MDX', () => {
		expect(errorPosition(mdx, 'missing is not defined')).toEqual({ line: 5, column: 28 });
		// A name only inside a longer one, or after a dot, is not it.
		expect(errorPosition('{notmissing} {a.missing}', 'missing is not defined')).toBeUndefined();
		expect(docFailure('content/docs/broken.mdx', mdx, new ReferenceError('missing is not defined'))).toEqual({
			at: 'content/docs/broken.mdx:5:28',
			message: 'could not be rendered: missing is not defined. In MDX, text in braces ({…}) is a JavaScript expression: fix it, or write \\{ to show a brace as text.',
		});
	});

	it('is named by file alone when the error names nothing to find, and without the MDX hint in Markdown', () => {
		expect(docFailure('content/docs/a.md', 'text', new Error('Something broke.\n    at x'))).toEqual({ at: 'content/docs/a.md', message: 'could not be rendered: Something broke.' });
	});
});
