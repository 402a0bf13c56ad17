import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base } from './paths';

/**
 * The headers the site's `_headers` gives every page under `base` (its Content Security Policy
 * among them), as Netlify or Cloudflare Pages would send them; for `serve`.
 */
export function siteHeaders(site: string): Record<string, string> {
	const lines = readFileSync(join(site, '_headers'), 'utf8').split('\n');
	if (!lines.includes(`${base}*`)) throw new Error(`${site}/_headers has no rule for ${base}*`);
	return Object.fromEntries(lines.filter((l) => /^\s+\S+:/.test(l)).map((l) => l.trim().split(/:\s(.*)/s).slice(0, 2) as [string, string]));
}
