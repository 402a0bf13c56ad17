import { describe, expect, it } from 'vitest';
import { ciMaskRanges } from '../../src/redact/ci-masks';
import type { Range } from '../../src/redact/ranges';

function masked(text: string): string[] {
	const ranges: Range[] = [];
	ciMaskRanges(text, 'all', ranges);
	return ranges.map(([s, e]) => text.slice(s, e));
}

describe('ciMaskRanges', () => {
	// Each CI's way of printing a value it hid: the quick test before the patterns must let all through.
	it.each([
		['GitHub', 'token is *** here', '***'],
		['GitLab', 'token is [MASKED] here', '[MASKED]'],
		['CircleCI', 'token is ******** here', '********'],
		['CircleCI', 'HEROKU_API_KEY=**REDACTED**', '**REDACTED**'],
		['CircleCI settings', 'DEPLOY_KEY=xxxxab1Z', 'xxxxab1Z'],
	])('finds %s masks (%s)', (_ci, text, mask) => {
		expect(masked(text)).toEqual([mask]);
	});

	it('finds nothing in text without any', () => {
		expect(masked('npm ci && npm test ** bold ** x')).toEqual([]);
	});
});
