/**
 * Raw HTML written in Markdown (docs, explanations), cleaned tag by tag. A pull request can
 * change `content/` too: what a team needs (`<details>`, `<kbd>`, tables, images) stays; what
 * could run script, leave the site or redirect the reader (`<script>`, `<iframe>`, `<meta>`,
 * `<form>`, `on*=` handlers, `javascript:` links) is shown as text or dropped.
 *
 * Hand-written because Markdown hands over raw HTML in fragments (`<details>` in one, its
 * `</details>` in another, with Markdown between): tree sanitizers (hast-util-sanitize) need a
 * whole tree and would close the first fragment's tags early.
 */

/** GitHub's list of tags allowed in rendered Markdown, without the legacy ones. */
const TAGS = new Set(
	'a abbr b bdi bdo blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp section small source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr'.split(' '),
);
const GLOBAL_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'align', 'class', 'id', 'role']);
const ATTRIBUTES: Record<string, Set<string>> = {
	a: new Set(['href', 'name', 'rel']),
	img: new Set(['src', 'alt', 'width', 'height', 'loading']),
	source: new Set(['srcset', 'media', 'type', 'width', 'height']),
	td: new Set(['colspan', 'rowspan', 'valign']),
	th: new Set(['colspan', 'rowspan', 'valign', 'scope']),
	details: new Set(['open']),
	ol: new Set(['start', 'type', 'reversed']),
	time: new Set(['datetime']),
	q: new Set(['cite']),
	blockquote: new Set(['cite']),
	del: new Set(['cite', 'datetime']),
	ins: new Set(['cite', 'datetime']),
};
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'srcset']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export interface SanitizedHtml {
	html: string;
	/** Tag names shown as text and attributes dropped, for a warning the author can act on. */
	removed: string[];
}

const escapeText = (text: string) => text.replaceAll('<', '&lt;');
const escapeAttribute = (value: string) => value.replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The value a browser would see: character references decoded, the controls and spaces it strips ignored. */
function decoded(value: string): string {
	return value
		.replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
		.replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
		.replace(/&(colon|tab|newline|nbsp);?/gi, (_, name: string) => ({ colon: ':', tab: '\t', newline: '\n', nbsp: ' ' })[name.toLowerCase()] ?? '')
		.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '');
}

/** A link or source the reader's browser may follow: relative, or http(s)/mailto. */
export function isSafeUrl(value: string): boolean {
	const url = decoded(value);
	// Any other character reference before the path could spell a scheme: refuse it.
	const head = url.split(/[/?#]/, 1)[0] ?? '';
	if (head.includes('&')) return false;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
	return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

function cleanAttributes(tag: string, text: string, removed: string[]): string {
	let out = '';
	for (const [, rawName = '', double, single, bare] of text.matchAll(ATTRIBUTE)) {
		const name = rawName.toLowerCase();
		const value = double ?? single ?? bare;
		const allowed = GLOBAL_ATTRIBUTES.has(name) || ATTRIBUTES[tag]?.has(name) || name.startsWith('aria-');
		const safe = !URL_ATTRIBUTES.has(name) || value === undefined || (name === 'srcset' ? value.split(',').every((part) => isSafeUrl(part.trim().split(/\s+/)[0] ?? '')) : isSafeUrl(value));
		if (!allowed || !safe) {
			removed.push(`${tag} ${name}`);
			continue;
		}
		out += value === undefined ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
	}
	return out;
}

export function sanitizeHtml(html: string): SanitizedHtml {
	const removed: string[] = [];
	let out = '';
	let last = 0;
	for (const match of html.matchAll(TOKEN)) {
		out += escapeText(html.slice(last, match.index));
		last = match.index + match[0].length;
		const [token, closing, rawTag, attributes = '', selfClosing] = match;
		if (rawTag === undefined) {
			out += token; // a comment
			continue;
		}
		const tag = rawTag.toLowerCase();
		if (!TAGS.has(tag)) {
			removed.push(tag);
			out += escapeText(token);
			continue;
		}
		out += closing ? `</${tag}>` : `<${tag}${cleanAttributes(tag, attributes, removed)}${selfClosing ? ' /' : ''}>`;
	}
	out += escapeText(html.slice(last));
	return { html: out, removed };
}
