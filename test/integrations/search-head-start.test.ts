import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXPLANATION_RECORDS_FILE, KEPT_INPUTS, PAGES_FILE, RECORDS_FILE } from '../../src/config/paths';
import { startHeadStart, walkOrder } from '../../src/integrations/search-head-start';
import { writeSearchIndex } from '../../src/integrations/search-index';
import { DOC_KIND } from '../../src/search/doc-kind';
import type { SearchRecord } from '../../src/search/records';
import { tempDir } from '../support/temp';

interface Version {
	/** What the job page's steps list (ignored by Pagefind) says. */
	step?: string;
	/** The job page's visible text. */
	visible?: string;
	/** The team's explanation, as its record says it. */
	explanation?: string;
	/** A step record's text. */
	record?: string;
	/** What the run page's steps list (ignored too) says. */
	runStep?: string;
}

const page = (main: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body><nav>sidebar</nav><main data-pagefind-body>${main}</main></body></html>`;

/** A built site as Astro leaves it for the index: pages, their list, the records. */
function site({ step = 'A shallow clone.', visible = 'Deploys the app.', explanation = 'Clones the commit.', record = 'helm upgrade', runStep = 'Checked out.' }: Version = {}): string {
	const root = tempDir('atlas-head-start-');
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	};
	write('index.html', page(`<h1>Overview</h1>${DOC_KIND}<p>How the pipelines run.</p>`));
	write('docs/start/index.html', page(`<h1>Starting</h1>${DOC_KIND}<p>Read this first.</p>`));
	write(
		'pipelines/app/jobs/deploy/index.html',
		page(`<h1>deploy</h1><span hidden data-pagefind-filter="kind:job"></span><p>${visible}</p><ol class="atlas-steps" data-pagefind-ignore><li id="step-1"><code>checkout</code><p>${step}</p></li></ol>`),
	);
	write(
		'pipelines/app/runs/7/index.html',
		page(`<h1>Run 7</h1><span hidden data-pagefind-filter="kind:run"></span><ol data-pagefind-ignore><li><p>${runStep}</p></li></ol><div class="atlas-log not-content" role="log" data-pagefind-ignore><div class="atlas-log__line">log</div></div><p>Deployed.</p>`),
	);
	const pages = ['index.html', 'docs/start/index.html', 'pipelines/app/jobs/deploy/index.html', 'pipelines/app/runs/7/index.html'];
	write(PAGES_FILE, JSON.stringify(pages));
	const steps: SearchRecord = { kind: 'step', url: '/pipelines/app/jobs/deploy/#steps', title: 'Steps of deploy', body: [], sections: [{ anchor: 'step-1', title: 'Upgrade', body: [record] }], pipeline: 'app' };
	write(RECORDS_FILE, JSON.stringify([steps]));
	write(EXPLANATION_RECORDS_FILE, explanationsJson(explanation));
	return root;
}

const explanationsJson = (text: string) => JSON.stringify([{ kind: 'step', url: '/pipelines/app/jobs/deploy/#step-1', title: 'Checking out', body: [text] } satisfies SearchRecord]);

/** Every file of a site's index, by path, with its bytes. */
function tree(root: string): Record<string, string> {
	const dir = join(root, 'pagefind');
	return Object.fromEntries(
		readdirSync(dir, { recursive: true, encoding: 'utf8' })
			.filter((f) => f.includes('.'))
			.sort()
			.map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
	);
}

/** The last site, indexed, with the inputs its build kept; and where the early explanations go. */
async function lastBuild(version: Version = {}) {
	const last = site(version);
	const inputs = join(tempDir('atlas-head-start-inputs-'), 'search-inputs');
	await writeSearchIndex(last, { keepInputs: inputs });
	return { last, inputs, early: join(dirname(inputs), 'early.json') };
}

/** The index a build from scratch writes for `version`. */
async function fromScratch(version: Version): Promise<Record<string, string>> {
	const root = site(version);
	await writeSearchIndex(root);
	return tree(root);
}

const pagefindChildren = () =>
	execFileSync('ps', ['-o', 'stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line.includes('pagefind') && !line.trim().startsWith('Z'));

describe('startHeadStart', () => {
	it('keeps the pages and records of the index it wrote, for the next build', async () => {
		const { last, inputs } = await lastBuild();
		expect(JSON.parse(readFileSync(join(inputs, KEPT_INPUTS.pages), 'utf8'))).toEqual(['docs/start/index.html', 'index.html', 'pipelines/app/jobs/deploy/index.html', 'pipelines/app/runs/7/index.html']);
		expect(readFileSync(join(inputs, KEPT_INPUTS.records), 'utf8')).toContain('helm upgrade');
		expect(readdirSync(last)).not.toContain(RECORDS_FILE);
	});

	it('finishes the index begun from the last site, with the early explanations, when only they and an ignored list changed: the index from scratch', async () => {
		const { last, inputs, early } = await lastBuild();
		const edited = { step: 'A full clone, tags included.', explanation: 'Clones the commit, tags and all.' };
		const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
		// As Astro does once it has listed its routes.
		writeFileSync(early, explanationsJson(edited.explanation));
		const next = site(edited);
		const log = await head.finish(next);
		expect(log).toMatch(/^search index: 4 pages and 2 step, variable, run and explanation records in \d+ms after the site \(begun \d+ms and written \d+ms into the build; compared \d+ms, placing \d+ms, \d+ of \d+ files linked from the last build's\)$/);
		expect(tree(next)).toEqual(await fromScratch(edited));
		expect(tree(next)).not.toEqual(tree(last));
		expect(readdirSync(next)).not.toContain(EXPLANATION_RECORDS_FILE);
		expect(existsSync(early)).toBe(false);
		// The unchanged pages' fragments are the last index's files.
		const linked = Number(/(\d+) of \d+ files linked/.exec(log)![1]);
		expect(linked).toBeGreaterThan(0);
		await vi.waitFor(() => expect(pagefindChildren()).toEqual([]), { timeout: 5000 });
	});

	it('finishes it too when a run page, which is sent to Pagefind, changed only inside an ignored element', async () => {
		const { last, inputs, early } = await lastBuild();
		const edited = { runStep: 'Checked out, with the stage explained anew.', explanation: 'The stage explained anew.' };
		const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
		writeFileSync(early, explanationsJson(edited.explanation));
		const next = site(edited);
		expect(await head.finish(next)).toMatch(/after the site \(begun \d+ms and written \d+ms into the build;/);
		expect(tree(next)).toEqual(await fromScratch(edited));
		expect(readFileSync(join(next, 'pipelines/app/runs/7/index.html'), 'utf8')).toContain('anew');
	});

	it('adds the explanations once the site is built when none came early', async () => {
		const { last, inputs, early } = await lastBuild();
		const edited = { explanation: 'Clones the commit, tags and all.' };
		const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
		const next = site(edited);
		expect(await head.finish(next)).toMatch(/after the site \(begun \d+ms into the build; compared \d+ms, explanations and writing \d+ms, \d+ of \d+ files linked/);
		expect(tree(next)).toEqual(await fromScratch(edited));
	});

	it('builds the index from scratch when the new site is not what Pagefind was given', async () => {
		const cases: [Version, RegExp][] = [
			[{ visible: 'Deploys the app twice.' }, /; no head start: pipelines\/app\/jobs\/deploy\/index\.html changed$/],
			[{ runStep: 'Checked out <img src="/shot.png" alt="">' }, /; no head start: pipelines\/app\/runs\/7\/index\.html changed$/],
			[{ record: 'helm rollback' }, /; no head start: the records changed$/],
		];
		for (const [version, why] of cases) {
			const { last, inputs, early } = await lastBuild();
			const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
			writeFileSync(early, explanationsJson('Clones the commit.'));
			const next = site(version);
			expect(await head.finish(next)).toMatch(why);
			expect(tree(next)).toEqual(await fromScratch(version));
			// The new site's inputs kept for the next build.
			expect(readFileSync(join(inputs, KEPT_INPUTS.records), 'utf8')).toContain(version.record ?? 'helm upgrade');
		}
	});

	it('builds the index from scratch when the explanations Astro wrote early are not those of the site', async () => {
		const { last, inputs, early } = await lastBuild();
		const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
		writeFileSync(early, explanationsJson('A stale explanation.'));
		const edited = { explanation: 'The explanation the site has.' };
		const next = site(edited);
		expect(await head.finish(next)).toMatch(/; no head start: the explanations are not those Astro gave early$/);
		expect(tree(next)).toEqual(await fromScratch(edited));
	});

	it('builds the index from scratch when the last site is not what its build kept', async () => {
		const edited = await lastBuild();
		writeFileSync(join(edited.last, 'docs', 'start', 'index.html'), page(`<h1>Starting</h1>${DOC_KIND}<p>Edited since.</p>`));
		const fromEdited = startHeadStart(edited.last, edited.inputs, { previous: join(edited.last, 'pagefind') });
		const next = site();
		expect(await fromEdited.finish(next)).toMatch(/; no head start: docs\/start\/index\.html changed$/);
		expect(tree(next)).toEqual(await fromScratch({}));

		const missing = await lastBuild();
		rmSync(join(missing.last, 'docs'), { recursive: true });
		const fromMissing = startHeadStart(missing.last, missing.inputs, { previous: join(missing.last, 'pagefind') });
		const again = site();
		expect(await fromMissing.finish(again)).toMatch(/; no head start: could not begin: Pagefind read 2 pages where 3 were expected/);
		expect(tree(again)).toEqual(await fromScratch({}));
	});

	it('builds the index from scratch with nothing kept to begin from', async () => {
		const last = site();
		await writeSearchIndex(last);
		const head = startHeadStart(last, join(tempDir('atlas-head-start-none-'), 'search-inputs'));
		const next = site();
		expect(await head.finish(next)).toMatch(/; no head start: could not begin: ENOENT/);
		expect(tree(next)).toEqual(tree(last));
	});

	it('lets Pagefind go when abandoned', async () => {
		const { last, inputs, early } = await lastBuild();
		const head = startHeadStart(last, inputs, { previous: join(last, 'pagefind'), early });
		await head.abandon();
		await vi.waitFor(() => expect(pagefindChildren()).toEqual([]), { timeout: 5000 });
	});
});

describe('walkOrder', () => {
	it('lists the pages as the file system lists each folder, leaving out what Pagefind does not read', () => {
		const root = site();
		writeFileSync(join(root, 'docs', 'start', 'shot.png'), '');
		const pages = ['index.html', 'docs/start/index.html', 'pipelines/app/jobs/deploy/index.html'];
		const order = walkOrder(root, pages);
		expect([...order].sort()).toEqual([...pages].sort());
		// Folder by folder, in readdir's order.
		const top = readdirSync(root).filter((name) => ['index.html', 'docs', 'pipelines'].includes(name));
		expect(order.map((page) => page.split('/')[0])).toEqual(top.flatMap((name) => (name === 'index.html' ? ['index.html'] : [name])));
	});
});
