import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { base, screenshotDir } from './support/paths';
import { openSite, type Served } from './support/site';

let browser: Browser;
let server: Served;
let page: Page;
openSite((site) => ({ browser, server, page } = site), { colorScheme: 'light' });

const CIRCLE_RUN = 'pipelines/lettings-django/runs/circleci-366/';
const FAILED_RUN = 'pipelines/storefront-web/runs/github-11873421907-test-22-ubuntu-latest/';

beforeAll(async () => {
	mkdirSync(screenshotDir, { recursive: true });
});

/** The `<details>` of the run step whose summary names it. */
function step(name: string): Locator {
	return page.locator('ol.atlas-run-steps > li.atlas-run-step', { has: page.locator('.atlas-run-step__name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

const isOpen = (item: Locator) => item.locator(':scope > details').evaluate((d) => (d as HTMLDetailsElement).open);

/** Whether the element lies wholly inside the window (and is rendered). */
const inWindow = (el: Locator) =>
	el.evaluate((node) => {
		const r = node.getBoundingClientRect();
		return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
	});

/** `rgb(40, 167, 69)` as numbers. */
function rgb(css: string): [number, number, number] {
	const m = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(css);
	if (!m) throw new Error(`not an rgb() colour: ${css}`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function expectGreen(css: string): void {
	const [r, g, b] = rgb(css);
	// Dark enough to read on white (the light palette's green is #116329), still clearly green.
	expect(g, `${css} is not green`).toBeGreaterThan(80);
	expect(g - Math.max(r, b), `${css} is not green`).toBeGreaterThan(40);
}

describe('a recorded CircleCI run', () => {
	it('shows its steps collapsed, in order', async () => {
		await page.goto(`${server.url}${CIRCLE_RUN}`);
		await expect(page.locator('h1').innerText()).resolves.toBe('run_tests #366');
		const names = await page.locator('ol.atlas-run-steps .atlas-run-step__name').allInnerTexts();
		expect(names.length).toBe(14);
		expect(names[0]).toBe('Spin up environment');
		expect(names[11]).toBe('Run tests with pytest');
		// A successful run opens nothing: every log is hidden until its step is clicked.
		const open = await page.locator('ol.atlas-run-steps > li > details').evaluateAll((all) => all.filter((d) => (d as HTMLDetailsElement).open).length);
		expect(open).toBe(0);
		await expect(page.getByText('14 passed').isVisible()).resolves.toBe(false);
	});

	it('is first painted once its facts and timeline are parsed, not its steps, which the head says to wait for', async () => {
		await page.goto(`${server.url}${CIRCLE_RUN}`);
		const mark = await page.evaluate(() => {
			const link = document.querySelector<HTMLLinkElement>('head link[rel="expect"][blocking="render"]');
			const target = link && document.getElementById(link.getAttribute('href')!.slice(1));
			return { tag: target?.tagName, hidden: target?.hidden, after: target?.previousElementSibling?.getAttribute('aria-label'), before: target?.nextElementSibling?.id };
		});
		expect(mark).toEqual({ tag: 'SPAN', hidden: true, after: 'Steps over time', before: 'steps' });
	});

	it('expands a step when its summary is clicked and shows its log lines', async () => {
		const pytest = step('Run tests with pytest');
		await expect(pytest.getAttribute('id')).resolves.toBe('step-12');
		await pytest.locator(':scope > details > summary').click();
		await expect(isOpen(pytest)).resolves.toBe(true);
		const lines = pytest.locator('.atlas-log__line');
		expect(await lines.count()).toBeGreaterThan(10);
		await expect(pytest.getByText('14 passed').isVisible()).resolves.toBe(true);
		await expect(pytest.locator('.atlas-log').innerText()).resolves.toContain('Coverage HTML written to dir coverage-html');
		// Other steps stay closed.
		await expect(isOpen(step('Checkout code'))).resolves.toBe(false);
	});

	it('links a line: clicking its number puts it in the address and highlights it', async () => {
		const pytest = step('Run tests with pytest');
		const passed = pytest.locator('.atlas-log__line', { hasText: '14 passed' });
		const id = await passed.getAttribute('id');
		const n = /^step-12-L(\d+)$/.exec(id ?? '')?.[1];
		expect(n, `line id ${id}`).toBeDefined();
		const neighbour = pytest.locator(`#step-12-L${Number(n) - 1}`);
		const before = await passed.evaluate((el) => getComputedStyle(el).backgroundColor);

		await passed.locator('a.atlas-log__n').click();
		// The address bar's (page.url() can lag behind a same-page navigation).
		const address = new URL(await page.evaluate(() => location.href));
		expect(address.hash).toBe(`#step-12-L${n}`);
		expect(address.pathname).toBe(`${base}${CIRCLE_RUN}`);
		await expect(passed.evaluate((el) => el.matches(':target'))).resolves.toBe(true);
		// Highlighted: its background changed, and differs from the line above it.
		const after = await passed.evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(after).not.toBe(before);
		expect(after).not.toBe(await neighbour.evaluate((el) => getComputedStyle(el).backgroundColor));
		await expect(inWindow(passed)).resolves.toBe(true);
		await page.screenshot({ path: join(screenshotDir, 'run-line-link.png') });
	});

	it('opens a collapsed step when the address points at one of its lines', async () => {
		// A fresh load, not a same-page hash change: the link was followed from elsewhere.
		await page.goto('about:blank');
		await page.goto(`${server.url}${CIRCLE_RUN}#step-3-L5`);
		const checkout = step('Checkout code');
		await expect(checkout.getAttribute('id')).resolves.toBe('step-3');
		await expect(isOpen(checkout)).resolves.toBe(true);
		const line = page.locator('#step-3-L5');
		await expect(line.isVisible()).resolves.toBe(true);
		await expect(inWindow(line)).resolves.toBe(true);
		await expect(line.evaluate((el) => el.matches(':target'))).resolves.toBe(true);
		// Only the step linked to opened.
		await expect(isOpen(step('Run tests with pytest'))).resolves.toBe(false);
		await page.screenshot({ path: join(screenshotDir, 'run-deep-link.png') });
	});

	it('opens a collapsed step when the address points at it (the timeline’s links, a search result)', async () => {
		await page.goto('about:blank');
		await page.goto(`${server.url}${CIRCLE_RUN}#step-3`);
		await expect(isOpen(step('Checkout code'))).resolves.toBe(true);
		await expect(isOpen(step('Run tests with pytest'))).resolves.toBe(false);
		// Followed on the page: the timeline's link to another step opens that one.
		await page.locator('a[href="#step-12"]').first().click();
		// Opened on the hash change, which the browser fires after the click, in a task of its own.
		await expect.poll(() => isOpen(step('Run tests with pytest'))).toBe(true);
	});

	it('shows ANSI colours as colours, never as escape codes', async () => {
		await page.goto(`${server.url}${CIRCLE_RUN}#step-12-L1`);
		const span = page.locator('#step-12 .atlas-log__text span', { hasText: /^14 passed$/ });
		await expect(span.count()).resolves.toBe(1);
		expectGreen(await span.evaluate((el) => getComputedStyle(el).color));
		// `ESC[32m` is in the recording; neither the escape nor its printable remains reach the page.
		const text = await page.locator('main').evaluate((el) => el.textContent ?? '');
		expect(text).toContain('14 passed');
		expect(text).not.toContain('\x1b');
		expect(text).not.toMatch(/\[\d+(?:;\d+)*m/);
		await expect(page.locator('main').innerText()).resolves.not.toMatch(/\[\d+(?:;\d+)*m|\x1b/);
	});

	it('uses the dark palette of ANSI colours in the dark theme', async () => {
		const dark = await darkRunPage();
		try {
			const span = dark.locator('#step-12 .atlas-log__text span', { hasText: /^14 passed$/ });
			expectGreen(await span.evaluate((el) => getComputedStyle(el).color));
			await dark.screenshot({ path: join(screenshotDir, 'run-dark.png') });
		} finally {
			await dark.close();
		}
	});

	it('keeps plain log text readable on the log background in the dark theme', async () => {
		const dark = await darkRunPage();
		try {
			const line = dark.locator('#step-12 .atlas-log__line', { hasText: 'Coverage HTML written to dir coverage-html' });
			// Plain text is in no span of its own: the log's stylesheet colours it.
			await expect(line.locator('.atlas-log__text span').count()).resolves.toBe(0);
			const { fg, bg } = await line.evaluate((el) => {
				const span = el.querySelector('.atlas-log__text')!;
				let node: Element | null = el;
				let bg = 'rgba(0, 0, 0, 0)';
				// The first opaque background behind the line: its own, the log box's, the page's.
				while (node && /rgba\(.*,\s*0\)$|transparent/.test((bg = getComputedStyle(node).backgroundColor))) node = node.parentElement;
				return { fg: getComputedStyle(span).color, bg };
			});
			expect(contrast(rgb(fg), rgb(bg)), `text ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
		} finally {
			await dark.close();
		}
	});
});

/** The CircleCI run in a dark-theme page, the pytest step opened by its link. */
async function darkRunPage(): Promise<Page> {
	const dark = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
	await dark.goto(`${server.url}${CIRCLE_RUN}#step-12-L1`);
	expect(await dark.locator('html').getAttribute('data-theme')).toBe('dark');
	return dark;
}

/** WCAG contrast ratio of two sRGB colours. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
	const luminance = (c: [number, number, number]) => {
		const [r, g, bl] = c.map((v) => {
			const s = v / 255;
			return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		}) as [number, number, number];
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

describe('a run of a workflow entry that adds steps around its job’s own', () => {
	it('says where each step comes from: the entry’s pre-step, then the job’s own', async () => {
		await page.goto(`${server.url}pipelines/atlas-monorepo/runs/circleci-1450/#step-3`);
		const announce = step('Announce the release');
		await expect(isOpen(announce)).resolves.toBe(true);
		await expect(announce.locator('.atlas-run-step__meta').innerText()).resolves.toMatch(
			/^From the configuration: Announce the release, a step workflow tagged_deployment runs before the job’s own\. Exit code 0\.$/,
		);
		// The link leads to the entry in its workflow on the pipeline page, which names the step too.
		await announce.locator('.atlas-run-step__meta a').click();
		await expect(page.locator(':target').innerText()).resolves.toContain('Announce the release');
		await page.goBack();
		await expect(step('Checkout code').locator('.atlas-run-step__meta a').getAttribute('href')).resolves.toBe(`${base}pipelines/atlas-monorepo/jobs/release-production/#step-1`);
		await page.screenshot({ path: join(screenshotDir, 'run-pre-step.png') });
	});
});

describe('a run’s workflow', () => {
	it('is named as its pipeline’s page names it, linked there: GitLab reports a stage, not a workflow', async () => {
		const workflowOf = async (path: string) => {
			await page.goto(`${server.url}${path}`);
			const terms = await page.locator('.atlas-run-facts > dt').allInnerTexts();
			return page.locator('.atlas-run-facts > dd').nth(terms.findIndex((t) => t === 'Workflow' || t === 'Pipeline'));
		};
		const gitlab = await workflowOf('pipelines/payments-api/runs/gitlab-7724519306/');
		await expect(gitlab.innerText()).resolves.toBe('The pipeline');
		await expect(gitlab.locator('a').getAttribute('href')).resolves.toBe(`${base}pipelines/payments-api/#workflow-pipeline`);
		await expect((await workflowOf(FAILED_RUN)).innerText()).resolves.toBe('CI');
	});

	it('links GitLab’s step_script stage to both before_script and script, which it runs as one', async () => {
		await page.goto(`${server.url}pipelines/payments-api/runs/gitlab-7724519306/`);
		const meta = step('Executing "step_script" stage of the job script').locator('.atlas-run-step__meta');
		// The step is closed (it passed): its text, not what is drawn.
		await expect(meta.locator('a').allTextContents()).resolves.toEqual(['before_script', 'script']);
		await expect(meta.locator('a').first().getAttribute('href')).resolves.toMatch(/\/pipelines\/payments-api\/jobs\/integration-test\/#step-\d+$/);
	});

	it('says what started it, in words, with the CI’s own name and the pull request’s number', async () => {
		const startedBy = async (path: string) => {
			await page.goto(`${server.url}${path}`);
			const terms = await page.locator('.atlas-run-facts > dt').allInnerTexts();
			return page.locator('.atlas-run-facts > dd').nth(terms.indexOf('Started by')).innerText();
		};
		await expect(startedBy(FAILED_RUN)).resolves.toBe('a pull request #482 (pull_request)');
		await expect(startedBy('pipelines/payments-api/runs/gitlab-7724519306/')).resolves.toBe('a push (push)');
		await expect(startedBy(CIRCLE_RUN)).resolves.toBe('a push or pull request on GitHub (github)');
	});

	it('says where it ran in each CI’s words: CircleCI’s resource class, GitLab’s runner tag, GitHub’s runner', async () => {
		const ranOn = async (path: string) => {
			await page.goto(`${server.url}${path}`);
			const terms = await page.locator('.atlas-run-facts > dt').allInnerTexts();
			const at = terms.findIndex((t) => /executor|runner/i.test(t));
			return `${terms[at]}: ${await page.locator('.atlas-run-facts > dd').nth(at).innerText()}`;
		};
		await expect(ranOn('pipelines/payments-api/runs/gitlab-7724519306/')).resolves.toBe('Executor / runner tag: docker+machine / saas-linux-small-amd64');
		await expect(ranOn(FAILED_RUN)).resolves.toBe('Runner: ubuntu-24.04');
		await expect(ranOn(CIRCLE_RUN)).resolves.toMatch(/^Executor \/ resource class: /);
	});

	it('shows a step the configuration lets fail as failed and allowed to, in a job that passed', async () => {
		await page.goto(`${server.url}pipelines/storefront-web/runs/github-11873421907-lint/`);
		await expect(page.locator('p.atlas-meta > .atlas-status').innerText()).resolves.toBe('✓ Success');
		await expect(page.locator('.atlas-failure').count()).resolves.toBe(0);
		// The job passed; its workflow run failed (its test job did), as run.json says.
		await expect(page.locator('dt', { hasText: /^Workflow$/ }).locator('+ dd').innerText()).resolves.toBe('CI · the whole workflow run: Failed');
		const audit = step('Audit dependencies');
		// Closed, unlike a step that failed the run: its failure is not what the reader came for.
		await expect(isOpen(audit)).resolves.toBe(false);
		await audit.locator(':scope > details > summary').click();
		await expect(audit.locator(':scope > details > summary > .atlas-status').getAttribute('title')).resolves.toBe('Failed, allowed to fail');
		await expect(audit.locator(':scope > details > summary').innerText()).resolves.toMatch(/^✗\s*Failed, allowed to fail\s*Audit dependencies\s*allowed to fail\s/);
		await expect(audit.locator('.atlas-run-step__meta').innerText()).resolves.toContain('Exit code 1. The configuration lets this step fail: the job carried on, its result unchanged.');
		// The steps' timeline says it too; a step that failed the job says only "Failed".
		const bar = page.locator('#timeline + figure .atlas-timeline__row', { hasText: 'Audit dependencies' });
		await expect(bar.locator('.sr-only').textContent()).resolves.toBe('Failed, allowed to fail, ');
		const log = await (await fetch(`${server.url}pipelines/storefront-web/runs/github-11873421907-lint/logs/6.txt`)).text();
		expect(log.split('\n')[0]).toBe('# lint · github-11873421907-lint · step 6: Audit dependencies · Failed, allowed to fail');
		await page.goto(`${server.url}${FAILED_RUN}`);
		await expect(isOpen(step('Unit tests'))).resolves.toBe(true);
		await expect(step('Unit tests').locator(':scope > details > summary > .atlas-status').getAttribute('title')).resolves.toBe('Failed');
		await expect(step('Unit tests').locator(':scope > details > summary').innerText()).resolves.not.toContain('allowed');
	});

	it('says each job’s status in its timeline as a symbol and in words, not by the bar’s colour alone, with the run on GitHub linked', async () => {
		await page.goto(`${server.url}${FAILED_RUN}`);
		const rows = page.locator('#jobs + figure .atlas-timeline__row');
		await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^lint\s+✓\s+Success,\s+30s$/), expect.stringMatching(/^test \(22, ubuntu-latest\)\s+✗\s+Failed,\s+19s$/)]);
		await expect(rows.locator('.sr-only').allTextContents()).resolves.toEqual(['Success, ', 'Failed, ']);
		const terms = await page.locator('.atlas-run-facts > dt').allInnerTexts();
		await expect(page.locator('.atlas-run-facts > dd').nth(terms.indexOf('Original run')).innerText()).resolves.toBe('https://github.com/example-org/storefront-web/actions/runs/11873421907');
		// What it was recorded from, in words (it showed the model's `github-archive`).
		await expect(page.locator('.atlas-run-facts > dd').nth(terms.indexOf('Recorded from')).innerText()).resolves.toBe('GitHub Actions’ log archive (a file per step): 8 files in runs/github-11873421907/');
	});
});

describe('a failed GitHub Actions run', () => {
	it('opens the failed step by default and marks its error line', async () => {
		await page.goto(`${server.url}${FAILED_RUN}`);
		await expect(page.locator('h1').innerText()).resolves.toMatch(/^test \(22, ubuntu-latest\)/);
		await expect(page.locator('.atlas-run-facts').innerText()).resolves.toContain('Download all');
		const unit = step('Unit tests');
		await expect(unit.locator(':scope > details > summary .atlas-status--failed').count()).resolves.toBe(1);
		await expect(isOpen(unit)).resolves.toBe(true);
		// The steps that passed stay closed.
		for (const name of ['Set up job', 'Run actions/checkout@v4', 'Complete job']) await expect(isOpen(step(name)), name).resolves.toBe(false);
		await expect(unit.locator(':scope > details > summary').innerText()).resolves.toContain('1 error');

		// `##[error]Process completed with exit code 1.` in the recording.
		const errors = page.locator('.atlas-log__line--error');
		await expect(errors.count()).resolves.toBe(1);
		const error = unit.locator('.atlas-log__line--error');
		await expect(error.innerText()).resolves.toContain('Process completed with exit code 1.');
		await expect(error.isVisible()).resolves.toBe(true);
		const plain = unit.locator('.atlas-log__line:not([class*="--"])').first();
		expect(await error.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(await plain.evaluate((el) => getComputedStyle(el).backgroundColor));
		await error.scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(screenshotDir, 'run-failed.png') });
	});

	it('says first what failed: the step, its exit code, and the lines of its log that say why, each linked', async () => {
		await page.goto(`${server.url}${FAILED_RUN}`);
		const failure = page.locator('aside.atlas-failure');
		// Before the run's facts: the first thing a reader of a failed run looks for.
		await expect(failure.evaluate((el) => el.nextElementSibling?.matches('dl.atlas-run-facts'))).resolves.toBe(true);
		await expect(failure.locator('p').nth(1).innerText()).resolves.toBe('Step 4 of 6, Unit tests, failed after 4s with exit code 1. Its log reports:');
		const lines = failure.locator('li');
		await expect(lines.allInnerTexts()).resolves.toEqual([
			'line 15: ❯ src/lib/image-loader.test.ts (6 tests | 1 failed) 41ms',
			'line 16: × builds a CDN path for nested product images 7ms',
			"line 21: AssertionError: expected '/cdn/products//shoes/red.webp' to be '/cdn/products/shoes/red.webp'",
		]);
		// A quoted line leads to the line itself in the step's log.
		await lines.nth(2).locator('a').click();
		await expect(page.locator('#step-4-L21').innerText()).resolves.toContain('AssertionError');
		await expect(page.locator('#step-4-L21').isVisible()).resolves.toBe(true);
		await failure.screenshot({ path: join(screenshotDir, 'run-what-failed.png') });
	});

	it('gives the failed step’s whole log as text, headed by the run, the step and its status in words', async () => {
		const text = await (await fetch(`${server.url}${FAILED_RUN}logs/4.txt`)).text();
		expect(text.split('\n')[0]).toBe('# test (22, ubuntu-latest) · github-11873421907-test-22-ubuntu-latest · step 4: Unit tests · Failed');
		// Colour codes out, so any text viewer reads it.
		expect(text).toContain("AssertionError: expected '/cdn/products//shoes/red.webp'");
		expect(text).not.toContain('\x1b[');
	});

	it('says nothing failed on a run that succeeded', async () => {
		await page.goto(`${server.url}${CIRCLE_RUN}`);
		await expect(page.locator('aside.atlas-failure').count()).resolves.toBe(0);
	});
});
