import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blockedScriptsNow } from '../../src/integrations/csp';
import { builtHtml } from '../../src/integrations/html-files';
import { pageKeyOf, pageKeyOfFile } from '../../src/integrations/csp-state';
import { tempDir } from '../support/temp';

describe('scripts the policy blocks, across builds', () => {
	it('are what a page rendered now says, else what a page copied from the last build said then', () => {
		const rendered = new Map([
			['pipelines/a', ['evil()']],
			['pipelines/b', []],
		]);
		const kept = { 'pipelines/b': ['fixed()'], 'pipelines/c': ['still()'], 'pipelines/gone': ['old()'], toString: ['x()'] };
		expect(blockedScriptsNow(['pipelines/c', 'pipelines/a', 'pipelines/b', 'pipelines/d', 'constructor'], rendered, kept)).toEqual({
			'pipelines/a': ['evil()'],
			'pipelines/c': ['still()'],
		});
	});

	it('are keyed by the page path under the base, as the build lists its pages', () => {
		expect(pageKeyOf('/docs/ci/pipelines/a/', '/docs/ci/')).toBe('pipelines/a');
		expect(pageKeyOf('/docs/ci/', '/docs/ci/')).toBe('');
		expect(pageKeyOf('/404', '/')).toBe('404');
		expect(pageKeyOf('/pipelines/a/', '/')).toBe('pipelines/a');
	});
});

describe('the HTML a build wrote', () => {
	it('is every route’s HTML output and every HTML file of public/, once, in order', async () => {
		const root = tempDir('atlas-csp-site-');
		const publicDir = tempDir('atlas-csp-public-');
		mkdirSync(join(publicDir, 'legal'));
		writeFileSync(join(publicDir, 'legal', 'terms.html'), '<p>terms</p>');
		writeFileSync(join(publicDir, 'favicon.svg'), '<svg/>');
		const url = (path: string) => pathToFileURL(join(root, path));
		const assets = new Map([
			['/pipelines/[pipeline]', [url('pipelines/b/index.html'), url('pipelines/a/index.html')]],
			['/[records].json', [url('search-records.json')]],
			['/404', [url('404.html')]],
		]);
		expect(await builtHtml(root, assets, publicDir)).toEqual(['404.html', 'legal/terms.html', 'pipelines/a/index.html', 'pipelines/b/index.html'].map((f) => join(root, f)));
		expect(await builtHtml(root, assets, join(publicDir, 'missing'))).toHaveLength(3);
	});

	it('names its pages as the build lists them', () => {
		expect(pageKeyOfFile('pipelines/a/index.html')).toBe(pageKeyOf('/pipelines/a/'));
		expect(pageKeyOfFile('index.html')).toBe(pageKeyOf('/'));
		expect(pageKeyOfFile('404.html')).toBe(pageKeyOf('/404'));
		expect(pageKeyOfFile('docs/my-index.html')).toBe('docs/my-index');
	});
});
