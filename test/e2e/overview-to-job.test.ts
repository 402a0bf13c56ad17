import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir, base } from './support/paths';
import { openSite, type Served } from './support/site';

let server: Served;
let page: Page;
openSite((site) => ({ server, page } = site));
const outside: string[] = [];

beforeAll(async () => {
	page.on('request', (req) => {
		if (!req.url().startsWith(server.url.replace(base, '/'))) outside.push(req.url());
	});
	mkdirSync(screenshotDir, { recursive: true });
});

describe('from the overview to a job page', () => {
	it('lists the example pipelines on the overview', async () => {
		await page.goto(server.url);
		await expect(page.locator('h1').innerText()).resolves.toBe('Pipeline Atlas');
		await expect(page.title()).resolves.toBe('Pipeline Atlas');
		const links = await page.locator('main table a').allInnerTexts();
		expect(links).toEqual(expect.arrayContaining(['Atlas monorepo']));
		expect(links.length).toBeGreaterThanOrEqual(3);
		// Each pipeline's workflows as its page names them: GitLab's one pipeline is "The pipeline".
		const workflowsOf = (title: string) => page.locator('table.atlas-pipelines tr', { has: page.locator('a', { hasText: title }) }).locator('td[data-label="Workflows"]').innerText();
		await expect(workflowsOf('Payments API (Go)')).resolves.toBe('The pipeline');
		await expect(workflowsOf('Atlas monorepo')).resolves.toBe('untagged_build, tagged_deployment');
		await page.screenshot({ path: join(screenshotDir, 'overview.png'), fullPage: true });
	});

	it('follows a pipeline to its workflows and a job', async () => {
		await page.locator('main table a', { hasText: 'Atlas monorepo' }).click();
		await page.waitForURL(/\/pipelines\/atlas-monorepo\/$/);
		expect(new URL(page.url()).pathname.startsWith(base)).toBe(true);
		await expect(page.locator('main h2').allInnerTexts()).resolves.toEqual(
			expect.arrayContaining(['Workflow untagged_build', 'Workflow tagged_deployment']),
		);
		// In words, as a newcomer reads it: the release job runs for version tags only.
		const release = page.locator('.atlas-entry', { has: page.locator('a', { hasText: /^release-production$/ }) });
		await expect(release.innerText()).resolves.toMatch(/tag matching \/v\[0-9\]\+.*only; not for branch pushes/);
		await expect(release.innerText()).resolves.toContain('This workflow adds the step Announce the release before the job\'s own steps.');
		await expect(release.innerText()).resolves.toContain("One job at a time of the serial group << pipeline.project.slug >>/production, in any pipeline of the organization's projects");
		await page.screenshot({ path: join(screenshotDir, 'pipeline.png'), fullPage: true });

		await page.locator('.atlas-entry a', { hasText: /^install$/ }).first().click();
		await page.waitForURL(/\/jobs\/install\/$/);
	});

	it('shows every step of the job with its kind in words and its command highlighted', async () => {
		await expect(page.locator('h1').innerText()).resolves.toBe('install');
		const steps = page.locator('main ol.atlas-steps > li.atlas-step');
		expect(await steps.count()).toBeGreaterThanOrEqual(4);
		await expect(steps.first().locator('.atlas-kind').innerText()).resolves.toBe('Check out code');
		const kinds = await page.locator('main .atlas-kind').allInnerTexts();
		expect(kinds).toEqual(expect.arrayContaining(['Restore cache', 'Save cache', 'Persist to workspace', 'Shell command']));
		// shiki colours tokens: a highlighted command has coloured spans, not one plain text run.
		const code = page.locator('main .atlas-step pre.astro-code').first();
		await expect(code.isVisible()).resolves.toBe(true);
		const colours = await code.locator('span[style*="color"]').evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size);
		expect(colours).toBeGreaterThan(1);
		await page.screenshot({ path: join(screenshotDir, 'job.png'), fullPage: true });
	});

	it("says how each CI bounds a job: time limit, retries, one at a time, the token's permissions", async () => {
		const facts = async (path: string) => {
			await page.goto(`${server.url}${path}`);
			const terms = await page.locator('#where-it-runs + dl.atlas-facts > dt').allInnerTexts();
			const details = await page.locator('#where-it-runs + dl.atlas-facts > dd').allInnerTexts();
			return Object.fromEntries(terms.map((t, i) => [t, details[i]]));
		};
		await expect(facts('pipelines/storefront-web/jobs/ci--lint/')).resolves.toMatchObject({
			'Time limit': 'Stopped after 10 minutes if still running.',
			'Token permissions': 'GITHUB_TOKEN: contents: read; no access to any other scope (set for the whole workflow).',
		});
		await expect(facts('pipelines/storefront-web/jobs/ci--test/')).resolves.toMatchObject({
			'Matrix copies': 'Each copy runs to its end, whatever the others do.',
		});
		await expect(facts('pipelines/payments-api/jobs/deploy-production/')).resolves.toMatchObject({
			'Time limit': 'Stopped after 15m if still running.',
			'One at a time': 'One job at a time of the resource group production, in any pipeline of the project: the next one waits for it to finish.',
			'Newer pipelines': 'A newer pipeline for the same branch does not cancel it once it runs.',
		});
		await expect(facts('pipelines/payments-api/jobs/integration-test/')).resolves.toMatchObject({
			Retries: 'Up to 2 more attempts when it fails, only after the runner’s system failing or the job getting stuck or timing out.',
			'Newer pipelines': 'A newer pipeline for the same branch may cancel it while it runs (interruptible).',
		});
		await expect(facts('pipelines/payments-api/jobs/unit-test/')).resolves.toMatchObject({
			'Test coverage': 'read from its log by /total:\\s+\\(statements\\)\\s+\\d+\\.\\d+%/, and shown on merge requests',
		});
		// A CircleCI release job runs nothing: what it follows instead of where it runs.
		await expect(facts('pipelines/atlas-monorepo/jobs/track-preproduction-release/')).resolves.toEqual({
			Release: "Runs no steps: it follows the release atlas-preproduction in CircleCI's deploys until it completes. An earlier job plans it with circleci run release plan … atlas-preproduction.",
		});
		await expect(page.locator('#steps + p').innerText()).resolves.toBe('A release job runs no steps of its own.');
		await page.goto(`${server.url}pipelines/storefront-web/`);
		await expect(page.locator('.atlas-triggers li', { hasText: 'One run of this workflow' }).allInnerTexts()).resolves.toEqual([
			'One run of this workflow at a time in the group ci-${{ github.ref }}: a newer run cancels the one in progress.',
			'One run of this workflow at a time in the group deploy: a newer run waits for it to finish, and replaces any run already waiting.',
		]);
	});

	it('says where a job runs when the config names no kind of machine: Heroku by its own word, an orb job by its orb', async () => {
		const environment = async (path: string) => {
			await page.goto(`${server.url}${path}`);
			const terms = await page.locator('#where-it-runs + dl.atlas-facts > dt').allInnerTexts();
			return (await page.locator('#where-it-runs + dl.atlas-facts > dd').allInnerTexts())[terms.indexOf('Environment')];
		};
		await expect(environment('pipelines/lettings-django-heroku/jobs/build/')).resolves.toBe('Heroku build: heroku-22');
		await expect(environment('pipelines/banking-clojure/jobs/heroku--deploy-via-git/')).resolves.toBe('Set by its orb circleci/heroku@1.1.1');
		await expect(environment('pipelines/storefront-web/jobs/ci--test/')).resolves.toMatch(/^Runner chosen when it runs: \$\{\{ matrix\.os \}\}/);
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
		const runsIn = await page.locator('table.atlas-jobs td[data-label="Runs in"]').allInnerTexts();
		expect(runsIn).toContain('Nothing: it follows a release');
		expect(runsIn.filter((text) => text.includes('Not stated'))).toEqual([]);
	});

	it("shows a step's own environment, the contexts a job's secrets come from, and a CI's variables page in whole words", async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/jobs/test/`);
		const step = page.locator('li.atlas-step', { has: page.locator('dt', { hasText: 'Environment (this step only)' }) });
		await expect(step.locator('dd code').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['JEST_JUNIT_OUTPUT_DIR=reports/junit']));
		await page.goto(`${server.url}pipelines/lettings-django/jobs/deploy_on_heroku/`);
		await expect(page.locator('#where-it-runs ~ ul li').first().innerText()).resolves.toContain('Its secrets and variables also come from the context lettings-deploy');
		await page.goto(`${server.url}env/circleci/`);
		await expect(page.locator('main p').first().innerText()).resolves.toContain("written from CircleCI's reference; variables our pipelines read link to where they are used.");
	});

	it('names the secured variable a service is given, where the config sets a secret from it', async () => {
		await page.goto(`${server.url}env/`);
		await expect(page.locator('#notifications-service--TEST_DB_PASSWORD').innerText()).resolves.toContain('Given to POSTGRES_PASSWORD (service postgres of Test)');
		await page.goto(`${server.url}pipelines/notifications-service/jobs/Test/`);
		await expect(page.locator('main').innerText()).resolves.toContain('POSTGRES_PASSWORD=$TEST_DB_PASSWORD (secret)');
		// A variable only a workflow's pre-step reads is listed, with that step.
		await page.goto(`${server.url}env/`);
		await expect(page.locator('#atlas-monorepo--CIRCLE_TAG').innerText()).resolves.toMatch(/Read by Announce the release, a step the workflow \S+ adds before the steps of release-production/);
		// A GitLab job's variable only its service reads: said who gets it, linked to the job.
		const database = page.locator('#payments-api--POSTGRES_DB');
		await expect(database.innerText()).resolves.toContain('GitLab passes it to the services of the jobs that get it, which may read it as they start: postgres:16 (integration-test)');
		await expect(database.getByRole('link', { name: 'integration-test' }).last().getAttribute('href')).resolves.toBe(`${base}pipelines/payments-api/jobs/integration-test/`);
	});

	it("names Heroku's stages as its jobs table does, in the diagram and in what runs when", async () => {
		await page.goto(`${server.url}pipelines/lettings-django-heroku/`);
		await expect(page.locator('table.atlas-when').innerText()).resolves.toContain('Deploy to Staging (Heroku)');
		await expect(page.locator('figure[data-workflow="heroku"] svg').textContent()).resolves.toMatch(/Deploy to Staging/);
		await expect(page.locator('main').innerText()).resolves.not.toMatch(/\bdeploy-staging\b(?! of)/);
	});

	it('never squeezes a table heading beside a long value: each of its words stays whole', async () => {
		for (const path of ['pipelines/atlas-monorepo/', 'pipelines/lettings-django/jobs/run_tests/']) {
			await page.goto(`${server.url}${path}`);
			const squeezed = await page.locator('main table th').evaluateAll((headings) =>
				headings
					.filter((th) => {
						const style = getComputedStyle(th);
						const word = document.createElement('span');
						word.style.cssText = `white-space: nowrap; font: ${style.font}`;
						word.textContent = (th as HTMLElement).innerText.split(/\s+/).sort((a, b) => b.length - a.length)[0] ?? '';
						document.body.append(word);
						const needed = word.getBoundingClientRect().width;
						word.remove();
						return th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 0.5 < needed;
					})
					.map((th) => (th as HTMLElement).innerText),
			);
			expect(squeezed, path).toEqual([]);
		}
	});

	it("keeps a variable's name whole beside a long value, and its line number on one line", async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/jobs/test/`);
		const table = page.locator('main table.atlas-env').first();
		// An inline element broken over two lines has a box on each.
		const broken = await table.locator('td:first-child code').evaluateAll((names) => names.filter((name) => name.getClientRects().length > 1).map((name) => name.textContent));
		expect(broken).toEqual([]);
		await expect(table.locator('td:first-child code', { hasText: 'NPM_CONFIG_LOGLEVEL' }).count()).resolves.toBe(1);
		const wrapped = await table.locator('td:last-child').evaluateAll((cells) =>
			cells
				.filter((cell) => {
					const text = document.createRange();
					text.selectNodeContents(cell);
					return text.getClientRects().length > 1;
				})
				.map((cell) => cell.textContent),
		);
		expect(wrapped).toEqual([]);
	});

	it('lists the onboarding docs in the sidebar in their order, on the docs and on generated pages', async () => {
		const onboarding = page.locator('nav.sidebar details', { has: page.locator('summary', { hasText: /^Onboarding$/ }) }).locator('a');
		const order = ['Getting started', 'Jobs and workflows', 'Caching and workspaces', 'Environment variables and secrets', 'Releasing', 'Reading a failed run', 'GitHub Actions and GitLab CI', 'Bitbucket Pipelines'];
		for (const path of ['', 'pipelines/atlas-monorepo/', 'docs/releasing/']) {
			await page.goto(`${server.url}${path}`);
			await expect(onboarding.allInnerTexts(), path).resolves.toEqual(order);
		}
		await expect(onboarding.and(page.locator('[aria-current="page"]')).innerText()).resolves.toBe('Releasing');
		// A doc leads on to the next one in that order.
		await page.locator('.pagination-links a[rel="next"]').click();
		await page.waitForURL(`${server.url}docs/reading-a-failed-run/`);
		await expect(page.locator('h1').innerText()).resolves.toBe('Reading a failed run');
	});

	it('leads from an onboarding doc to a pipeline through the sidebar, as from any other page', async () => {
		await page.goto(`${server.url}docs/getting-started/`);
		const pipelines = page.locator('nav.sidebar details', { has: page.locator('summary', { hasText: /^Pipelines$/ }) });
		// Every example pipeline, as on the generated pages when none of theirs is open.
		await expect(pipelines.locator('a').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Atlas monorepo', 'Storefront (Next.js)', 'Payments API (Go)']));
		await pipelines.locator('a', { hasText: /^Atlas monorepo$/ }).click();
		await page.waitForURL(`${server.url}pipelines/atlas-monorepo/`);
		await expect(page.locator('h1').innerText()).resolves.toBe('Atlas monorepo');
	});

	it("opens a page's own pipeline in the sidebar, marks the page, and leads on to the pages beside it", async () => {
		const sidebar = page.locator('nav.sidebar');
		const current = sidebar.locator('[aria-current="page"]');
		const pagination = page.locator('.pagination-links');
		// A job: its pipeline open, its own link current; before and after it, the jobs beside it.
		await page.goto(`${server.url}pipelines/lettings-django/jobs/lint/`);
		await expect(current.allInnerTexts()).resolves.toEqual(['lint']);
		await expect(pagination.locator('a[rel="prev"]').innerText()).resolves.toContain('run_tests');
		await expect(pagination.locator('a[rel="next"]').innerText()).resolves.toContain('build_docker_image');
		// A run: its pipeline open (the only one with an overview link), nothing current, nothing before or after.
		await page.goto(`${server.url}pipelines/atlas-monorepo/runs/circleci-1450/`);
		await expect(sidebar.locator('a', { hasText: /^Pipeline overview$/ }).getAttribute('href')).resolves.toBe(`${base}pipelines/atlas-monorepo/`);
		await expect(current.count()).resolves.toBe(0);
		await expect(pagination.locator('a').count()).resolves.toBe(0);
		// The variables page, the configured sidebar's last link, leads on to the first pipeline.
		await page.goto(`${server.url}env/`);
		await expect(current.allInnerTexts()).resolves.toEqual(['Environment variables']);
		await expect(pagination.locator('a[rel="next"]').innerText()).resolves.toContain('Atlas monorepo');
	});

	it('fits a phone and a tablet: no page scrolls sideways, long tables become one card a row', async () => {
		const paths = ['', 'pipelines/atlas-monorepo/', 'pipelines/lettings-django-heroku/', 'pipelines/atlas-monorepo/runs/circleci-1450/', 'env/circleci/', 'pipelines/storefront-web/jobs/ci--build/', 'pipelines/atlas-monorepo/jobs/test/'];
		try {
			// 800: the sidebar beside the page, the narrowest the content is (a step's variable once
			// overflowed); 880, 1200: the sidebar, and the table of contents, beside a column still narrow.
			for (const width of [390, 800, 880, 1200]) {
				await page.setViewportSize({ width, height: 844 });
				for (const path of paths) {
					await page.goto(`${server.url}${path}`);
					const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
					expect(widths[0], `${path} at ${width}px`).toBeLessThanOrEqual(widths[1]!);
				}
			}
			// Each value under its column's name where the page's column is narrow: on a phone, and
			// beside the sidebar (the overview's table once held that page 41px wider than the screen).
			for (const width of [390, 800]) {
				await page.setViewportSize({ width, height: 844 });
				await page.goto(`${server.url}pipelines/atlas-monorepo/`);
				const cell = page.locator('table.atlas-jobs tbody tr').first().locator('td[data-label="Steps"]');
				await expect(cell.evaluate((td) => [getComputedStyle(td).display, getComputedStyle(td, '::before').content])).resolves.toEqual(['block', '"Steps: "']);
			}
			// A wide page keeps the table.
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(`${server.url}`);
			await expect(page.locator('table.atlas-pipelines td[data-label="CI"]').first().evaluate((td) => getComputedStyle(td).display)).resolves.toBe('table-cell');
		} finally {
			await page.setViewportSize({ width: 1280, height: 900 });
		}
	});

	it('answers an address the site does not have with a page that leads back', async () => {
		// A job renamed since a link to it was made.
		const response = await page.goto(`${server.url}pipelines/atlas-monorepo/jobs/renamed-job/`);
		expect(response?.status()).toBe(404);
		await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
		await expect(page.locator('main').innerText()).resolves.toContain('renamed or removed');
		// The sidebar and search work as on any page; the links respect the base.
		await expect(page.locator('nav.sidebar a', { hasText: 'Atlas monorepo' }).count()).resolves.toBeGreaterThan(0);
		await page.screenshot({ path: join(screenshotDir, 'not-found.png') });
		await page.locator('main a', { hasText: 'The overview' }).click();
		await page.waitForURL(server.url);
		await expect(page.locator('h1').innerText()).resolves.toBe('Pipeline Atlas');
	});

	it('made no request outside the site', () => {
		expect(outside).toEqual([]);
	});
});
