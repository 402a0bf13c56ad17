import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bin, repoRoot } from './support/cli';
import { tempDir } from '../support/temp';

/** The child processes of `pid` running Astro, from /proc. */
function astroChildren(pid: number): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				// The parent's pid is the 4th field, after the command in parentheses.
				const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				return parent === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('astro.mjs');
			} catch {
				return false;
			}
		})
		.map(Number);
}

/** Whether a process runs (a zombie, ended and waiting to be reaped, does not). */
function running(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

it('stopped by a signal, a build stops Astro, removes what it wrote beside the site and gives its lock back, exiting 128 + the signal', async () => {
	const root = tempDir('atlas-stop-');
	mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n');
	const out = join(root, 'dist');
	const cli = spawn(process.execPath, [bin, 'build', '--pipelines', join(root, 'pipelines'), '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const closed = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((done) => cli.on('close', (status, signal) => done({ status, signal })));
	// Astro is at work once it reads the content (another build of this installation may hold the lock first).
	let astro: number[] = [];
	for (let waited = 0; waited < 90_000 && !output.includes('[content]'); waited += 100) await new Promise((r) => setTimeout(r, 100));
	astro = astroChildren(cli.pid!);
	expect(astro, output).toHaveLength(1);
	cli.kill('SIGTERM');
	const { status, signal } = await closed;
	expect({ status, signal }, output).toEqual({ status: 128 + 15, signal: null });
	expect(output).toContain('The build was stopped (SIGTERM): the previous site is left as it was');
	expect(running(astro[0]!)).toBe(false);
	expect(readdirSync(root).sort()).toEqual(['pipelines']);
	const lock = join(repoRoot, '.astro/build.lock/pid');
	expect(existsSync(lock) && readFileSync(lock, 'utf8') === String(cli.pid)).toBe(false);
}, 120_000);
