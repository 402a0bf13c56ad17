import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from here, as `npx pipeline-atlas` does in a checkout. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const bin = join(repoRoot, 'bin/pipeline-atlas.mjs');

/** The seed systems, as the CLI is given them: relative to the repository root. */
export const seeds = '../shared/seed-systems';
export const seedsDir = join(repoRoot, seeds);
export const hasSeeds = existsSync(seedsDir);
export const seedsLabel = hasSeeds ? 'seed systems found' : `skipped: no ${seeds} beside the repository`;

export interface CliResult {
	status: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/**
 * The environment a user's shell would give the CLI: vitest's own variables (NODE_ENV=test
 * among them) are left out so they cannot change how the CLI or Astro behave.
 */
export function userEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'NODE_ENV' || key.startsWith('VITEST') || key === 'TEST') continue;
		env[key] = value;
	}
	return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' };
}

/**
 * Runs `node bin/pipeline-atlas.mjs ...args` from the repository root with the Node running the
 * tests (22, as the CLI requires). Asynchronous so a long build does not block the test worker.
 */
export function runCli(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			resolve({ status, signal, stdout, stderr });
		});
	});
}

/** What a failed expectation prints: the command's whole output. */
export function transcript(args: readonly string[], r: CliResult): string {
	return `pipeline-atlas ${args.join(' ')} -> exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n--- stdout\n${r.stdout.slice(-8000)}\n--- stderr\n${r.stderr.slice(-8000)}`;
}

/** Runs `model <path> --json`, requires exit 0 and returns the parsed JSON. */
export async function modelJson<T = any>(path: string): Promise<T> {
	const args = ['model', path, '--json'];
	const r = await runCli(args);
	if (r.status !== 0) throw new Error(`model failed\n${transcript(args, r)}`);
	try {
		return JSON.parse(r.stdout) as T;
	} catch (error) {
		throw new Error(`model printed no JSON (${String(error)})\n${transcript(args, r)}`);
	}
}

/** Every file under `dir`, `/`-separated and relative to it, sorted. */
export function listFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string): void => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			const full = join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else out.push(relative(dir, full).split(sep).join('/'));
		}
	};
	walk(dir);
	return out.sort();
}

/** `relative path -> sha256` of every file under `dir`: equal maps mean nothing was written. */
export function hashTree(dir: string): Record<string, string> {
	return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

/** The CircleCI configs of the seed systems (`circleci-config*.yml`), relative to the repo root. */
export function seedCircleCiConfigs(): string[] {
	if (!hasSeeds) return [];
	return listFiles(seedsDir)
		.filter((f) => /(^|\/)circleci-config[^/]*\.yml$/.test(f))
		.map((f) => `${seeds}/${f}`);
}

/** Page text with the entities Astro writes turned back into characters. */
export function decodeEntities(html: string): string {
	return html
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
		.replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
		.replace(/&amp;/g, '&');
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
