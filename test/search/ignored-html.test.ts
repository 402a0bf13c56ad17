import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { indexedPart, keptRanges, sameForIndex } from '../../src/search/ignored-html';

/** A job page's body: visible text, then a steps list Pagefind ignores, then more visible text. */
const page = (steps: string, before = '<h1 id="_top">deploy</h1><p>Visible words here</p>') =>
	`<!doctype html><html lang="en"><head><title>deploy</title><script>if (a < b && c > d) document.write("<ol data-pagefind-ignore>")</script></head><body><main data-pagefind-body>${before}<ol class="atlas-steps" data-pagefind-ignore>${steps}</ol><h2 id="runs">Recorded runs</h2><p>tail</p></main></body></html>`;

const STEP = '<li class="atlas-step" id="step-1"><code>actions/checkout@v4</code><div class="atlas-explanation"><p>A shallow clone of the commit.</p></div></li>';

describe('indexedPart', () => {
	it('leaves out what an ignored list holds, and keeps its tags and everything around it', () => {
		const part = indexedPart(page(STEP));
		expect(part).toContain('<ol class="atlas-steps" data-pagefind-ignore></ol><h2 id="runs">');
		expect(part).not.toContain('shallow clone');
		expect(part).toContain('Visible words here');
		// The script's text is read as text, not as a list to leave out.
		expect(part).toContain('document.write("<ol data-pagefind-ignore>")');
	});

	it('gives the ranges it keeps, which make the part', () => {
		const html = page(STEP);
		const kept = keptRanges(html)!;
		expect(kept).toHaveLength(4);
		expect(html.slice(kept[0], kept[1]) + html.slice(kept[2], kept[3])).toBe(indexedPart(html));
		expect(kept[3]).toBe(html.length);
	});

	it('leaves out nested lists of the same name whole, and what follows stays', () => {
		const nested = page('<li><ol><li>inner one</li><li><ol><li>deeper</li></ol></li></ol></li><li>outer two</li>');
		expect(indexedPart(nested)).toBe(indexedPart(page('')));
	});

	it('reads quoted attribute values whole, where Astro leaves < and > as they are', () => {
		const tricky = page(`<li title="a > b <ol>" data-x='</ol><p>'>quoted</li>`);
		expect(indexedPart(tricky)).toBe(indexedPart(page('')));
		// One that names a Pagefind attribute inside the list is not vouched for.
		const naming = page(`<li title="<span data-pagefind-filter=x>">quoted</li>`);
		expect(indexedPart(naming)).toContain('quoted');
		const inTitle = page(STEP, '<h1 title="<ol data-pagefind-ignore>">deploy</h1><p>Visible words here</p>');
		expect(indexedPart(inTitle)).toContain('<h1 title="<ol data-pagefind-ignore>">deploy</h1><p>Visible words here</p><ol class="atlas-steps" data-pagefind-ignore></ol>');
	});

	it('keeps an ignored element whose insides Pagefind still reads, or that it cannot vouch for', () => {
		for (const inside of [
			'<li><img src="/a.png" alt="pic"></li>', // the page's default image
			'<li><h1>Inner title</h1></li>', // the page's title, when no other h1
			'<li><span data-pagefind-filter="kind:step">x</span></li>', // filters, metadata and sort keys are read inside
			'<li><span data-pagefind-meta="image:/a.png"></span></li>',
			'<li><svg><title>icon</title></svg></li>',
			'<li><script>var x = "</ol>";</script></li>',
			'<li><!-- a comment --></li>',
			'<li><p>unclosed</li>', // not closed in order
			'<li><div/></li>', // does not close in HTML
		]) {
			expect(indexedPart(page(inside)), inside).toContain(inside);
		}
	});

	it('keeps an ignored element of a kind whose end HTML may imply, or with other Pagefind attributes', () => {
		const p = '<p data-pagefind-ignore>a paragraph</p>';
		expect(indexedPart(`<body>${p}</body>`)).toBe(`<body>${p}</body>`);
		const filtered = '<div data-pagefind-ignore data-pagefind-filter="author">Ann</div>';
		expect(indexedPart(`<body>${filtered}</body>`)).toBe(`<body>${filtered}</body>`);
		const unclosed = '<div data-pagefind-ignore><span>never closed';
		expect(indexedPart(`<body>${unclosed}</body>`)).toBe(`<body>${unclosed}</body>`);
	});

	it('reads a value that only mentions the attribute as a value', () => {
		const mention = '<div title="data-pagefind-ignore">kept</div>';
		expect(indexedPart(`<body>${mention}</body>`)).toBe(`<body>${mention}</body>`);
		expect(indexedPart('<body><div data-pagefind-ignore="all">gone</div></body>')).toBe('<body><div data-pagefind-ignore="all"></div></body>');
	});

	it('cannot read a page with an unclosed comment, tag, quote or script', () => {
		for (const broken of ['<body><!-- open', '<body><div title="open>text</div>', '<body><div', '<script>never ends']) expect(indexedPart(broken), broken).toBeUndefined();
	});

	it('cannot read markup HTML reads otherwise than a skim would', () => {
		const list = '<ol data-pagefind-ignore><li>gone?</li></ol>';
		for (const odd of [
			`<body><div a'b>it's ${list}</div></body>`, // a quote in a name is not a quoted value
			`<body><!-->${list}<!-- --></body>`, // an empty comment, closed at once
			`<body><!-- a --!>${list}<!-- b --></body>`,
			`<body><plaintext>${list}</plaintext></body>`, // never ends
			`<body><script><!--<script></script>${list}--></script></body>`, // the script's end hidden
			`<body></ ${list}></body>`,
		]) {
			expect(indexedPart(odd), odd).toBeUndefined();
		}
	});

	it('leaves in what only looks ignored to a skim', () => {
		// `<?…>` is a comment to HTML up to its first `>`: no list starts there.
		const bogus = '<body><?x <ol data-pagefind-ignore><li>read</li></ol></body>';
		expect(indexedPart(bogus)).toBe(bogus);
		// A no-break space is part of a tag's name to HTML, not a space before an attribute.
		const nbsp = '<body><ol\u00a0data-pagefind-ignore><li>read</li></ol></body>';
		expect(indexedPart(nbsp)).toBe(nbsp);
		// Pagefind reads attribute names in any case.
		const upper = '<body><ol data-pagefind-ignore><li><span DATA-PAGEFIND-FILTER="kind:x">read</span></li></ol></body>';
		expect(indexedPart(upper)).toBe(upper);
		// A list that closes itself does not to HTML.
		const selfClosed = '<body><div data-pagefind-ignore/><p>read</p></body>';
		expect(indexedPart(selfClosed)).toBe(selfClosed);
	});
});

describe('sameForIndex', () => {
	it('is the same page when only an ignored list’s insides changed', () => {
		expect(sameForIndex(page(STEP), page(STEP.replace('shallow clone', 'full clone, tags included')))).toBe(true);
		expect(sameForIndex(page(STEP), page(STEP + STEP.replace('step-1', 'step-2')))).toBe(true);
	});

	it('is another page when anything else changed', () => {
		expect(sameForIndex(page(STEP), page(STEP, '<h1 id="_top">deploy</h1><p>Other words here</p>'))).toBe(false);
		expect(sameForIndex(page(STEP), page(`${STEP}<li><img src="/a.png" alt=""></li>`))).toBe(false);
		expect(sameForIndex(page(STEP), page(STEP).replace('<p>tail</p>', '<p>tail, changed</p>'))).toBe(false);
		expect(sameForIndex('<body><div', '<body><div')).toBe(true);
		expect(sameForIndex('<body><div', '<body><div ')).toBe(false);
	});

	afterAll(() => pagefind.close());

	// What matters is Pagefind's view: pages this calls the same make the same index.
	it('calls pages the same only when Pagefind writes the same index from them', async () => {
		const files = async (html: string) => {
			const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
			await index!.addHTMLFile({ sourcePath: 'pipelines/app/jobs/deploy/index.html', content: html });
			const written = await index!.getFiles();
			await index!.deleteIndex();
			return new Map(written.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')]));
		};
		const base = page(STEP);
		const baseFiles = await files(base);
		for (const other of [
			page(STEP.replace('shallow clone', 'full clone, tags included')),
			page(`${STEP}<li id="step-2"><h3 id="extra">Extra heading</h3><p>more <a href="/x/">words</a></p></li>`),
			page('<li><details><summary>Why</summary><pre><code>git fetch --depth 1</code></pre></details></li>'),
			page(`${STEP}<li><img src="/a.png" alt="pic"></li>`),
			page(STEP, '<p>Visible words here</p>'),
			page('<li><h1>Inner title</h1></li>', '<p>Visible words here</p>'),
			page(`${STEP}<li><span DATA-PAGEFIND-FILTER="kind:odd">x</span></li>`),
			page(`${STEP}<li><span data-pagefind-meta="image:/a.png">x</span></li>`),
		]) {
			const same = sameForIndex(base, other);
			const pagefindSame = JSON.stringify([...(await files(other))]) === JSON.stringify([...baseFiles]);
			// Never the same where Pagefind differs; the same for every edit inside the list it can vouch for.
			if (same) expect(pagefindSame, other).toBe(true);
		}
		expect(sameForIndex(base, page(STEP.replace('shallow clone', 'full clone, tags included')))).toBe(true);
		expect(sameForIndex(base, page(`${STEP}<li><img src="/a.png" alt="pic"></li>`))).toBe(false);
	});
});
