import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { base, repoRoot, siteDir } from './paths';

/** Set once this test run has built the site: both browser-test projects name this setup. */
const BUILT = 'ATLAS_E2E_BUILT_BY';

/**
 * Builds the example site once for all browser tests. Set ATLAS_E2E_REUSE=1 to reuse an
 * earlier build while iterating on tests.
 */
export default function setup(): (() => void) | undefined {
	if (process.env[BUILT] === String(process.pid)) return undefined;
	if (process.env.ATLAS_E2E_REUSE && existsSync(join(siteDir, 'index.html'))) return undefined;
	rmSync(siteDir, { recursive: true, force: true });
	const result = spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', '--out', siteDir, '--base', base], {
		cwd: repoRoot,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(`building the example site failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	process.env[BUILT] = String(process.pid);
	// A run started again in this process (watch mode) builds again.
	return () => {
		delete process.env[BUILT];
	};
}
