import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir, base } from './support/paths';
import { openSite, type Served } from './support/site';

let server: Served;
let page: Page;
openSite((site) => ({ server, page } = site));

beforeAll(async () => {
	await page.goto(`${server.url}pipelines/atlas-monorepo/`);
});

const row = (label: string) => page.locator('table.atlas-when tr', { has: page.locator('th', { hasText: label }) }).locator('td').first();

describe('what runs when', () => {
	it('tabulates the jobs a push to main, a feature branch and a version tag start', async () => {
		await expect(row('Push to main').innerText()).resolves.toBe('untagged_build — install, lint, test, build, push-containers, release-preproduction, track-preproduction-release');
		await expect(row('Push to feature/x').innerText()).resolves.toBe('untagged_build — install, lint, test, build');
		await expect(row('Tag v1.2.0').innerText()).resolves.toBe('tagged_deployment — hold-production, release-production');
	});

	it('gives a branch the filters name a row of its own: the Bank ledger deploys from live', async () => {
		await page.goto(`${server.url}pipelines/banking-clojure/`);
		await expect(page.locator('table.atlas-when th[scope="row"]').allInnerTexts()).resolves.toEqual(
			expect.arrayContaining([expect.stringMatching(/^Push to main/), expect.stringMatching(/^Push to live/)]),
		);
		await expect(row('Push to live').innerText()).resolves.toBe('build, heroku/deploy-via-git');
		await expect(row('Push to main').innerText()).resolves.toBe('build');
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
	});

	it("says that a failed build is run again from its failed jobs, as the workflow's max_auto_reruns asks", async () => {
		const said = page.locator('section.atlas-workflow', { has: page.locator('h2', { hasText: 'untagged_build' }) }).locator('ul.atlas-triggers li');
		await expect(said.allInnerTexts()).resolves.toContain(
			'When it fails, it is run again from its failed jobs (they and the jobs after them run again; jobs that passed do not), up to 2 times.',
		);
		const tagged = page.locator('section.atlas-workflow', { has: page.locator('h2', { hasText: 'tagged_deployment' }) }).locator('ul.atlas-triggers li');
		await expect(tagged.allInnerTexts()).resolves.not.toContainEqual(expect.stringContaining('run again'));
	});

	it('says which jobs run as one job group, one run at a time, and boxes them on the diagram', async () => {
		const section = page.locator('section.atlas-workflow', { has: page.locator('h2', { hasText: 'untagged_build' }) });
		await expect(section.locator('ul.atlas-triggers li').allInnerTexts()).resolves.toContain(
			"Job group ship-preproduction runs push-containers, release-preproduction, track-preproduction-release as one unit: the jobs after it wait for all of them. One run of the group at a time in the serial group << pipeline.project.slug >>/preproduction: no other pipeline of the organization's projects starts the group until all of its jobs have finished, and rerunning any of its jobs reruns the whole group.",
		);
		// Each of its jobs names the group, linked to that line.
		const tag = section.locator('li.atlas-entry', { has: page.locator('.atlas-entry__head > a:not(.atlas-kind)', { hasText: /^push-containers$/ }) }).locator('a.atlas-kind');
		await expect(tag.innerText()).resolves.toBe('Job group ship-preproduction');
		await tag.click();
		await expect(page.evaluate(() => document.querySelector(':target')?.textContent ?? '')).resolves.toMatch(/^Job group ship-preproduction runs/);
		const box = section.locator('svg g.subgraph');
		await expect(box.count()).resolves.toBe(1);
		await expect(box.locator('text').first().textContent()).resolves.toBe('ship-preproduction · one at a time');
		await expect(section.locator('.atlas-diagram-legend li').allInnerTexts()).resolves.toContainEqual(expect.stringMatching(/^Job group\s+— Its jobs run as one unit/));
		await section.locator('svg').first().screenshot({ path: join(screenshotDir, 'job-group.png') });
	});

	it('says once what several jobs of a row depend on alike, and alone what one job depends on', async () => {
		await page.goto(`${server.url}pipelines/storefront-web/`);
		await expect(row('Push to main').innerText()).resolves.toBe('CI — lint, test (20, ubuntu-latest), test (22, ubuntu-latest), test (22, windows-latest), build, e2e (each: depends on the files changed)');
		// deploy-production's `if: startsWith(github.ref, 'refs/tags/v') || inputs.environment == 'production'` holds for a tag.
		await expect(row('Tag v1.2.0').innerText()).resolves.toBe('Deploy — deploy-staging, deploy-production');
		// Started by hand (its workflow_dispatch), production waits on the form's input.
		await expect(row('Started by hand on main').innerText()).resolves.toBe("Deploy — deploy-staging; deploy-production (depends: only when startsWith(github.ref, 'refs/tags/v') || inputs.environment == 'production')");
		// So does the answer for a branch the reader types.
		const box = page.locator('atlas-what-runs');
		await box.locator('input').fill('main');
		await box.locator('button[type=submit]').click();
		await expect(box.locator('output li').allInnerTexts()).resolves.toEqual(['lint, test (20, ubuntu-latest), test (22, ubuntu-latest), test (22, windows-latest), build, e2e (each: depends on the files changed) — CI']);
		await expect(box.locator('output li a').count()).resolves.toBe(6);
		// And for a run started by hand, which this pipeline's config speaks of (its workflow_dispatch).
		await box.locator('select').selectOption('manual');
		await box.locator('input').fill('release/2.0');
		await box.locator('button[type=submit]').click();
		await expect(box.locator('output p').innerText()).resolves.toBe('Starting it by hand on the branch “release/2.0” runs:');
		await expect(box.locator('output li').allInnerTexts()).resolves.toEqual([
			'deploy-staging — Deploy',
			"deploy-production (depends: only when startsWith(github.ref, 'refs/tags/v') || inputs.environment == 'production') — Deploy",
		]);
		// A job that depends alone says why alone: GitLab's manual production deploy on a tag.
		await page.goto(`${server.url}pipelines/payments-api/`);
		await expect(row('Tag v1.2.0').innerText()).resolves.toMatch(/; deploy-production \(depends: when someone starts it by hand\)$/);
		// Its workflow:rules create no pipeline for a branch without a merge request, and it says why.
		await expect(row('Push to feature/x').innerText()).resolves.toBe('nothing (no pipeline: no rule of workflow:rules matches)');
		// A pipeline run from GitLab's page creates the jobs a push to main does: no row of its own.
		await expect(page.locator('table.atlas-when th[scope="row"]').allInnerTexts()).resolves.toEqual(['Push to main', 'Push to feature/x', 'Tag v1.2.0', 'Merge request from feature/x', 'Schedule on main'].map((label) => expect.stringContaining(label)));
		// Nor a choice of its own in the box.
		await expect(page.locator('atlas-what-runs select option').allInnerTexts()).resolves.toEqual(['branch', 'tag']);
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
	});

	it('answers for any tag the reader types, with links to the jobs', async () => {
		const box = page.locator('atlas-what-runs');
		await box.locator('select').selectOption('tag');
		await box.locator('input').fill('v2.0.1');
		await box.locator('button[type=submit]').click();
		await expect(box.locator('output').innerText()).resolves.toContain('A push of the tag “v2.0.1” runs:');
		await expect(box.locator('output li').allInnerTexts()).resolves.toEqual(['hold-production — tagged_deployment', 'release-production — tagged_deployment']);
		await expect(box.locator('output a').last().getAttribute('href')).resolves.toBe(`${base}pipelines/atlas-monorepo/jobs/release-production/`);

		await box.locator('input').fill('nightly');
		await box.locator('button[type=submit]').click();
		await expect(box.locator('output').innerText()).resolves.toContain('runs no job');
		await box.screenshot({ path: join(screenshotDir, 'what-runs-when.png') });
	});

	it('highlights on the diagrams the jobs an event runs, dimming the others', async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/`);
		await page.locator('table.atlas-when tr', { hasText: 'Tag v1.2.0' }).locator('button.atlas-highlight').click();
		const labelsOf = (workflow: string, dim: boolean) =>
			page
				.locator(`figure[data-workflow="${workflow}"] g.node${dim ? '.atlas-dim' : ':not(.atlas-dim)'} text`)
				.allTextContents()
				.then((t) => t.join(' '));
		// On a version tag nothing of the branch workflow runs, and the release chain does.
		await expect(labelsOf('untagged_build', true)).resolves.toMatch(/install.*build/s);
		await expect(labelsOf('untagged_build', false)).resolves.not.toMatch(/install|lint|build/);
		await expect(labelsOf('tagged_deployment', false)).resolves.toMatch(/hold-production.*release-production/s);
		await page.locator('figure[data-workflow="untagged_build"]').screenshot({ path: join(screenshotDir, 'diagram-highlighted.png') });

		await page.locator('.atlas-highlight-clear').click();
		await expect(page.locator('figure g.node.atlas-dim').count()).resolves.toBe(0);
	});
});
