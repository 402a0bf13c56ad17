import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_MODULES } from '../../vitest.config';
import { SLOW_FIRST } from '../support/slow-files';

const root = join(import.meta.dirname, '../..');

/** What makes a test file depend on modules loaded for it alone (see OWN_MODULES). */
const NEEDS_OWN = /\bvi\.(mock|doMock|unmock|resetModules|stubEnv|stubGlobal|spyOn)\(|\bprocess\.env\.\w+\s*=(?!=)|\bprocess\.env\[[^\]]+\]\s*=(?!=)|\bdelete process\.env\b/;

function unitTestFiles(): string[] {
	return (readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' }) as string[])
		.map((f) => `test/${f.split(sep).join('/')}`)
		.filter((f) => f.endsWith('.test.ts') && !f.startsWith('test/e2e/') && !f.startsWith('test/stress/'))
		.sort();
}

describe('unit test files that share their modules', () => {
	it('leave mocking, reloading and the environment to the files that have modules of their own', () => {
		const needing = unitTestFiles().filter((f) => f !== relative(root, import.meta.filename).split(sep).join('/') && NEEDS_OWN.test(readFileSync(join(root, f), 'utf8')));
		expect(needing.length).toBeGreaterThan(0);
		expect(needing.filter((f) => !OWN_MODULES.includes(f))).toEqual([]);
	});

	it('name only files that exist', () => {
		const files = new Set(unitTestFiles());
		expect(OWN_MODULES.filter((f) => !files.has(f))).toEqual([]);
	});
});

describe('the files started first', () => {
	it('are files of the suite, each named once', () => {
		expect(SLOW_FIRST.filter((f) => !existsSync(join(root, f)) || !f.endsWith('.test.ts'))).toEqual([]);
		expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length);
	});
});
