import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { base } from './support/paths';
import { openSite, type Served } from './support/site';

let server: Served;
let page: Page;
openSite((site) => ({ server, page } = site));

const row = (label: string) => page.locator('table.atlas-when tr', { has: page.locator('th', { hasText: label }) }).locator('td').first();
const section = (name: string) => page.locator('section.atlas-workflow', { has: page.locator('h2', { hasText: name }) });

describe('a Bitbucket Pipelines repository (the example notifications-service)', () => {
	it('shows which pipeline a push, a tag and a pull request start, one per push as Bitbucket picks it', async () => {
		await page.goto(`${server.url}pipelines/notifications-service/`);
		await expect(page.locator('.atlas-provider').first().innerText()).resolves.toBe('Bitbucket Pipelines');
		await expect(row('Push to main').innerText()).resolves.toBe(
			'branches: main — Lint, Test, Build image; Migrate staging database (depends: when someone starts it by hand); Deploy to staging (depends: after a job someone starts by hand)',
		);
		await expect(row('Push to feature/x').innerText()).resolves.toBe('default — Lint, Test');
		await expect(row('Tag v1.2.0').innerText()).resolves.toBe('tags: v* — Build image; Deploy to production (depends: when someone starts it by hand)');
		await expect(row('Pull request from feature/x').innerText()).resolves.toBe('pull-requests: ** — Test');
		// Started by hand: its one custom pipeline (any pipeline can be run again by hand; this row is the custom one's).
		await expect(row('Started by hand on main').innerText()).resolves.toBe('custom: resend-failed — Resend failed notifications');
		await expect(section('default').locator('ul.atlas-triggers li').allInnerTexts()).resolves.toEqual(['Starts on a push — runs for every branch except “main”; not for tags.']);
		await expect(section('custom: resend-failed').locator('ul.atlas-triggers li').allInnerTexts()).resolves.toEqual(['Starts on a manual start (run by hand or on a schedule).']);
	});

	it('shows a manual stage as started by hand at its first step, and its steps deploying to staging', async () => {
		await page.goto(`${server.url}pipelines/notifications-service/`);
		const main = section('branches: main');
		const migrate = main.locator('li.atlas-entry', { has: page.locator('.atlas-entry__head > a', { hasText: /^Migrate staging database$/ }) });
		await expect(migrate.innerText()).resolves.toContain('Started by hand');
		await expect(migrate.innerText()).resolves.toContain('It runs only once someone starts it by hand in the CI.');
		await expect(migrate.innerText()).resolves.not.toContain('Approval gate');
		await expect(main.locator('.atlas-diagram-legend li').allInnerTexts()).resolves.toContainEqual(expect.stringMatching(/^Started by hand\s+— A job that does its own work\. It runs only once someone starts it by hand/));
		// On the diagram: the steps in order, a link to each job page around each node.
		await expect(main.locator('figure.atlas-diagram-figure').getAttribute('data-nodes')).resolves.toBe(
			JSON.stringify({ n0: ['Lint'], n1: ['Test'], n2: ['Build image'], n3: ['Migrate staging database'], n4: ['Deploy to staging'] }),
		);
		await expect(page.locator('#deploy-targets + ul li').allInnerTexts()).resolves.toEqual([
			'staging (staging) — deployed by Migrate staging database, Deploy to staging',
			'production (production) — deployed by Deploy to production',
		]);
	});

	it('shows a step’s build setup, its pipes by their own name and the variables given to them', async () => {
		await page.goto(`${server.url}pipelines/notifications-service/jobs/Deploy-to-staging/`);
		const kinds = await page.locator('.atlas-step .atlas-kind').allInnerTexts();
		expect(kinds).toEqual(['Check out code', 'Shell command', 'Pipe', 'Pipe']);
		await expect(page.locator('#step-3 .atlas-step__uses').innerText()).resolves.toBe('atlassian/aws-ecr-push-image:2.4.2');
		await expect(page.locator('#step-3 .atlas-explanation').innerText()).resolves.toContain('a ready-made Docker container that does one task');
		await expect(page.locator('#step-3 .atlas-step__details').innerText()).resolves.toMatch(/AWS_SECRET_ACCESS_KEY\s+\$AWS_SECRET_ACCESS_KEY/);
		await expect(page.locator('.atlas-facts').innerText()).resolves.toContain('Stopped after 20 minutes if still running.');
		await expect(page.locator('.atlas-facts').innerText()).resolves.toMatch(/Services\s+docker\n/);
	});

	it('names a step’s artifacts in Bitbucket’s word', async () => {
		await page.goto(`${server.url}pipelines/notifications-service/jobs/Test/`);
		await expect(page.locator('.atlas-step .atlas-kind').allInnerTexts()).resolves.toEqual(['Check out code', 'Restore cache', 'Shell command', 'Shell command', 'Shell command', 'Shell command', 'Save cache', 'Artifacts']);
	});

	it('lists Bitbucket’s own variables in the variables reference', async () => {
		await page.goto(`${server.url}env/bitbucket/`);
		await expect(page.locator('h1').innerText()).resolves.toContain('Bitbucket Pipelines');
		await expect(page.locator('main').innerText()).resolves.toContain('BITBUCKET_CLONE_DIR');
	});

	it('says a custom pipeline’s variable is a parameter asked for when it is run, with its choices and default', async () => {
		await page.goto(`${server.url}env/`);
		const channel = page.locator('#notifications-service--CHANNEL');
		await expect(channel.locator('dd > p').allInnerTexts()).resolves.toEqual(
			expect.arrayContaining([
				'A pipeline parameter, one of all, email, sms or push: Asked for when the custom pipeline resend-failed is run by hand.',
				'Defined as all by default for the whole pipeline (pipelines/notifications-service/bitbucket-pipelines.yml:138)',
			]),
		);
		await expect(channel.locator('dd a', { hasText: 'pipeline parameter' }).getAttribute('href')).resolves.toBe(`${base}pipelines/notifications-service/#parameters`);
		// The pipeline's parameters table says the choices in the same words.
		await page.goto(`${server.url}pipelines/notifications-service/`);
		const row = page.locator('table.atlas-parameters tr', { has: page.locator('td:first-child', { hasText: /^CHANNEL$/ }) });
		await expect(row.locator('td[data-label="Type"]').innerText()).resolves.toBe('one of all, email, sms or push');
	});
});
