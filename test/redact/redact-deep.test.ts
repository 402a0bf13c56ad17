import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import { readFolders } from '../../src/ingest/read';
import { createRedactor, REDACTED, redactDeep, redactInPlace } from '../../src/redact/redact';
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

describe('redactInPlace', () => {
	const r = createRedactor({ values: ['deep-secret-value'], ciMasks: 'github' });

	it('redacts what redactDeep redacts, in the value itself', () => {
		const make = () => ({
			id: 42,
			ok: true,
			none: null,
			name: 'build',
			steps: [{ name: 'deploy', actions: [{ output: `token ${fake.githubPat}`, index: 0 }] }, 'deep-secret-value'],
			env: { API_TOKEN: '***', 'deep-secret-value': 'kept key order', after: 'x' },
			lines: ['echo "$KEY" > id_rsa', ...pem(), 'done'],
		});
		const input = make();
		const expected = redactDeep(make(), r);
		expect(redactInPlace(input, r)).toBe(input);
		expect(input).toEqual(expected);
		expect(Object.keys(input.env)).toEqual(Object.keys(expected.env));
		expect(input.env).toEqual({ API_TOKEN: REDACTED, [REDACTED]: 'kept key order', after: 'x' });
		expect(redactInPlace('deep-secret-value', r)).toBe(REDACTED);
	});

	it('writes nothing where nothing is secret: a frozen default stays as it was', () => {
		const defaults = Object.freeze({ shell: 'bash', args: Object.freeze(['-e', '-o', 'pipefail']) });
		const model = { jobs: [{ name: 'a', defaults }, { name: 'b', defaults, token: fake.githubPat }] };
		redactInPlace(model, r);
		expect(model.jobs[1]!.token).toBe(REDACTED);
		expect(model.jobs[0]!.defaults).toBe(defaults);
	});

	it('keeps a __proto__ key a plain key and survives cycles', () => {
		const parsed = JSON.parse('{"__proto__": {"x": "deep-secret-value"}, "deep-secret-value": 1}') as Record<string, unknown>;
		redactInPlace(parsed, r);
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
		expect(Object.keys(parsed)).toEqual(['__proto__', REDACTED]);
		expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ x: REDACTED });
		const cyclic: Record<string, unknown> = { a: 'deep-secret-value' };
		cyclic.self = cyclic;
		redactInPlace(cyclic, r);
		expect(cyclic.a).toBe(REDACTED);
		expect(cyclic.self).toBe(cyclic);
	});

	it('redacts a shared part once as a graph, where redacting it again would change it', () => {
		// A log line `API_TOKEN=redacted` makes `redacted` a secret value: its marker holds it.
		const values = createRedactor({ values: ['redacted'] });
		expect(values.redact(values.redact('token redacted'))).not.toBe(values.redact('token redacted'));
		const shared = { line: 'token redacted' };
		const run = { steps: [{ shared }, { shared }] };
		redactInPlace(run, values);
		expect(shared.line).toBe(`token ${REDACTED}`);
	});

	it('redacts a part two references share in a tree, as a graph would', () => {
		// As a model shares a step's location with the note on a variable that step reads.
		const configs = createRedactor();
		const make = () => {
			const location = { file: `https://ci:${fake.githubPat}@example.com/ci.yml`, line: 3 };
			return { steps: [{ location, name: `curl -u admin:${fake.githubPat} https://example.com` }], diagnostics: [{ location }, { location }] };
		};
		const tree = redactInPlace(make(), configs, 'tree');
		expect(tree).toEqual(redactInPlace(make(), configs));
		expect(tree.diagnostics[0]!.location).toBe(tree.steps[0]!.location);
		expect(tree.steps[0]!.location.file).toBe(`https://ci:${REDACTED}@example.com/ci.yml`);
	});
});

describe('redactInPlace on real models', () => {
	const dirs = [fileURLToPath(new URL('../../pipelines', import.meta.url)), fileURLToPath(new URL('../../../shared/seed-systems', import.meta.url))].filter((d) => existsSync(d));

	it('gives what redactDeep gives for every pipeline of the example and the seed systems', async () => {
		let pipelines = 0;
		for (const dir of dirs) {
			const models = (await readFolders(dir)).flatMap(assembleFolder);
			const copied = structuredClone(models);
			const redactor = createRedactor();
			expect(models.map((p) => redactInPlace(p, redactor))).toEqual(copied.map((p) => redactDeep(p, redactor)));
			pipelines += models.length;
		}
		// The example's 7, and the seed systems' when they are beside the repository.
		expect(pipelines).toBeGreaterThan(dirs.length > 1 ? 8 : 6);
	});

	it('shares only locations: what readPipelines redacts as a tree', async () => {
		let locations = 0;
		for (const dir of dirs) {
			const seen = new Set<object>();
			const stack: unknown[] = (await readFolders(dir)).flatMap(assembleFolder);
			while (stack.length > 0) {
				const item = stack.pop();
				if (item === null || typeof item !== 'object') continue;
				if (seen.has(item)) {
					// Reached again: only a location, which holds no container and is redacted without values.
					expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['column', 'file', 'line']));
					expect(Object.values(item).every((v) => v === null || typeof v !== 'object')).toBe(true);
					locations++;
					continue;
				}
				seen.add(item);
				stack.push(...Object.values(item));
			}
		}
		// Some are shared (a step's location with the note on a variable it reads and no config sets).
		expect(locations).toBeGreaterThan(0);
	});
});
