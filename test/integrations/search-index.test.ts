import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { pageForIndex, withDefaultKind } from '../../src/integrations/search-index';
import { withoutLogs } from '../../src/site/log-html';

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

	it('says a page that names no kind is a doc', () => {
		expect(pageForIndex(Buffer.from(DOC))).toContain('<main data-pagefind-body><span hidden data-pagefind-filter="kind:doc"></span>');
		expect(pageForIndex(Buffer.from(JOB))).not.toContain('kind:doc');
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
		const whole = await files((html) => withDefaultKind(withoutLogs(html)));
		const part = await files((html) => pageForIndex(Buffer.from(html)));
		expect(part.length).toBeGreaterThan(5);
		expect(new Map(part)).toEqual(new Map(whole));
	});
});
