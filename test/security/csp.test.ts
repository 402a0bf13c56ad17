import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headersFile, inlineScripts, policyHashesOf, scriptHash, securedPage, trustedScriptHashes, withPolicyMeta } from '../../src/security/csp';

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>x</title></head><body>${body}</body></html>`;

describe('inline scripts', () => {
	it('are the scripts a browser would run: not external ones, not data blocks', () => {
		const html = page(
			'<script>a()</script><script type="module">b()</script><script src="/x.js"></script><script type="module" src="/y.js"></script>' +
				'<script type="application/json" data-x>{"c":1}</script><script type="application/ld+json">{}</script><script aria-hidden="true">d()</script>',
		);
		expect(inlineScripts(html)).toEqual(['a()', 'b()', 'd()']);
	});

	it('are allowed by the SHA-256 of their exact text, as browsers compute it', () => {
		expect(scriptHash('alert(1)')).toBe(`'sha256-${createHash('sha256').update('alert(1)').digest('base64')}'`);
		expect(scriptHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
		expect(scriptHash('alert(1) ')).not.toBe(scriptHash('alert(1)'));
	});

	it('are only allowed when a component wrote them: an injected one is left out and reported', () => {
		const source = 'const shipped = 1; <script is:inline>theme()</script>';
		const html = page('<script>theme()</script><p>step</p><script>window.__pwned=1</script><script>theme()</script>');
		const { hashes, untrusted } = trustedScriptHashes(html, (body) => source.includes(body));
		expect(hashes).toEqual([scriptHash('theme()')]);
		expect(untrusted).toEqual(['window.__pwned=1']);
	});
});

describe('the policy', () => {
	const hashes = [scriptHash('theme()')];

	it('allows scripts from the site and by hash only: no inline script or eval without one', () => {
		const policy = contentSecurityPolicy(hashes);
		const script = policy.split('; ').find((d) => d.startsWith('script-src '))!;
		expect(script).toBe(`script-src 'self' 'wasm-unsafe-eval' ${hashes[0]}`);
		expect(script).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
		expect(policy).toContain("default-src 'self'");
		expect(policy).toContain("object-src 'none'");
		expect(policy).toContain("base-uri 'none'");
		// A meta element cannot carry frame-ancestors (browsers ignore it there and warn).
		expect(policy).not.toContain('frame-ancestors');
		expect(contentSecurityPolicy(hashes, { header: true })).toContain("frame-ancestors 'self'");
	});

	it('goes into <head> before any script it governs, after the charset, with its quotes escaped', () => {
		const html = withPolicyMeta(page('<script>theme()</script>'), `script-src 'self' "x"`);
		// After the charset, which browsers look for in the first 1024 bytes.
		expect(html).toContain('<head><meta charset="utf-8"/><meta http-equiv="Content-Security-Policy" content="script-src \'self\' &quot;x&quot;"><title>');
		expect(withPolicyMeta('<html><head data-x="1"><title>t</title></head></html>', 'p')).toBe('<html><head data-x="1"><meta http-equiv="Content-Security-Policy" content="p"><title>t</title></head></html>');
		// Not a page: left alone.
		expect(withPolicyMeta('<svg></svg>', 'p')).toBe('<svg></svg>');
	});

	it('is given to a page as its bytes exactly as to its text, whatever characters the page holds', () => {
		const source = 'theme(); <script is:inline>greet("héllo ✓ 🚀")</script>';
		const trusted = (body: string) => source.includes(body);
		const pages = [
			page('<pre>└─ café ✓ 🚀 \u00a0 </pre><script>theme()</script><script>greet("héllo ✓ 🚀")</script><script>évil("✓")</script><SCRIPT>x()</SCRIPT >'),
			page('<script type="module">theme()</script>'),
			'<html><head data-x="ü"><title>ü</title></head><body><script>theme()</script></body></html>',
			'<svg>no head ✓</svg>',
		];
		for (const html of pages) {
			const bytes = Buffer.from(html, 'utf8');
			const { hashes, untrusted, pieces } = securedPage(bytes, trusted);
			const expected = trustedScriptHashes(html, trusted);
			expect({ hashes, untrusted }).toEqual(expected);
			expect(Buffer.concat(pieces).toString('utf8')).toBe(withPolicyMeta(html, contentSecurityPolicy(expected.hashes)));
		}
		// The non-ASCII script is hashed as the browser hashes it: its UTF-8 text.
		expect(securedPage(Buffer.from(pages[0]!), trusted).hashes).toContain(scriptHash('greet("héllo ✓ 🚀")'));
		expect(securedPage(Buffer.from(pages[0]!), trusted).untrusted).toEqual(['évil("✓")', 'x()']);
	});

	it("is read back from a page's first bytes, and only from where it is put", () => {
		const trusted = (body: string) => body === 'theme()';
		const securedOf = (html: string) => Buffer.concat(securedPage(Buffer.from(html), trusted).pieces).toString();
		const secured = securedOf(page('<script>theme()</script><script>other()</script>'));
		expect(policyHashesOf(secured)).toEqual([scriptHash('theme()')]);
		expect(policyHashesOf(securedOf(page('<p>no script</p>')))).toEqual([]);
		// A page without one: not given one yet, even when its text shows a policy.
		const shown = page(`<pre>${'<meta http-equiv="Content-Security-Policy" content="script-src \'sha256-x=\'">'}</pre>`);
		expect(policyHashesOf(shown)).toBeUndefined();
		expect(policyHashesOf('<svg></svg>')).toBeUndefined();
		// Cut short before the policy ends (a head longer than what was read): not taken as one.
		expect(policyHashesOf(secured.slice(0, secured.indexOf('sha256-') + 10))).toBeUndefined();
	});

	it('is written to _headers for every page under the base, as a real header', () => {
		const text = headersFile('/docs/ci/', hashes);
		const lines = text.split('\n');
		expect(lines[1]).toBe('/docs/ci/*');
		expect(lines[2]).toBe(`  Content-Security-Policy: ${contentSecurityPolicy(hashes, { header: true })}`);
		expect(text).toContain('  X-Content-Type-Options: nosniff');
		expect(headersFile('/', []).split('\n')[1]).toBe('/*');
	});
});
