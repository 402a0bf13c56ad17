import { describe, expect, it } from 'vitest';
import { MAYBE_ANY_CASE, MAYBE_CASED, USERINFO, userinfoMatches } from '../../src/redact/token-shapes';
import { createRedactor, REDACTED } from '../../src/redact/redact';
import { fake } from './fakes';

/** Texts of URL-ish pieces: schemes of every length around the 31-character limit, userinfo, `://` in odd places. */
function randomTexts(count: number): string[] {
	const pieces = ['https', '://', 'git+ssh://', 'u:p@', 'a', 'Z', '9', '+', '.', '-', ':', '@', '/', '?', '#', ' ', '\n', 'user', 'pw', 'x'.repeat(29), '1', 'h:', '@@', ':/', '//', 'é'];
	// mulberry32: a fixed seed, so a failure can be reproduced.
	let seed = 7;
	const next = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (t ^ (t >>> 14)) >>> 0;
	};
	return Array.from({ length: count }, () => Array.from({ length: next() % 30 }, () => pieces[next() % pieces.length]!).join(''));
}

const found = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => ({ at: m.index, text: m[0], secret: m.indices![1] }));

describe('userinfoMatches', () => {
	it('finds what matchAll of the pattern finds, whatever the text', () => {
		const texts = [...randomTexts(3000), `${'a'.repeat(31)}://u:p@h`, `${'a'.repeat(32)}://u:p@h`, '1a://u:p@h', 'x://u:p@a://v:q@', 'a://u:p@://v:q@'];
		let some = 0;
		for (const text of texts) {
			const expected = found(text.matchAll(USERINFO));
			if (expected.length > 0) some++;
			expect(found(userinfoMatches(text)), JSON.stringify(text)).toEqual(expected);
		}
		// The random texts hold matches, not only texts without any.
		expect(some).toBeGreaterThan(100);
	});
});

describe('token shape pre-tests', () => {
	const redactor = createRedactor({});
	// Each shape as a log may print it, in the cases its pattern allows: the pre-tests must let all through.
	it.each([
		fake.githubPat,
		fake.githubFineGrained,
		fake.gitlab,
		fake.awsKeyId,
		fake.slack,
		fake.jwt,
		fake.npm,
		`AWS_Secret_Access_Key=${fake.awsSecret}`,
		`SessionToken: ${fake.awsSecret}`,
		'AUTHORIZATION: Bearer opaque-token-value-42',
		'Proxy-Authorization: Basic dXNlcjpodW50ZXIy',
		'Private-Token: plainPrivateToken123',
		'JOB-TOKEN: plainJobToken1234',
		'X-Api-Key: plainApiKey12345',
		'_password = plainNpmPassword1',
		'HTTPS://app:s3cr3t-Pa55@db.internal/app',
		'GET /out?X-Amz-Signature=abcdef0123456789',
	])('%s', (line) => {
		expect(MAYBE_CASED.test(line) || MAYBE_ANY_CASE.test(line)).toBe(true);
		expect(redactor.redact(line)).toContain(REDACTED);
	});
});
