import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the project', () => {
	// Vitest runs TypeScript without checking its types, and tsc does not read .astro files: a
	// page whose collection data became `unknown` built and passed every other test.
	it('type-checks, .astro files and tests included (astro check)', () => {
		const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'check'], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
		});
		const errors = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /error/i.test(line) && !/- 0 errors/.test(line));
		expect(result.status, errors.join('\n')).toBe(0);
	}, 180_000);
});
