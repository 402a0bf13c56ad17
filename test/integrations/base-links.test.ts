import { describe, expect, it } from 'vitest';
import { baseLinksPlugin, withBase } from '../../src/integrations/base-links';

describe('withBase', () => {
	it('prefixes root-relative paths with the base', () => {
		expect(withBase('/docs/releasing/', '/docs/ci/')).toBe('/docs/ci/docs/releasing/');
		expect(withBase('/shots/a.png', '/docs/ci')).toBe('/docs/ci/shots/a.png');
	});
	it('prefixes even links that start like the base: authors write them as if served at /', () => {
		expect(withBase('/docs/releasing/', '/docs/')).toBe('/docs/docs/releasing/');
	});
	it('leaves external, protocol-relative, fragment and relative links alone', () => {
		for (const href of ['https://example.com/', '//cdn.example.com/x', '#local', 'relative/page/']) {
			expect(withBase(href, '/docs/ci/')).toBe(href);
		}
	});
	it('does nothing at the root base', () => {
		expect(withBase('/docs/releasing/', '/')).toBe('/docs/releasing/');
	});
});

describe('baseLinksPlugin', () => {
	it('rewrites the href of links and the src of images through the visitor context', () => {
		const plugin = baseLinksPlugin('/docs/ci/');
		const set: [string, unknown][] = [];
		const ctx = { setProperty: (_node: unknown, key: string, value: unknown) => void set.push([key, value]) };
		plugin.element.visit({ tagName: 'a', properties: { href: '/pipelines/x/' } }, ctx);
		plugin.element.visit({ tagName: 'img', properties: { src: '/a.png' } }, ctx);
		plugin.element.visit({ tagName: 'a', properties: { href: 'https://x.test/' } }, ctx);
		expect(set).toEqual([
			['href', '/docs/ci/pipelines/x/'],
			['src', '/docs/ci/a.png'],
		]);
	});
});
