import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cmdline, processTree } from '../../bench/lib/proc';
import { removeLeftovers } from '../../src/cli/build';
import { bin, repoRoot, userEnv } from './support/cli';
import { tempDir } from '../support/temp';

/**
 * A `--no-cache` build of a one-job site in a folder of its own, under way once Astro runs with
 * its throwaway cache and `ready(out)` holds (another build of this installation may hold the
 * lock a while first). Its output so far, and Astro's process, are given.
 */
async function buildUnderWay(prefix: string, ready: (out: string, pid: number) => boolean) {
	const root = tempDir(prefix);
	mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n');
	const out = join(root, 'dist');
	const cli = spawn(process.execPath, [bin, 'build', '--pipelines', join(root, 'pipelines'), '--out', out, '--no-cache'], { cwd: repoRoot, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
	const build = { root, out, cli, output: '', astroPid: 0 };
	cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (build.output += chunk));
	cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (build.output += chunk));
	const astro = () => processTree(cli.pid!).filter((p) => p.ppid === cli.pid && cmdline(p.pid).includes('astro.mjs'));
	const started = () => astro().length === 1 && cachesOf(cli.pid!).length > 0 && ready(out, cli.pid!);
	try {
		for (let waited = 0; waited < 240_000 && !started(); waited += 100) await new Promise((r) => setTimeout(r, 100));
		expect(started(), build.output).toBe(true);
	} catch (error) {
		cli.kill('SIGKILL');
		throw error;
	}
	build.astroPid = astro()[0]!.pid;
	return build;
}

/** Whether a process runs (a zombie, ended and waiting to be reaped, does not). */
function running(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

const cacheParent = join(repoRoot, 'node_modules/.astro');
/** The throwaway caches of the build `pid` (each named for its process: other tests' builds make theirs meanwhile). */
const cachesOf = (pid: number) => (existsSync(cacheParent) ? readdirSync(cacheParent).filter((name) => name.startsWith(`no-cache-${pid}-`)) : []);

it('stopped by a signal, a build stops Astro, removes what it wrote beside the site and gives its lock back, ending by that signal', async () => {
	// With its staging folder made.
	const build = await buildUnderWay('atlas-stop-', (out) => existsSync(`${out}.partial`));
	const { root, cli, astroPid } = build;
	try {
		const closed = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((done) => cli.on('close', (status, signal) => done({ status, signal })));
		cli.kill('SIGTERM');
		expect(await closed, build.output).toEqual({ status: null, signal: 'SIGTERM' });
		expect(build.output).toContain('The build was stopped (SIGTERM): no site was written, and the folders the build had written beside it are removed.');
		expect(running(astroPid)).toBe(false);
		expect(readdirSync(root).sort()).toEqual(['pipelines']);
		expect(cachesOf(cli.pid!)).toEqual([]);
		// The lock is free, or another build's.
		const holder = (() => {
			try {
				return readFileSync(join(repoRoot, '.astro/build.lock/pid'), 'utf8');
			} catch {
				return '';
			}
		})();
		expect(holder).not.toBe(String(cli.pid));
	} finally {
		cli.kill('SIGKILL');
	}
}, 300_000);

it('killed outright (SIGKILL), a build takes Astro with it, leaving its cache and images folder', async () => {
	// With its run-images folder made.
	const build = await buildUnderWay('atlas-kill-', (out, pid) => existsSync(`${out}.images-${pid}`));
	const { root, cli, astroPid } = build;
	const left = cachesOf(cli.pid!);
	try {
		cli.kill('SIGKILL');
		for (let waited = 0; waited < 10_000 && running(astroPid); waited += 100) await new Promise((r) => setTimeout(r, 100));
		expect(running(astroPid), build.output).toBe(false);
		expect(build.output).toContain('the build that started this Astro process is gone: stopping it.');

		// What the killed build could not remove, which the next build does (below).
		expect(readdirSync(root).sort()).toContain(`dist.images-${cli.pid}`);
		expect(left).toHaveLength(1);
	} finally {
		cli.kill('SIGKILL');
		// Should the guard fail: Astro, left running, would build on beside the tests after this one.
		if (running(astroPid)) process.kill(astroPid, 'SIGKILL');
		// What the next build would remove (see the test below).
		for (const name of left) rmSync(join(cacheParent, name), { recursive: true, force: true });
	}
}, 300_000);

it('a build removes the caches and images folders of builds no longer running, and its own process\'s, not a folder of the user\'s', async () => {
	const root = tempDir('atlas-left-');
	const out = join(root, 'dist');
	const ended = spawn(process.execPath, ['-e', '']);
	await new Promise((done) => ended.on('close', done));
	const dead = ended.pid!;
	// The test runner's parent runs: a build of another installation, say.
	const alive = process.ppid;
	const beside = [`dist.images-${dead}`, `dist.images-${process.pid}`, `dist.images-${alive}`, 'dist.images-2024-backup', `dist.images-${dead}.old`, 'dist'];
	for (const name of beside) mkdirSync(join(root, name));
	const caches = [`no-cache-${dead}-AbC123`, `no-cache-${alive}-AbC123`, `no-cache-${dead}-old-copy`];
	for (const name of caches) mkdirSync(join(cacheParent, name), { recursive: true });
	try {
		removeLeftovers(out);
		expect(readdirSync(root).sort()).toEqual(['dist', `dist.images-${alive}`, 'dist.images-2024-backup', `dist.images-${dead}.old`].sort());
		expect(caches.filter((name) => existsSync(join(cacheParent, name)))).toEqual([`no-cache-${alive}-AbC123`, `no-cache-${dead}-old-copy`]);
	} finally {
		for (const name of caches) rmSync(join(cacheParent, name), { recursive: true, force: true });
	}
});
