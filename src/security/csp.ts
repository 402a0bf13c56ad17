/**
 * The Content Security Policy of the generated site. Pages run no script they did not ship:
 * the few inline scripts Starlight and our components render are allowed by their hashes,
 * never by `'unsafe-inline'`, so markup injected into a page could not run even if escaping
 * ever failed. Pure functions over the built HTML; `src/integrations/csp.ts` applies them.
 */
import { createHash } from 'node:crypto';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/dgi;
/** Data blocks (`application/json`, ...) are never executed, so a policy does not cover them. */
const EXECUTABLE_TYPE = /^(?:|module|text\/javascript|application\/javascript)$/i;

/** Where the text of every inline script of a page that a browser would execute is, in page order. */
function inlineScriptSpans(html: string): [start: number, end: number][] {
	const spans: [number, number][] = [];
	for (const match of html.matchAll(SCRIPT)) {
		const attributes = match[1] ?? '';
		if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
		const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(` ${attributes}`)?.[1] ?? '';
		if (EXECUTABLE_TYPE.test(type)) spans.push(match.indices![2]!);
	}
	return spans;
}

/** The text of every inline script of a page that a browser would execute, in page order. */
export function inlineScripts(html: string): string[] {
	return inlineScriptSpans(html).map(([start, end]) => html.slice(start, end));
}

/** The `'sha256-…'` source that allows exactly this inline script. */
export function scriptHash(body: string): string {
	return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/**
 * Hashes of a page's inline scripts that are written out in `trusted` (the source of the
 * components that render them), sorted, and the scripts that are not. Allowing every inline
 * script of the built page would also allow one injected into it: a script is only allowed
 * when its exact text comes from the code that ships it.
 */
export function trustedScriptHashes(html: string, trusted: (body: string) => boolean): { hashes: string[]; untrusted: string[] } {
	return hashesOf(inlineScripts(html), trusted);
}

function hashesOf(bodies: readonly string[], trusted: (body: string) => boolean): { hashes: string[]; untrusted: string[] } {
	const hashes = new Set<string>();
	const untrusted: string[] = [];
	for (const body of bodies) {
		if (trusted(body)) hashes.add(scriptHash(body));
		else untrusted.push(body);
	}
	return { hashes: [...hashes].sort(), untrusted };
}

/**
 * The policy for pages whose inline scripts have these hashes.
 * - `'wasm-unsafe-eval'`: Pagefind runs its search in WebAssembly (it allows WebAssembly only, not `eval`).
 * - `style-src 'unsafe-inline'`: highlighted code and logs colour each token with a `style`
 *   attribute (Shiki), which hashes cannot allow; styles cannot run script.
 * - `data:` images: icons drawn by CSS masks.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[], { header = false } = {}): string {
	const directives = [
		"default-src 'self'",
		["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		// Browsers ignore these two in a <meta> element: only a header can carry them.
		...(header ? ["frame-ancestors 'self'", 'upgrade-insecure-requests'] : []),
	];
	return directives.join('; ');
}

/**
 * The page with its policy early in `<head>`, before any script it governs: right after
 * `<meta charset>` when there is one (browsers look for the charset in the first 1024 bytes,
 * and the policy's hashes would push it out), else first.
 */
export function withPolicyMeta(html: string, policy: string): string {
	const at = policyMetaOffset(html);
	return at === undefined ? html : html.slice(0, at) + policyMeta(policy) + html.slice(at);
}

function policyMeta(policy: string): string {
	return `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`;
}

const CHARSET = /\s*<meta charset=[^>]*>/iy;

/** Where a page's policy goes: right after `<head>`, or after `<meta charset>` when that comes first. */
function policyMetaOffset(html: string): number | undefined {
	const head = /<head(?:\s[^>]*)?>/i.exec(html);
	if (!head) return undefined;
	const at = head.index + head[0].length;
	CHARSET.lastIndex = at;
	const charset = CHARSET.exec(html);
	return charset ? at + charset[0].length : at;
}

const POLICY_META_START = '<meta http-equiv="Content-Security-Policy" content="';

/**
 * The script hashes of the policy a page was given where withPolicyMeta puts it, or undefined
 * when it has none there. `head` is the page's beginning (its policy is in the first bytes);
 * a policy anywhere else (in text a page shows) is not one.
 */
export function policyHashesOf(head: string): string[] | undefined {
	const at = policyMetaOffset(head);
	if (at === undefined || !head.startsWith(POLICY_META_START, at)) return undefined;
	const end = head.indexOf('"', at + POLICY_META_START.length);
	if (end < 0) return undefined;
	const script = head
		.slice(at + POLICY_META_START.length, end)
		.split('; ')
		.find((d) => d.startsWith('script-src '));
	return (script ?? '').split(' ').filter((source) => source.startsWith("'sha256-"));
}

/**
 * trustedScriptHashes and withPolicyMeta at once, for a page as its UTF-8 bytes (as the build
 * renders it, see `./csp-middleware.ts`, or as a page copied from the last build is read): the
 * page with its policy as pieces to write one after the other. The page is read as Latin-1, one
 * character per byte, so offsets are byte offsets and its markup (ASCII) reads the same; only
 * the script texts are decoded. A run page holds megabytes of log: decoding and encoding every
 * page again was most of this pass's time and memory at the end of a build.
 */
export function securedPage(bytes: Buffer, trusted: (body: string) => boolean): { hashes: string[]; untrusted: string[]; pieces: Uint8Array[] } {
	const html = bytes.toString('latin1');
	const { hashes, untrusted } = hashesOf(
		inlineScriptSpans(html).map(([start, end]) => bytes.toString('utf8', start, end)),
		trusted,
	);
	const at = policyMetaOffset(html);
	const pieces = at === undefined ? [bytes] : [bytes.subarray(0, at), Buffer.from(policyMeta(contentSecurityPolicy(hashes))), bytes.subarray(at)];
	return { hashes, untrusted, pieces };
}

/**
 * A `_headers` file (Netlify, Cloudflare Pages and others read it) giving every page under
 * `base` the policy as a real header, with the directives a `<meta>` cannot carry.
 */
export function headersFile(base: string, scriptHashes: readonly string[]): string {
	const path = `${base.endsWith('/') ? base : `${base}/`}*`;
	return [
		'# Written by Pipeline Atlas at build time: the inline scripts are allowed by their hashes.',
		path,
		`  Content-Security-Policy: ${contentSecurityPolicy(scriptHashes, { header: true })}`,
		'  X-Content-Type-Options: nosniff',
		'  Referrer-Policy: strict-origin-when-cross-origin',
		'',
	].join('\n');
}
