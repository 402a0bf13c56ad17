import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactDeep } from '../../src/redact/redact';
import { fake, pem } from './fakes';

describe('redactDeep', () => {
	const r = createRedactor({ values: ['deep-secret-value'], ciMasks: 'github' });

	it('redacts every string of nested objects and arrays, returning a new value', () => {
		const input = {
			id: 42,
			ok: true,
			none: null,
			name: 'build',
			steps: [{ name: 'deploy', actions: [{ output: `token ${fake.githubPat}`, index: 0 }] }, 'deep-secret-value'],
			env: { API_TOKEN: '***' },
		};
		const copy = structuredClone(input);
		const out = redactDeep(input, r);
		expect(out).toEqual({
			id: 42,
			ok: true,
			none: null,
			name: 'build',
			steps: [{ name: 'deploy', actions: [{ output: `token ${REDACTED}`, index: 0 }] }, REDACTED],
			env: { API_TOKEN: REDACTED },
		});
		expect(input).toEqual(copy);
		expect(out).not.toBe(input);
	});

	it("redacts an array of strings as one text's lines: a key spanning them is hidden", () => {
		const step = { name: 'write key', lines: ['echo "$KEY" > id_rsa', ...pem(), 'done'] };
		const out = redactDeep(step, r);
		expect(out.lines).toEqual(['echo "$KEY" > id_rsa', '-----BEGIN RSA PRIVATE KEY-----', REDACTED, REDACTED, REDACTED, '-----END RSA PRIVATE KEY-----', 'done']);
		expect(redactDeep({ tags: ['a', 'deep-secret-value'] }, r)).toEqual({ tags: ['a', REDACTED] });
	});

	it('redacts keys, keeps a __proto__ key a plain key and survives cycles', () => {
		const parsed = JSON.parse('{"__proto__": {"x": "deep-secret-value"}, "deep-secret-value": 1}') as Record<string, unknown>;
		const out = redactDeep(parsed, r) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(Object.keys(out)).toEqual(['__proto__', REDACTED]);
		const cyclic: Record<string, unknown> = { a: 'deep-secret-value' };
		cyclic.self = cyclic;
		const c = redactDeep(cyclic, r) as Record<string, unknown>;
		expect(c.a).toBe(REDACTED);
		expect(c.self).toBe(c);
	});
});
