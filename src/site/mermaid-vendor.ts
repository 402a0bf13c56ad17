/**
 * The official mermaid, for the docs' diagrams the build-time renderer does not draw (gitGraph,
 * gantt, sequence...; see ../integrations/doc-diagrams.ts), served from the site as the package's
 * own prebuilt ES modules instead of bundled by Vite: bundling it was 3.2 s of every build, cold
 * or not (the example site's client bundle took 3.3 s with it, 0.1 s without). The files are the
 * package's, renamed `.mjs` -> `.js` (static hosts that do not know `.mjs` serve it as bytes, which
 * browsers refuse to run as a module) and without their source map links. Fetched only by a page
 * that has such a diagram, from the site itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MERMAID_ENTRY } from './mermaid-entry';

const CHUNKS = 'chunks/mermaid.esm.min';

let distDir: string | undefined;
let files: string[] | undefined;

/** mermaid's `dist/`, found from this module (bundled into `.astro/` or not) or from the project. */
function dist(): string {
	if (distDir) return distDir;
	for (const base of [import.meta.url, join(process.cwd(), 'package.json')]) {
		try {
			return (distDir = join(dirname(createRequire(base).resolve('mermaid/package.json')), 'dist'));
		} catch {
			// try the next base
		}
	}
	throw new Error('mermaid is not installed: npm install');
}

/** The files the site serves under `vendor/mermaid/`, by their path there (read once: each file's route asks). */
export function mermaidFiles(): string[] {
	if (files) return files;
	const chunks = readdirSync(join(dist(), CHUNKS)).filter((f) => f.endsWith('.mjs')).sort();
	return (files = [MERMAID_ENTRY, ...chunks.map((f) => `${CHUNKS}/${f.replace(/\.mjs$/, '.js')}`)]);
}

/**
 * What the served files depend on besides this code: the package's version. The key of their
 * routes for Astro's incremental builds (see ./page-keys.ts), so a rebuild copies them.
 */
export function mermaidVersion(): string {
	return (JSON.parse(readFileSync(join(dist(), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** One of `mermaidFiles()`, as served: its relative imports renamed like the files, no source map link. */
export function mermaidFile(path: string): string {
	if (!mermaidFiles().includes(path)) throw new Error(`not a file of mermaid's build: ${path}`);
	const text = readFileSync(join(dist(), path.replace(/\.js$/, '.mjs')), 'utf8');
	return text.replace(/(["'])(\.\.?\/[\w./-]*?)\.mjs\1/g, '$1$2.js$1').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
}
