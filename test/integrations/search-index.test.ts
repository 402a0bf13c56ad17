import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPLANATION_RECORDS_FILE, PAGES_FILE, RECORDS_FILE } from '../../src/config/paths';
import { pageForIndex, pagesToRead, placeIndexFiles, writeSearchIndex } from '../../src/integrations/search-index';
import { DOC_KIND, withDocKind } from '../../src/search/doc-kind';
import type { SearchRecord } from '../../src/search/records';
import { withoutLogs } from '../../src/site/log-html';
import { tempDir } from '../support/temp';

const LOG = '<div class="atlas-log not-content" role="log" data-pagefind-ignore><div class="atlas-log__line">secret-looking log line</div></div>';

/** A built page as Starlight lays it out: head, header and sidebar before the marked body. */
function page(main: string): string {
	return [
		'<!doctype html><html lang="en" dir="ltr" data-theme="dark"><head><meta charset="utf-8"><title>Deploy | Atlas</title>',
		'<script>window.sidebar = "Sidebar script text"</script></head><body><header>Pipeline Atlas Search</header>',
		'<nav aria-label="Main"><a href="/pipelines/app/">Sidebar link about helm</a></nav>',
		`<div class="main-frame">${main}<footer>Page footer</footer></div></body></html>`,
	].join('');
}

const JOB = page(
	'<main data-pagefind-body lang="en"><h1 id="_top">deploy</h1><span hidden data-pagefind-filter="kind:job"></span>' +
		`<h2 id="steps">Steps</h2><ol><li id="step-1">helm upgrade --install app ./chart</li></ol>${LOG}<p>after the log</p></main>`,
);
const DOC = page('<main data-pagefind-body><h1 id="_top">Getting started</h1><h2 id="first">First</h2><p>Read the pipelines first.</p></main>');

describe('pageForIndex', () => {
	it('gives Pagefind the marked body and the page’s html tag, without head, sidebar or logs', () => {
		const sent = pageForIndex(Buffer.from(JOB));
		expect(sent.startsWith('<!doctype html><html lang="en" dir="ltr" data-theme="dark"><head></head><body><main data-pagefind-body')).toBe(true);
		expect(sent).toContain('helm upgrade --install app ./chart');
		expect(sent).toContain('<p>after the log</p>');
		for (const left of ['Sidebar link', 'Sidebar script', 'Deploy | Atlas', 'secret-looking log line']) expect(sent).not.toContain(left);
	});

	it('decodes text beyond ASCII as it is', () => {
		expect(pageForIndex(Buffer.from(page('<main data-pagefind-body><h1>Déploiement — “prod” 🚀</h1></main>')))).toContain('<h1>Déploiement — “prod” 🚀</h1>');
	});

	it('sends a page that marks no body whole', () => {
		const bare = '<!doctype html><html lang="en"><body><h1>Not found</h1></body></html>';
		expect(pageForIndex(Buffer.from(bare))).toBe(bare);
	});

	afterAll(() => pagefind.close());

	// What matters is Pagefind's view: the index it writes from the part is the one it writes from the whole page.
	it('gives Pagefind what makes the same index as the whole page', async () => {
		const files = async (content: (html: string) => string) => {
			const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
			for (const [sourcePath, html] of [['pipelines/app/jobs/deploy/index.html', JOB], ['docs/start/index.html', DOC]] as const) {
				await index!.addHTMLFile({ sourcePath, content: content(html) });
			}
			const written = await index!.getFiles();
			return written.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')] as const);
		};
		const whole = await files((html) => withoutLogs(Buffer.from(html)));
		const part = await files((html) => pageForIndex(Buffer.from(html)));
		expect(part.length).toBeGreaterThan(5);
		expect(new Map(part)).toEqual(new Map(whole));
	});
});

describe('withDocKind', () => {
	it('says content that names no kind is a doc, and leaves content that names one as it is', () => {
		expect(withDocKind('<h2>First</h2>')).toBe(`${DOC_KIND}<h2>First</h2>`);
		expect(DOC_KIND).toBe('<span hidden data-pagefind-filter="kind:doc"></span>');
		const job = '<span hidden data-pagefind-filter="kind:job"></span><h2>Steps</h2>';
		expect(withDocKind(job)).toBe(job);
	});
});

describe('pagesToRead', () => {
	it('leaves the run pages to be sent, cut, and has Pagefind read the rest by folder', () => {
		const pages = ['404.html', 'docs/start/index.html', 'env/index.html', 'index.html', 'pipelines/app/index.html', 'pipelines/app/jobs/build/index.html', 'pipelines/app/runs/7/index.html', 'pipelines/web/jobs/test/index.html'];
		const { glob, read, sent } = pagesToRead(pages);
		expect(sent).toEqual(['pipelines/app/runs/7/index.html']);
		expect(read).toEqual(pages.filter((p) => !p.includes('/runs/')));
		expect(glob).toBe('{*.html,{docs,env}/**/*.html,pipelines/*/*.html,pipelines/*/{jobs}/**/*.html}');
	});

	it('sends the pages of a folder whose name a glob would read as a pattern', () => {
		const { glob, read, sent } = pagesToRead(['docs/{a,b}/index.html', 'do[cs]/x/index.html', 'pipelines/app/j*bs/x/index.html', 'index.html']);
		expect(read).toEqual(['docs/{a,b}/index.html', 'index.html']);
		expect(sent).toEqual(['do[cs]/x/index.html', 'pipelines/app/j*bs/x/index.html']);
		expect(glob).toBe('{*.html,{docs}/**/*.html}');
	});

	it('has no glob for a site of run pages only', () => {
		expect(pagesToRead(['pipelines/app/runs/1/index.html'])).toEqual({ glob: undefined, read: [], sent: ['pipelines/app/runs/1/index.html'] });
	});
});

/** The pages and records of a written index: each fragment's address, text and filters. */
function fragments(root: string): { url: string; content: string; filters: Record<string, string[]> }[] {
	const dir = join(root, 'pagefind', 'fragment');
	// A fragment is gzipped JSON after a 12-byte signature.
	return readdirSync(dir)
		.map((file) => JSON.parse(gunzipSync(readFileSync(join(dir, file))).subarray(12).toString('utf8')) as { url: string; content: string; filters: Record<string, string[]> })
		.sort((a, b) => (a.url < b.url ? -1 : 1));
}

describe('writeSearchIndex', () => {
	it('indexes every page, read or sent, and the records, without the logs', async () => {
		const root = tempDir('atlas-search-index-');
		const write = (path: string, html: string) => {
			mkdirSync(dirname(join(root, path)), { recursive: true });
			writeFileSync(join(root, path), html);
		};
		const doc = (title: string) => page(`<main data-pagefind-body><h1>${title}</h1>${DOC_KIND}<p>About ${title.toLowerCase()}.</p></main>`);
		write('index.html', doc('Overview'));
		write('docs/start/index.html', doc('Starting'));
		write('docs/{odd}/index.html', doc('Oddities'));
		write('do[cs]/index.html', doc('Brackets'));
		write('pipelines/app/jobs/deploy/index.html', JOB);
		write('pipelines/app/runs/7/index.html', page(`<main data-pagefind-body><h1>Run 7</h1><span hidden data-pagefind-filter="kind:run"></span>${LOG}<p>Deployed.</p></main>`));
		write('404.html', '<!doctype html><html lang="en"><body><h1>Not found</h1></body></html>');
		const record: SearchRecord = { kind: 'step', url: '/pipelines/app/jobs/deploy/#steps', title: 'Steps of deploy', body: [], sections: [{ anchor: 'step-1', title: 'Upgrade', body: ['helm upgrade'] }], pipeline: 'app' };
		writeFileSync(join(root, RECORDS_FILE), JSON.stringify([record]));
		const explanation: SearchRecord = { kind: 'step', url: '/pipelines/app/jobs/deploy/#step-1', title: 'How Helm rolls out', body: ['It rolls back by itself.'] };
		writeFileSync(join(root, EXPLANATION_RECORDS_FILE), JSON.stringify([explanation]));

		expect(await writeSearchIndex(root)).toMatch(/^search index: 7 pages and 2 step, variable, run and explanation records in \d+ms \(pages read/);
		const indexed = fragments(root);
		// The job's page and its steps' record both: a record at the page's own address would take its place.
		expect(indexed.map((f) => f.url)).toEqual(['/', '/do[cs]/', '/docs/%7Bodd%7D/', '/docs/start/', '/pipelines/app/jobs/deploy/', '/pipelines/app/jobs/deploy/#step-1', '/pipelines/app/jobs/deploy/#steps', '/pipelines/app/runs/7/']);
		expect(indexed.map((f) => f.filters.kind)).toEqual([['doc'], ['doc'], ['doc'], ['doc'], ['job'], ['step'], ['step'], ['run']]);
		expect(indexed.find((f) => f.url.endsWith('#step-1'))?.content).toContain('rolls back by itself');
		expect(indexed.find((f) => f.url === '/pipelines/app/runs/7/')?.content).toBe('Run 7. Deployed.');
		expect(JSON.stringify(indexed)).not.toContain('secret-looking');
		expect(readdirSync(root)).not.toContain(RECORDS_FILE);
		expect(readdirSync(root)).not.toContain(EXPLANATION_RECORDS_FILE);
	});

	it('indexes the pages Astro listed, whichever way they come, in one order', async () => {
		const site = (list?: string[]) => {
			const root = tempDir('atlas-search-listed-');
			for (const path of ['docs/a/index.html', 'docs-b/index.html', 'pipelines/app/runs/1/index.html', 'pipelines/app-2/runs/1/index.html', 'unlisted/index.html']) {
				mkdirSync(dirname(join(root, path)), { recursive: true });
				writeFileSync(join(root, path), page(`<main data-pagefind-body><h1>${path}</h1>${DOC_KIND}<p>Text of ${path}.</p></main>`));
			}
			writeFileSync(join(root, RECORDS_FILE), '[]');
			if (list) writeFileSync(join(root, PAGES_FILE), JSON.stringify(list));
			return root;
		};
		const listed = ['pipelines/app-2/runs/1/index.html', 'docs/a/index.html', 'pipelines/app/runs/1/index.html', 'docs-b/index.html'];
		const fromFile = site(listed);
		expect(await writeSearchIndex(fromFile)).toMatch(/^search index: 4 pages and 0 step/);
		expect(readdirSync(fromFile)).not.toContain(PAGES_FILE);
		expect(fragments(fromFile).map((f) => f.url)).not.toContain('/unlisted/');
		const given = site();
		await writeSearchIndex(given, { pages: [...listed].reverse() });
		const walked = site();
		rmSync(join(walked, 'unlisted'), { recursive: true });
		await writeSearchIndex(walked);
		const files = (root: string) => Object.fromEntries(readdirSync(join(root, 'pagefind'), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(root, 'pagefind', f)).toString('base64')]));
		expect(files(given)).toEqual(files(fromFile));
		expect(files(walked)).toEqual(files(fromFile));
	});

	it("links the last index's unchanged files, and the index is the one written afresh", async () => {
		const site = (jobText: string) => {
			const root = tempDir('atlas-search-previous-');
			for (const [path, text] of [
				['docs/a/index.html', 'Unchanged doc.'],
				['pipelines/app/jobs/build/index.html', jobText],
			]) {
				mkdirSync(dirname(join(root, path!)), { recursive: true });
				writeFileSync(join(root, path!), page(`<main data-pagefind-body><h1>${path}</h1>${DOC_KIND}<p>${text}</p></main>`));
			}
			writeFileSync(join(root, RECORDS_FILE), '[]');
			return root;
		};
		const tree = (root: string) => Object.fromEntries(readdirSync(join(root, 'pagefind'), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.')).sort().map((f) => [f, readFileSync(join(root, 'pagefind', f)).toString('base64')]));
		const last = site('Builds the app.');
		await writeSearchIndex(last);
		const afresh = site('Builds the app twice.');
		await writeSearchIndex(afresh);
		const linking = site('Builds the app twice.');
		const log = await writeSearchIndex(linking, { previous: join(last, 'pagefind') });

		expect(tree(linking)).toEqual(tree(afresh));
		const files = Object.keys(tree(linking));
		const shared = files.filter((f) => statSync(join(linking, 'pagefind', f)).ino === statSync(join(last, 'pagefind', f), { throwIfNoEntry: false })?.ino);
		// The unchanged page's fragment and Pagefind's scripts are the last build's files; the changed page's fragment and the index are new.
		expect(shared.length).toBeGreaterThan(0);
		expect(shared.length).toBeLessThan(files.length);
		expect(shared.filter((f) => f.startsWith('fragment/'))).toHaveLength(1);
		expect(shared).toContain('pagefind.js');
		expect(log).toContain(`, ${shared.length} of ${files.length} files linked from the last build's)`);
	});
});

describe('placeIndexFiles', () => {
	const bytes = (text: string) => new TextEncoder().encode(text);

	it('links a file the last index has with the same bytes, and writes the others', async () => {
		const previous = tempDir('atlas-index-previous-');
		mkdirSync(join(previous, 'fragment'));
		writeFileSync(join(previous, 'fragment', 'same.pf_fragment'), 'same bytes');
		writeFileSync(join(previous, 'fragment', 'changed.pf_fragment'), 'old bytes');
		writeFileSync(join(previous, 'pagefind.js'), 'script');
		const out = join(tempDir('atlas-index-out-'), 'pagefind');
		const linked = await placeIndexFiles(
			[
				{ path: 'fragment/same.pf_fragment', content: bytes('same bytes') },
				// The same name with other bytes (a name is only a short hash) is written, not linked.
				{ path: 'fragment/changed.pf_fragment', content: bytes('new bytes') },
				{ path: 'fragment/new.pf_fragment', content: bytes('new file') },
				{ path: 'index/en_1.pf_index', content: bytes('index') },
				// A slice of a larger buffer, as a decoded message may give it.
				{ path: 'pagefind.js', content: bytes('xxscriptyy').subarray(2, 8) },
			],
			out,
			previous,
		);
		expect(linked).toBe(2);
		const read = (path: string) => readFileSync(join(out, path), 'utf8');
		expect([read('fragment/same.pf_fragment'), read('fragment/changed.pf_fragment'), read('fragment/new.pf_fragment'), read('index/en_1.pf_index'), read('pagefind.js')]).toEqual(['same bytes', 'new bytes', 'new file', 'index', 'script']);
		expect(statSync(join(out, 'fragment', 'same.pf_fragment')).ino).toBe(statSync(join(previous, 'fragment', 'same.pf_fragment')).ino);
		expect(statSync(join(out, 'pagefind.js')).ino).toBe(statSync(join(previous, 'pagefind.js')).ino);
		expect(statSync(join(out, 'fragment', 'changed.pf_fragment')).ino).not.toBe(statSync(join(previous, 'fragment', 'changed.pf_fragment')).ino);
		expect(readFileSync(join(previous, 'fragment', 'changed.pf_fragment'), 'utf8')).toBe('old bytes');
	});

	it('writes every file when there is no last index to link from', async () => {
		const out = join(tempDir('atlas-index-out-'), 'pagefind');
		expect(await placeIndexFiles([{ path: 'fragment/a.pf_fragment', content: bytes('a') }], out, join(out, '..', 'missing'))).toBe(0);
		expect(readFileSync(join(out, 'fragment', 'a.pf_fragment'), 'utf8')).toBe('a');
	});
});
