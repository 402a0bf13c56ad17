import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { headerSearch } from './support/header-search';
import { repoRoot } from './support/paths';
import { serve } from './support/server';
import { tempDir } from '../support/temp';

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

const githubWorkflow = `name: '${SCRIPT}'
on:
  push:
    branches: ['${BREAKOUT}']
env:
  '${IMG}': '${SCRIPT}'
jobs:
  build:
    name: '${IMG}'
    runs-on: ubuntu-latest
    environment:
      name: '${SCRIPT}'
      url: 'javascript:window.__pwned=1'
    steps:
      - name: '${BREAKOUT}'
        run: echo "${'$'}{{ github.event.head_commit.message }}" '${SCRIPT}'
        env:
          GREETING: '${IMG}'
      - uses: 'actions/checkout@${BREAKOUT}'
`;

const E = '\x1b';
const OSC8 = (url: string, text: string) => `${E}]8;;${url}${E}\\${text}${E}]8;;${E}\\`;
const gitlabTrace = [
	`${E}[0KRunning with gitlab-runner 17.5.1 (affdd5b0)${E}[0;m`,
	`${E}[0Ksection_start:1767225600:step_script\r${E}[0K${E}[0K${E}[36;1mExecuting "step_script" stage of the job script${E}[0;m`,
	`${E}[32;1m$ ./deploy '${SCRIPT}'${E}[0;m`,
	`see ${OSC8('javascript:window.__pwned=1', 'the dashboard')} and ${OSC8('https://example.com/" onmouseover="window.__pwned=1', 'this')}`,
	`${E}]8;;javascript:window.__pwned=1${E}\\${IMG}`,
	`</code></pre>${SCRIPT}${BREAKOUT}`,
	`${E}[0Ksection_end:1767225660:step_script\r${E}[0K`,
	`${E}[31;1mERROR: Job failed: exit code 1${E}[0;m`,
	'',
].join('\n');

const hostileMarkdown = `---
title: Intro
---

Hello.

${SCRIPT}

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<iframe src="https://evil.example/"></iframe>

${IMG}

[a link](javascript:window.__pwned=1) and <a href=" jav&#x61;script:window.__pwned=1">another</a>

<details><summary>Still allowed</summary>

Folded text.

</details>
`;

let root: string;
let out: string;
let before: string[];
let buildOutput: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	root = tempDir('atlas-hostile-');
	mkdirSync(join(root, 'pipelines/evil/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil/.circleci/config.yml'), config);
	writeFileSync(join(root, 'pipelines/evil/pipeline.yml'), `title: '${SCRIPT}'\ndescription: '${IMG}'\n`);
	// A pipeline title a pull request could put in pipeline.yml: it becomes a search filter value.
	mkdirSync(join(root, 'pipelines/evil-title/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil-title/.circleci/config.yml'), 'version: 2.1\njobs:\n  hello:\n    docker: [{image: cimg/base:stable}]\n    steps:\n      - run: echo hello\nworkflows:\n  main:\n    jobs: [hello]\n');
	writeFileSync(join(root, 'pipelines/evil-title/pipeline.yml'), `title: '${IMG}'\n`);
	mkdirSync(join(root, 'pipelines/evil-gitlab'), { recursive: true });
	writeFileSync(
		join(root, 'pipelines/evil-gitlab/.gitlab-ci.yml'),
		`deploy:\n  script: ./deploy\n  environment:\n    name: production\n    url: "javascript:window.__pwned=1"\n`,
	);
	// GitHub Actions: names, env names and values, branch filters and a job's output, all hostile.
	mkdirSync(join(root, 'pipelines/evil-github/.github/workflows'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil-github/.github/workflows/ci.yml'), githubWorkflow);
	// A recorded GitLab run of a hostile job: terminal hyperlinks to javascript:, markup in log lines.
	mkdirSync(join(root, 'pipelines/evil-gitlab/runs/gitlab-1'), { recursive: true });
	writeFileSync(join(root, 'pipelines/evil-gitlab/runs/gitlab-1/trace.log'), gitlabTrace);
	writeFileSync(join(root, 'pipelines/evil-gitlab/runs/gitlab-1/job.json'), JSON.stringify({ id: 1, name: 'deploy', stage: 'deploy', status: 'failed', ref: BREAKOUT, pipeline: { id: 1 }, web_url: 'https://gitlab.example.com/g/p/-/jobs/1', started_at: '2026-01-01T00:00:00Z', finished_at: '2026-01-01T00:01:00Z', commit: { title: SCRIPT, author_name: IMG } }));
	// A GitHub logs archive whose entries climb out of the folder (a "zip slip").
	mkdirSync(join(root, 'pipelines/evil-github/runs/github-2'), { recursive: true });
	writeFileSync(
		join(root, 'pipelines/evil-github/runs/github-2/logs.zip'),
		zipSync({ [`../../../../escaped-${IMG.length}.txt`]: strToU8('escaped'), [`${SCRIPT}/1_Set up job.txt`]: strToU8(`2026-01-01T00:00:00.0000000Z ${SCRIPT}\n`), [`../${SCRIPT}/../../2_x.txt`]: strToU8('x') }, { mtime: new Date('2026-01-01T00:00:00Z') }),
	);
	mkdirSync(join(root, 'content/docs'), { recursive: true });
	writeFileSync(join(root, 'content/docs/intro.md'), hostileMarkdown);
	out = join(root, 'dist');
	before = filesUnder(root);
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
	const result = spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', '--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', out, '--base', '/x/'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 500_000 });
	buildOutput = `${result.stdout}\n${result.stderr}`;
	expect(result.status, buildOutput).toBe(0);
	server = await serve(out, '/x/');
	browser = await launch();
});

/** Every file under `dir` but the build's output, relative to it. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.filter((p) => !p.startsWith('dist/') && !p.startsWith('dist.'))
		.sort();
}

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (!process.env.ATLAS_KEEP_HOSTILE) rmSync(root, { recursive: true, force: true });
});

function pagesOf(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) => relative(dir, join(e.parentPath, e.name)).replace(/index\.html$/, ''));
}

describe('hostile strings in a config', () => {
	it('execute nothing and add no element on any page', async () => {
		const page = await browser.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const pages = pagesOf(out).filter((p) => p.startsWith('pipelines/') || p.startsWith('docs/') || p === '' || p.startsWith('env/') || p.startsWith('search/'));
		expect(pages).toEqual(expect.arrayContaining(['pipelines/evil/', 'pipelines/evil-github/', 'docs/intro/', 'pipelines/evil-gitlab/runs/gitlab-1/']));
		for (const path of pages) {
			await page.goto(server.url + path);
			expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), path).toBeUndefined();
			// Markdown may hold images (`<img src=x>` stays, its handler goes); no other field may.
			const injected = '[onerror], [onload], [onmouseover], a[href*="javascript" i], meta[http-equiv="refresh" i], iframe';
			expect(await page.locator(path.startsWith('docs/') ? injected : `img[src="x"], ${injected}`).count(), path).toBe(0);
			const injectedScripts = await page.locator('script').evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes('__pwned') && s.getAttribute('type') !== 'application/json').length);
			expect(injectedScripts, path).toBe(0);
			// The strings are shown as text instead.
			if (path.startsWith('pipelines/evil/')) expect(await page.locator('body').innerText(), path).toContain('<script>window.__pwned=1</script>');
		}
		expect(dialogs).toEqual([]);
	});

	it('keep the link text of terminal hyperlinks, never their javascript: target', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.url}pipelines/evil-gitlab/runs/gitlab-1/`);
		const text = await page.locator('main').innerText();
		expect(text).toContain('see the dashboard and this');
		expect(text).toContain('<script>window.__pwned=1</script>');
		expect(text).not.toContain('\x1b');
		await page.close();
	});

	it('let Markdown keep its allowed HTML and show the rest as text, with a warning naming the file', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.url}docs/intro/`);
		await expect(page.locator('main details summary').innerText()).resolves.toBe('Still allowed');
		await expect(page.locator('main').innerText()).resolves.toContain('<meta http-equiv="refresh"');
		await expect(page.locator('main a', { hasText: 'a link' }).getAttribute('href')).resolves.toBeNull();
		expect(buildOutput).toMatch(/content\/docs\/intro\.md:\d+:\d+: raw HTML not allowed on the site \(script/);
		await page.close();
	});
});

describe('hostile file names in a logs archive', () => {
	it('write nothing outside the output folder', () => {
		expect(filesUnder(root)).toEqual(before);
		expect(readdirSync(join(root, '..')).filter((name) => name.startsWith('escaped-'))).toEqual([]);
		for (const file of readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
			expect(relative(out, join(file.parentPath, file.name)).startsWith('..')).toBe(false);
		}
		// The run's files are read from the archive, whatever their names say.
		expect(readFileSync(join(out, 'pipelines/evil-github/index.html'), 'utf8')).toContain('github-2');
	});
});

describe('a hostile pipeline title in search', () => {
	let page: Page;
	beforeAll(async () => {
		page = await browser.newPage();
	});

	async function searchPage(): Promise<void> {
		await page.goto(`${server.url}search/?q=hello`);
		await page.locator('#atlas-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
		// The filter panel is drawn once pagefind has read its filters.
		await page.locator('#atlas-search input[name="pipeline"]').first().waitFor({ state: 'attached', timeout: 15_000 });
	}

	const lookAlike = IMG.replace(/</g, '‹').replace(/>/g, '›');

	it('is offered as a pipeline filter on the search page', async () => {
		await searchPage();
		// With look-alikes for < and >: pagefind's UI shows filter values as HTML.
		await expect(page.locator('#atlas-search input[name="pipeline"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).resolves.toContain(lookAlike);
	});

	// Pagefind's default UI writes filter values with `{@html value}` and pagefind decodes every
	// entity of the attribute it reads them from: the site hands it look-alikes for < > &.
	it('runs nothing and is shown as text on the search page and in the header search', async () => {
		await searchPage();
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), '/search/').toBeUndefined();
		expect(await page.locator('#atlas-search img[src="x"]').count()).toBe(0);
		await expect(page.locator('#atlas-search label.pagefind-ui__filter-label', { hasText: lookAlike }).count()).resolves.toBe(1);

		await headerSearch(page, server.url, 'hello');
		await page.locator('dialog[open] input[name="pipeline"]').first().waitFor({ state: 'attached', timeout: 15_000 });
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), 'header search').toBeUndefined();
		expect(await page.locator('dialog[open] img[src="x"]').count()).toBe(0);
	});
});
