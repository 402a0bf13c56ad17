/**
 * What the benchmark needs to know about the installation it measures: where the per-input
 * content cache of `pipeline-atlas build` lives (so a cold build can delete it), and whether
 * another build of this installation holds the build lock (so we start when it is free rather
 * than time someone else's build).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cache folder `src/cli/build.ts` (`cacheDirFor`) picks for these inputs: a hash of the
 * absolute input paths and of Pipeline Atlas's own source. That function is private to the CLI,
 * so this mirrors it; `run.ts` checks after the cold build that the folder was indeed written,
 * and says so loudly if the two ever drift apart.
 */
export function atlasCacheDir(projectRoot: string, pipelines: string, content: string): string {
	const hash = createHash('sha256').update(`${pipelines}\0${content}`);
	const own = ['astro.config.mjs', 'package-lock.json', ...readdirSync(join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join('src', f))].sort();
	for (const file of own) {
		const path = join(projectRoot, file);
		if (statSync(path, { throwIfNoEntry: false })?.isFile()) hash.update(`\0${file}\0`).update(readFileSync(path));
	}
	return join(projectRoot, 'node_modules', '.astro', 'inputs', hash.digest('hex').slice(0, 16));
}

function lockHolder(projectRoot: string): number | undefined {
	const lock = join(projectRoot, '.astro', 'build.lock');
	if (!existsSync(lock)) return undefined;
	try {
		const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return pid;
	} catch (error) {
		// A lock without a pid file is being taken right now: count it as held.
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? -1 : undefined;
	}
}

/**
 * Waits until no other build of this installation is running. Builds take turns on the lock
 * (`buildLock` in src/cli/build.ts); a build started while another holds it would count the
 * wait as its own time, and one running beside ours would halve our CPU on two cores.
 */
export async function waitForBuildLock(projectRoot: string, label: string): Promise<number> {
	const started = performance.now();
	let told = false;
	while (lockHolder(projectRoot) !== undefined) {
		if (!told) console.log(`  [${label}] another build of this installation is running (pid ${lockHolder(projectRoot)}): waiting for it before measuring`);
		told = true;
		await new Promise((r) => setTimeout(r, 1000));
	}
	return performance.now() - started;
}
