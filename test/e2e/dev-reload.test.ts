import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths';
import { tempDir } from '../support/temp';

const config = (job: string) =>
	`version: 2.1\njobs:\n  ${job}:\n    docker: [{image: cimg/base:stable}]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [${job}]\n`;

function withoutTestEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST') && k !== 'TEST'));
}

let dir: string;
let dev: ChildProcess;
let origin: string | undefined;

async function page(path: string): Promise<string> {
	const res = await fetch(origin + path);
	return res.text();
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await check().catch(() => false)) return true;
		await new Promise((r) => setTimeout(r, 250));
	}
	return false;
}

beforeAll(async () => {
	dir = tempDir('atlas-dev-');
	mkdirSync(join(dir, 'demo/.circleci'), { recursive: true });
	writeFileSync(join(dir, 'demo/.circleci/config.yml'), config('alpha'));
	// Port 0: the system gives a free one, which Astro prints (a random one could be taken, and
	// Astro would move to another without a word).
	dev = spawn(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', '0'], {
		cwd: repoRoot,
		// Vitest's own variables (NODE_ENV=test, VITEST*) would make Astro's Vite behave as under test.
		env: { ...withoutTestEnv(process.env), ASTRO_TELEMETRY_DISABLED: '1', ATLAS_PIPELINES_DIR: dir },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// Drained, so a full pipe never stalls the server; read until Astro says where it listens.
	let output = '';
	dev.stderr?.resume();
	dev.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		if (origin !== undefined) return;
		output += chunk;
		origin = /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))?.[1];
	});
	expect(await until(async () => origin !== undefined && (await fetch(origin + '/')).ok, 60_000), output).toBe(true);
});

afterAll(() => {
	dev?.kill();
	rmSync(dir, { recursive: true, force: true });
});

describe('astro dev', () => {
	it('picks up an edit under the pipelines folder without a restart', async () => {
		expect(await page('/pipelines/demo/')).toContain('jobs/alpha/');
		writeFileSync(join(dir, 'demo/.circleci/config.yml'), config('beta'));
		expect(await until(async () => (await page('/pipelines/demo/')).includes('jobs/beta/'), 20_000)).toBe(true);
	});
});
