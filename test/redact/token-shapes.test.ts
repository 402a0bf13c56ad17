import { describe, expect, it } from 'vitest';
import type { Range } from '../../src/redact/ranges';
import { MAYBE_ANY_CASE, MAYBE_CASED, SHORTEST_SHAPE, tokenShapeRanges, USERINFO, userinfoMatches } from '../../src/redact/token-shapes';
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

describe('SHORTEST_SHAPE', () => {
	const ranges = (text: string) => {
		const into: Range[] = [];
		tokenShapeRanges(text, into);
		return into;
	};
	// The shortest texts of the shapes that can be short: one character less is not a secret.
	it.each(['?sig=abcd', '&token=abcd', '_auth=abcd', 'a://:abcd@'])('%s is hidden, and is no shorter than SHORTEST_SHAPE', (text) => {
		expect(ranges(text)).not.toEqual([]);
		expect(text.length).toBeGreaterThanOrEqual(SHORTEST_SHAPE);
		expect(ranges(text.slice(0, -1))).toEqual([]);
	});

	it('no piece of a text with secrets of every shape, shorter than it, holds one', () => {
		const texts = [
			...[fake.githubPat, fake.githubServer, fake.githubFineGrained, fake.awsKeyId, fake.awsTempKeyId, fake.slack, fake.jwt, fake.npm, fake.gitlab],
			`aws_secret_access_key=${fake.awsSecret}`,
			'?sig=abcd&token=abcd _auth=abcd a://:abcd@ https://u:s3cr3t@h/x?X-Amz-Signature=abcdef0123456789',
			'AUTHORIZATION: Bearer opaque-token-value-42 Private-Token: plainPrivateToken123 _password=plainNpmPassword1',
			'-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
		];
		let pieces = 0;
		for (const text of texts) {
			expect(ranges(text), text).not.toEqual([]);
			for (let length = 1; length < SHORTEST_SHAPE; length++)
				for (let at = 0; at + length <= text.length; at++, pieces++) expect(ranges(text.slice(at, at + length)), text.slice(at, at + length)).toEqual([]);
		}
		expect(pieces).toBeGreaterThan(1000);
	});

	it('bounds what a redactor reads: its own values and CI masks lower it', () => {
		expect(createRedactor().shortest).toBe(SHORTEST_SHAPE);
		expect(createRedactor({ values: ['abcd'] }).shortest).toBe(4);
		expect(createRedactor({ ciMasks: 'github' }).shortest).toBe(3);
		expect(createRedactor({ ciMasks: 'github' }).redact('***')).toBe(REDACTED);
		expect(createRedactor({ values: ['abcd'] }).redact('abcd')).toBe(REDACTED);
		expect(createRedactor({ values: Array.from({ length: 200_000 }, (_, i) => `secret-value-${i}`) }).shortest).toBe(SHORTEST_SHAPE);
	});
});
