import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLock } from '../src/cli/build';

const root = join(import.meta.dirname, '..');

function astro(...args: string[]) {
	return spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), ...args], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
		timeout: 300_000,
	});
}

describe('the project', () => {
	// Vitest runs TypeScript without checking its types, and tsc does not read .astro files: a
	// page whose collection data became `unknown` built and passed every other test.
	it('type-checks, .astro files and tests included (astro check)', async () => {
		// The types Astro generates into the project's `.astro/`, written as a build writes them:
		// in turn with the builds other tests run meanwhile (see buildLock), then checked.
		const release = await buildLock();
		let synced;
		try {
			synced = astro('sync');
		} finally {
			release();
		}
		expect(synced.status, `${synced.stdout}\n${synced.stderr}`).toBe(0);
		const result = astro('check', '--noSync');
		const errors = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /error/i.test(line) && !/- 0 errors/.test(line));
		expect(result.status, errors.join('\n')).toBe(0);
	}, 360_000);
});
