import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { repoRoot } from './support/paths';
import { serve } from './support/server';

// Strings a pull request could put in a config to attack whoever reads the site.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const BREAKOUT = '"><svg onload="window.__pwned=1">';

const config = `version: 2.1
jobs:
  '${IMG}':
    docker: [{image: 'cimg/base:${BREAKOUT}'}]
    environment:
      GREETING: '${SCRIPT}'
    steps:
      - run:
          name: '${SCRIPT}'
          command: echo '</code></pre>${SCRIPT}'
      - save_cache:
          key: 'v1-${IMG}'
          paths: ['${BREAKOUT}']
workflows:
  '${SCRIPT}':
    jobs:
      - '${IMG}':
          filters:
            branches:
              only: ['${BREAKOUT}']
`;

let root: string;
let out: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'atlas-hostile-'));
	mkdirSync(join(root, 'pipelines/evil/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil/.circleci/config.yml'), config);
	writeFileSync(join(root, 'pipelines/evil/pipeline.yml'), `title: '${SCRIPT}'\ndescription: '${IMG}'\n`);
	mkdirSync(join(root, 'pipelines/evil-gitlab'), { recursive: true });
	writeFileSync(
		join(root, 'pipelines/evil-gitlab/.gitlab-ci.yml'),
		`deploy:\n  script: ./deploy\n  environment:\n    name: production\n    url: "javascript:window.__pwned=1"\n`,
	);
	mkdirSync(join(root, 'content/docs'), { recursive: true });
	writeFileSync(join(root, 'content/docs/intro.md'), `---\ntitle: Intro\n---\n\nHello.\n`);
	out = join(root, 'dist');
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
	const result = spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', '--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', out, '--base', '/x/'], { cwd: repoRoot, env, encoding: 'utf8' });
	expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	rmSync(root, { recursive: true, force: true });
});

function pagesOf(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) => relative(dir, join(e.parentPath, e.name)).replace(/index\.html$/, ''));
}

describe('hostile strings in a config', () => {
	it('execute nothing and add no element on any page', async () => {
		server = await serve(out, '/x/');
		browser = await launch();
		const page = await browser.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const pages = pagesOf(out).filter((p) => p.startsWith('pipelines/'));
		expect(pages.length).toBeGreaterThanOrEqual(2);
		for (const path of pages) {
			await page.goto(server.url + path);
			expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), path).toBeUndefined();
			expect(await page.locator('img[src="x"], [onerror], [onload], a[href^="javascript" i]').count(), path).toBe(0);
			const injectedScripts = await page.locator('script').evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes('__pwned') && s.getAttribute('type') !== 'application/json').length);
			expect(injectedScripts, path).toBe(0);
			// The strings are shown as text instead.
			if (path.startsWith('pipelines/evil/')) expect(await page.locator('body').innerText(), path).toContain('<script>window.__pwned=1</script>');
		}
		expect(dialogs).toEqual([]);
	});
});
