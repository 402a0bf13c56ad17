import { describe, expect, it } from 'vitest';
import { blockedScriptsNow } from '../../src/integrations/csp';
import { pageKeyOf } from '../../src/integrations/csp-state';

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
