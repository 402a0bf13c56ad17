import { describe, expect, it } from 'vitest';
import { externalHref } from '../../src/site/urls';

describe('externalHref', () => {
	it('links plain http(s) URLs', () => {
		expect(externalHref('https://staging.example.com/app')).toBe('https://staging.example.com/app');
		expect(externalHref('http://localhost:8080')).toBe('http://localhost:8080');
	});
	it('never links script URLs, templates or other schemes', () => {
		for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:x', 'data:text/html,x', 'https://$CI_ENVIRONMENT_SLUG.example.com', 'https://${{ steps.d.outputs.url }}', '//evil.example', 'https://a.example/"onmouseover=x', undefined]) {
			expect(externalHref(url), String(url)).toBeUndefined();
		}
	});
});
