/**
 * A built page as Pagefind indexes it, as far as can be told without parsing it as Pagefind
 * does: the page without the insides of the elements it marks `data-pagefind-ignore`. Editing
 * a step's explanation changes the job pages that show it only inside such an element (the
 * steps list), so a rebuild can tell that Pagefind would make the same of them (see
 * ../integrations/search-head-start.ts).
 *
 * Hand-written: an HTML parser would read every page whole (tens of MB at size M, on the
 * rebuild's critical path); this skims tags with a regular expression, and only leaves out an
 * element it can vouch for. Where it cannot, the element stays in, so a difference there counts.
 * Pagefind does read some things inside an ignored element: its filters, metadata and sort
 * keys (`data-pagefind-*`), an image (the page's default `image`), an `<h1>` (the first one
 * with text is the page's title). So an element is left out only when everything in it is
 * ordinary text markup (INSIDE), closed in order, with no `data-pagefind-*` attribute but ignore
 * itself. Markup off the beaten track (a tag this cannot read whole, a comment closed early, a
 * script holding `<!--`) makes the page unreadable, and pages are then compared whole.
 */

/** HTML's whitespace (not `\s`, which takes in a no-break space, part of a tag's name to HTML). */
const WS = '[\\t\\n\\f\\r ]';
/** An attribute as HTML reads it: a name, and a value quoted (Astro leaves `<` and `>` unescaped in it) or not. */
const ATTRIBUTE = `[^\\t\\n\\f\\r />"'=<]+(?:${WS}*=${WS}*(?:"[^"]*"|'[^']*'|[^\\t\\n\\f\\r "'=<>\`]+))?`;
/** A start tag: its name, its attributes and whether it closes itself. */
const START_TAG = new RegExp(`<([a-zA-Z][^\\t\\n\\f\\r />]*)((?:${WS}+${ATTRIBUTE})*)${WS}*(/?)>`, 'y');
const END_TAG = new RegExp(`</([a-zA-Z][^\\t\\n\\f\\r />]*)${WS}*>`, 'y');
/** `data-pagefind-ignore` as an attribute name, outside quoted values (removed before the test). */
const IGNORE_ATTRIBUTE = new RegExp(`(?:^|${WS})data-pagefind-ignore(?:${WS}|=|$)`);
const QUOTED = /"[^"]*"|'[^']*'/g;
/** Any `data-pagefind-*` attribute but ignore (in any case, as HTML reads names): Pagefind reads those even inside an ignored element. */
const OTHER_PAGEFIND = /data-pagefind-(?!ignore(?:[\t\n\f\r =/"']|$))/i;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content HTML reads as text up to their end tag (`plaintext` never ends: unreadable). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
/** Ignored elements left out: none whose end tag HTML may imply (a `<p>` ends at a `<div>`). */
const REGIONS = new Set(['ol', 'ul', 'dl', 'div', 'section', 'figure', 'details', 'aside']);
/** What an ignored element may hold to be left out: text markup, no images, media, scripts or `<h1>`. */
const INSIDE = new Set([
	'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'button', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
	'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strong',
	'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);

const rawTextEnds = new Map<string, RegExp>();
function rawTextEnd(name: string): RegExp {
	let end = rawTextEnds.get(name);
	if (!end) rawTextEnds.set(name, (end = new RegExp(`</${name}(?:${WS}|/|>)`, 'gi')));
	return end;
}

const isLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/**
 * `html` with the content of every ignored element it can vouch for left out (its start and end
 * tags stay); undefined when `html` cannot be read (an unclosed comment, tag or quote).
 */
export function indexedPart(html: string): string | undefined {
	const kept = keptRanges(html);
	if (!kept) return undefined;
	let part = '';
	for (let i = 0; i < kept.length; i += 2) part += html.slice(kept[i], kept[i + 1]);
	return part;
}

/**
 * The ranges of `html` indexedPart keeps, as `[start, end, start, end, ...]`: a page's bytes can
 * then be digested piece by piece without copying them into a string. Markup is ASCII, so a
 * page's bytes read as Latin-1 have the same ranges as its text.
 */
export function keptRanges(html: string): number[] | undefined {
	const kept: number[] = [];
	let from = 0;
	let at = 0;
	for (let lt = html.indexOf('<', at); lt >= 0; lt = html.indexOf('<', at)) {
		const next = html.charCodeAt(lt + 1);
		if (html.startsWith('<!--', lt)) {
			// `<!-->`, `<!--->` and `--!>` end a comment too: read as unreadable rather than modelled.
			const end = html.indexOf('-->', lt + 4);
			if (end < 0 || html.startsWith('<!-->', lt) || html.startsWith('<!--->', lt) || html.slice(lt + 4, end).includes('--!>')) return undefined;
			at = end + 3;
		} else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
			// A doctype, or what HTML reads as a comment up to the next `>`.
			const end = html.indexOf('>', lt);
			if (end < 0) return undefined;
			at = end + 1;
		} else if (next === 0x2f /* / */ && isLetter(html.charCodeAt(lt + 2))) {
			END_TAG.lastIndex = lt;
			if (!END_TAG.exec(html)) return undefined;
			at = END_TAG.lastIndex;
		} else if (!isLetter(next)) {
			if (next === 0x2f /* / */) return undefined;
			at = lt + 1;
		} else {
			START_TAG.lastIndex = lt;
			const tag = START_TAG.exec(html);
			if (!tag) return undefined;
			at = START_TAG.lastIndex;
			const name = tag[1]!.toLowerCase();
			const attributes = tag[2]!;
			if (name === 'plaintext') return undefined;
			if (RAW_TEXT.has(name)) {
				const end = rawTextEnd(name);
				end.lastIndex = at;
				const found = end.exec(html);
				// A script holding `<!--` may hide its end tag from HTML (its double-escaped state).
				if (!found || (name === 'script' && html.slice(at, found.index).includes('<!--'))) return undefined;
				at = end.lastIndex - 1;
			} else if (attributes.includes('data-pagefind-ignore') && REGIONS.has(name) && !tag[3] && isIgnored(attributes)) {
				const end = regionEnd(html, at, name);
				if (end >= 0) {
					kept.push(from, at);
					from = at = end;
				}
			}
		}
	}
	kept.push(from, html.length);
	return kept;
}

/** A start tag's attributes mark it ignored, and nothing else of Pagefind's. */
function isIgnored(attributes: string): boolean {
	const names = attributes.replace(QUOTED, '""');
	return IGNORE_ATTRIBUTE.test(names) && !OTHER_PAGEFIND.test(names);
}

/**
 * Where the element `name` that starts before `from` ends (its end tag's `<`), when all it holds
 * is INSIDE markup closed in order, with no Pagefind attribute but ignore; else -1.
 */
function regionEnd(html: string, from: number, name: string): number {
	const open = [name];
	let at = from;
	for (let lt = html.indexOf('<', at); lt >= 0; lt = html.indexOf('<', at)) {
		const next = html.charCodeAt(lt + 1);
		if (next === 0x2f /* / */) {
			END_TAG.lastIndex = lt;
			const tag = END_TAG.exec(html);
			if (!tag || tag[1]!.toLowerCase() !== open.pop()) return -1;
			if (open.length === 0) return lt;
			at = END_TAG.lastIndex;
		} else if (!isLetter(next)) {
			// A comment, a doctype or markup this does not read: not vouched for.
			if (next === 0x21 /* ! */ || next === 0x3f /* ? */) return -1;
			at = lt + 1;
		} else {
			START_TAG.lastIndex = lt;
			const tag = START_TAG.exec(html);
			if (!tag) return -1;
			const inner = tag[1]!.toLowerCase();
			const attributes = tag[2]!;
			if (!INSIDE.has(inner) || OTHER_PAGEFIND.test(attributes)) return -1;
			if (!VOID.has(inner)) {
				// `<div/>` does not close a div in HTML.
				if (tag[3]) return -1;
				open.push(inner);
			}
			at = START_TAG.lastIndex;
		}
	}
	return -1;
}

/** Whether Pagefind makes the same of two versions of a page (or of what is sent of it): the same text, or the same indexedPart. */
export function sameForIndex(last: string, now: string): boolean {
	if (last === now) return true;
	const part = indexedPart(last);
	return part !== undefined && part === indexedPart(now);
}
