import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byCodePoint } from '../ingest/order';
import { docDisplayPath, docsBuild, docSource, NOT_RENDERED_PAGE, startDocsBuild } from './docs-state';

export interface BrokenLink {
	/** The docs page's source, as the team knows it (`content/docs/releasing.md`). */
	file: string;
	line: number;
	href: string;
	why: string;
}

/** The links of a page's Markdown body (Starlight wraps it in `.sl-markdown-content`). */
export function contentLinks(html: string): string[] {
	const start = html.indexOf('class="sl-markdown-content"');
	if (start < 0) return [];
	const end = html.indexOf('<footer', start);
	const body = html.slice(start, end < 0 ? undefined : end);
	return [...body.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Why an internal link does not resolve in the built site, or undefined when it does. */
export function brokenBecause(href: string, pageUrl: string, base: string, siteDir: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
	const resolved = new URL(href, `http://site${pageUrl}`);
	let path = decodeURIComponent(resolved.pathname);
	if (!path.startsWith(base)) return `it leaves the site's base ${base}`;
	path = path.slice(base.length);
	const candidates = path === '' || path.endsWith('/') ? [join(siteDir, path, 'index.html')] : [join(siteDir, path), join(siteDir, path, 'index.html')];
	const target = candidates.find((c) => existsSync(c) && statSync(c).isFile());
	if (!target) return `no page ${base}${path}`;
	const anchor = decodeURIComponent(resolved.hash.slice(1));
	if (anchor && target.endsWith('.html')) {
		const html = readFileSync(target, 'utf8');
		// A doc that failed to render has no headings yet; its failure is reported.
		if (html !== NOT_RENDERED_PAGE && !html.includes(`id="${anchor}"`)) return `no heading or anchor #${anchor} on ${base}${path}`;
	}
	return undefined;
}

/** 1-based line of the first place the source mentions the link (as written, or without the base). */
export function lineOf(source: string, href: string, base: string): number {
	const written = [href, href.startsWith(base) ? `/${href.slice(base.length)}` : href].map((h) => h.split('#')[0]!).filter((h) => h !== '' && h !== '/');
	const lines = source.split('\n');
	const at = lines.findIndex((line) => written.some((h) => line.includes(`(${h}`) || line.includes(`"${h}`) || line.includes(`<${h}`)));
	return at < 0 ? 1 : at + 1;
}

async function htmlUnder(dir: string): Promise<string[]> {
	if (!existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && entry.name === 'index.html') out.push(join(entry.parentPath, entry.name));
	}
	return out.sort();
}

/**
 * Fails the build when an onboarding doc links to a page or heading the site does not have,
 * naming the Markdown file, line and link: docs are written by hand and pages move. So does a
 * doc that failed to render (see ./docs-middleware.ts), reported with the links once every
 * page is built: all of the docs' problems at once.
 */
export function docsLinks({ contentDir }: { contentDir: string }): AstroIntegration {
	let base = '/';
	return {
		name: 'pipeline-atlas-docs-links',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware }) => {
				if (command === 'build') addMiddleware({ entrypoint: new URL('./docs-middleware.ts', import.meta.url), order: 'pre' });
			},
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:start': () => startDocsBuild(contentDir),
			'astro:build:done': async ({ dir, logger }) => {
				const siteDir = fileURLToPath(dir);
				const broken: BrokenLink[] = [];
				for (const page of await htmlUnder(join(siteDir, 'docs'))) {
					const slug = relative(siteDir, page).split(sep).slice(0, -1).join('/');
					const source = docSource(contentDir, slug);
					if (!source) continue;
					const text = readFileSync(source, 'utf8');
					for (const href of contentLinks(readFileSync(page, 'utf8'))) {
						const why = brokenBecause(href, `${base}${slug}/`, base, siteDir);
						if (why) broken.push({ file: docDisplayPath(contentDir, source), line: lineOf(text, href, base), href, why });
					}
				}
				// In the order of their files: pages render several at a time.
				const failed = [...(docsBuild()?.failures ?? [])].sort((a, b) => byCodePoint(a.at, b.at));
				if (broken.length === 0 && failed.length === 0) return logger.info('docs links: all internal links resolve');
				const lines = [...failed.map((f) => `${f.at}: ${f.message}`), ...broken.map((b) => `${b.file}:${b.line}: broken link ${b.href}: ${b.why}`)];
				const counts = [failed.length > 0 ? `${failed.length} doc${failed.length === 1 ? '' : 's'} not rendered` : '', broken.length > 0 ? `${broken.length} broken link${broken.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
				const todo = [failed.length > 0 ? 'Fix each doc at the place named.' : '', broken.length > 0 ? 'Fix the link, or the page it points to.' : ''].filter(Boolean).join(' ');
				throw new Error(`${counts} in content/docs:\n${lines.join('\n')}\n${todo}`);
			},
		},
	};
}
