/**
 * What a build wrote: size, file counts, pages, images, and how much a reader sees per page.
 * The text per page sizes the baselines (same amount of text, no Pipeline Atlas logic) and the
 * sidebar link count shows whether the baseline's sidebar matches ours in shape.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface SiteStats {
	files: number;
	bytes: number;
	/** `index.html` files: one per page (404.html is not counted). */
	pages: number;
	htmlBytes: number;
	/** Run images (src/pages/pipelines/[pipeline]/runs/[run]/images/): stages and the job view. */
	runImages: { png: number; svg: number; zip: number; jobPng: number; pngBytes: number };
	diagramFiles: number;
	pagefindFiles: number;
	/** Visible text inside `<main>`, averaged over pages (characters, whitespace collapsed). */
	avgMainTextChars: number;
	/** Visible text of the whole `<body>` (sidebar, header, table of contents included). */
	avgBodyTextChars: number;
	/** Links in Starlight's sidebar (`<nav aria-label="Main">`), averaged over pages. */
	avgSidebarLinks: number;
	maxSidebarLinks: number;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) walk(path, out);
		else if (entry.isFile()) out.push(path);
	}
	return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text a reader sees: no scripts, styles or templates; tags dropped; entities decoded; whitespace collapsed. */
export function visibleText(html: string): string {
	return html
		.replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
			if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
			return ENTITIES[name.toLowerCase()] ?? all;
		})
		.replace(/\s+/g, ' ')
		.trim();
}

function between(html: string, open: RegExp, close: string): string | undefined {
	const m = open.exec(html);
	if (!m) return undefined;
	const end = html.indexOf(close, m.index + m[0].length);
	return end < 0 ? undefined : html.slice(m.index + m[0].length, end);
}

export function siteStats(dir: string): SiteStats {
	const files = walk(dir);
	const stats: SiteStats = {
		files: files.length,
		bytes: 0,
		pages: 0,
		htmlBytes: 0,
		runImages: { png: 0, svg: 0, zip: 0, jobPng: 0, pngBytes: 0 },
		diagramFiles: 0,
		pagefindFiles: 0,
		avgMainTextChars: 0,
		avgBodyTextChars: 0,
		avgSidebarLinks: 0,
		maxSidebarLinks: 0,
	};
	let mainText = 0;
	let bodyText = 0;
	let sidebarLinks = 0;
	for (const file of files) {
		const size = statSync(file).size;
		stats.bytes += size;
		const rel = relative(dir, file).split(sep).join('/');
		if (rel.startsWith('pagefind/')) stats.pagefindFiles++;
		if (/\/diagrams\/[^/]+\.(png|svg|mmd)$/.test(rel)) stats.diagramFiles++;
		const image = /\/runs\/[^/]+\/images\/([^/]+)\.(png|svg|zip)$/.exec(rel);
		if (image) {
			stats.runImages[image[2] as 'png' | 'svg' | 'zip']++;
			if (image[2] === 'png') {
				stats.runImages.pngBytes += size;
				if (/-00-job-/.test(image[1]!)) stats.runImages.jobPng++;
			}
		}
		if (!rel.endsWith('index.html')) continue;
		stats.pages++;
		stats.htmlBytes += size;
		const html = readFileSync(file, 'utf8');
		mainText += visibleText(between(html, /<main\b[^>]*>/, '</main>') ?? '').length;
		bodyText += visibleText(between(html, /<body\b[^>]*>/, '</body>') ?? html).length;
		const sidebar = between(html, /<nav\b[^>]*aria-label="Main"[^>]*>/, '</nav>');
		const links = sidebar ? (sidebar.match(/<a\s/g) ?? []).length : 0;
		sidebarLinks += links;
		stats.maxSidebarLinks = Math.max(stats.maxSidebarLinks, links);
	}
	if (stats.pages > 0) {
		stats.avgMainTextChars = Math.round(mainText / stats.pages);
		stats.avgBodyTextChars = Math.round(bodyText / stats.pages);
		stats.avgSidebarLinks = Math.round((sidebarLinks / stats.pages) * 10) / 10;
	}
	return stats;
}
