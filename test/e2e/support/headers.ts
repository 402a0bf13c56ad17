import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base } from './paths';

/**
 * The headers the site's `_headers` gives every page under `base` (its Content Security Policy
 * among them), as Netlify or Cloudflare Pages would send them; for `serve`.
 */
export function siteHeaders(site: string): Record<string, string> {
	const lines = readFileSync(join(site, '_headers'), 'utf8').split('\n');
	const start = lines.indexOf(`${base}*`);
	if (start < 0) throw new Error(`${site}/_headers has no rule for ${base}*`);
	// The rule's block: its indented lines, up to the next rule.
	const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
	const block = lines.slice(start + 1, end < 0 ? undefined : end);
	return Object.fromEntries(block.filter((l) => /^\s+\S+:/.test(l)).map((l) => l.trim().split(/:\s(.*)/s).slice(0, 2) as [string, string]));
}
