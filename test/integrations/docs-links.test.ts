import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenBecause, contentLinks, lineOf } from '../../src/integrations/docs-links';
import { docFailure, explainedFailure, NOT_RENDERED_PAGE } from '../../src/integrations/docs-state';
import { tempDir } from '../support/temp';

function site(): string {
	const dir = tempDir('atlas-links-');
	mkdirSync(join(dir, 'docs/releasing'), { recursive: true });
	writeFileSync(join(dir, 'docs/releasing/index.html'), '<h2 id="tags">Tags</h2>');
	mkdirSync(join(dir, 'pipelines/shop'), { recursive: true });
	writeFileSync(join(dir, 'pipelines/shop/index.html'), '<h1>Shop</h1>');
	writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
	mkdirSync(join(dir, 'docs/pricing'), { recursive: true });
	writeFileSync(join(dir, 'docs/pricing/index.html'), NOT_RENDERED_PAGE);
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
		// A heading of a doc that failed to render: its failure is what is reported.
		expect(check('/docs/ci/docs/pricing/#plans')).toBeUndefined();
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
	const mdx = ['---', 'title: Broken', 'description: costs {missing}', '---', '', 'Write `{missing}` in code, or:', '', '```js', 'const x = {missing};', '```', '', 'Costs {price} a month, and {missing.value} more.', ''].join('\n');
	const braces = 'In MDX, text in braces ({…}) is a JavaScript expression: fix it, or write \\{ to show a brace as text.';

	it('is named by file, line and column of the expression naming what is not defined, past front matter and code', () => {
		expect(explainedFailure(mdx, 'missing is not defined')).toEqual({ line: 12, column: 28, hint: braces });
		// A name only inside a longer one, or after a dot, is not it.
		expect(explainedFailure('{notmissing} {a.missing}', 'missing is not defined')).toBeUndefined();
		expect(docFailure('content/docs/broken.mdx', mdx, new ReferenceError('missing is not defined'))).toEqual({
			at: 'content/docs/broken.mdx:12:28',
			message: `could not be rendered: missing is not defined. ${braces}`,
		});
	});

	it('names a component used without its import, and says to import it', () => {
		const aside = ['---', 'title: A', '---', '', '```mdx', '<Aside>in code</Aside>', '```', '', '<Aside type="tip">Hi</Aside>', ''].join('\n');
		const message = 'Expected component `Aside` to be defined: you likely forgot to import, pass, or provide it.';
		expect(docFailure('content/docs/a.mdx', aside, new Error(message))).toEqual({
			at: 'content/docs/a.mdx:9:1',
			message: "could not be rendered: Expected component `Aside` to be defined: you likely forgot to import, pass, or provide it. Import Aside at the top of the doc (Starlight's: import { Aside } from '@astrojs/starlight/components';), or remove it.",
		});
	});

	it('is named by file alone, with no advice, for an error it cannot place', () => {
		expect(docFailure('content/docs/a.mdx', 'text', new Error('Something broke.\n    at x'))).toEqual({ at: 'content/docs/a.mdx', message: 'could not be rendered: Something broke.' });
	});
});
