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
let origin: string;

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
	const port = 20000 + Math.floor(Math.random() * 20000);
	origin = `http://127.0.0.1:${port}`;
	dev = spawn(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
		cwd: repoRoot,
		// Vitest's own variables (NODE_ENV=test, VITEST*) would make Astro's Vite behave as under test.
		env: { ...withoutTestEnv(process.env), ASTRO_TELEMETRY_DISABLED: '1', ATLAS_PIPELINES_DIR: dir },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// Drain the output: a full pipe would stall the server.
	dev.stdout?.resume();
	dev.stderr?.resume();
	expect(await until(async () => (await fetch(origin + '/')).ok, 60_000)).toBe(true);
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
