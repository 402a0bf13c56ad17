import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byCodePoint } from '../ingest/order';
import { headersFile, policyHashesOf, securedPage } from '../security/csp';
import { cspBuild, pageKeyOf, pageKeyOfFile, startCspBuild } from './csp-state';
import { builtHtml, sitePath } from './html-files';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The `.astro` source of Starlight and of our own components and pages: where every inline script the site may run is written. */
async function trustedSource(): Promise<string> {
	// Its exports map hides package.json; its entry sits at the package root.
	const starlight = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
	const texts: string[] = [];
	for (const dir of [starlight, join(projectRoot, 'src')]) {
		for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
			if (entry.isFile() && entry.name.endsWith('.astro')) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
		}
	}
	return texts.join('\n');
}

/** Whether a script's text is written out in the components; pages repeat the same few scripts, so each is looked up once. */
async function trustedScripts(): Promise<(body: string) => boolean> {
	const source = await trustedSource();
	const known = new Map<string, boolean>();
	return (body) => {
		let trusted = known.get(body);
		if (trusted === undefined) known.set(body, (trusted = body.trim().length > 0 && source.includes(body)));
		return trusted;
	};
}

/** A page's policy sits in its first bytes (right after `<meta charset>`). */
const HEAD_BYTES = 8192;

async function headOf(file: string): Promise<string> {
	const handle = await open(file);
	try {
		const buffer = Buffer.alloc(HEAD_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
		return buffer.toString('latin1', 0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** Where the scripts blocked on each page are kept for the next build, whose copied pages are not rendered again. */
const BLOCKED_FILE = 'pipeline-atlas-blocked-scripts.json';

async function readBlocked(file: string): Promise<Record<string, string[]>> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as Record<string, string[]>;
	} catch {
		return {};
	}
}

/**
 * The inline scripts each page of this build blocks (pages that block none left out): what a
 * page rendered now said, else (a page copied from the last build) what it said then.
 */
export function blockedScriptsNow(pages: readonly string[], rendered: ReadonlyMap<string, string[]>, kept: Readonly<Record<string, string[]>>): Record<string, string[]> {
	const now: Record<string, string[]> = {};
	for (const page of [...pages].sort(byCodePoint)) {
		const scripts = rendered.get(page) ?? (Object.hasOwn(kept, page) ? kept[page]! : []);
		if (scripts.length > 0) now[page] = scripts;
	}
	return now;
}

/**
 * Gives every page a Content Security Policy in a `<meta>` element and writes `_headers` with
 * the same policy (plus what only a header can say) for hosts that read one. Pages get theirs
 * as they are rendered (`./csp-middleware.ts`); an HTML file no route rendered (one from
 * `public/`) gets it once the build is done. An inline script that no component wrote is left
 * out of the policy, so the browser blocks it, and reported: it can only have come from the
 * input. It is reported on every build, also when the page was copied from the last one.
 */
export function csp(): AstroIntegration {
	let base = '/';
	let cacheDir = '';
	let publicDir = '';
	return {
		name: 'pipeline-atlas-csp',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware }) => {
				if (command === 'build') addMiddleware({ entrypoint: new URL('./csp-middleware.ts', import.meta.url), order: 'post' });
			},
			'astro:config:done': ({ config }) => {
				base = config.base;
				cacheDir = fileURLToPath(config.cacheDir);
				publicDir = fileURLToPath(config.publicDir);
			},
			'astro:build:start': async () => {
				startCspBuild({ trusted: await trustedScripts(), rendered: new Map(), hashes: new Map() });
			},
			'astro:build:done': async ({ dir, pages, assets, logger }) => {
				const root = fileURLToPath(dir);
				const build = cspBuild() ?? { trusted: await trustedScripts(), rendered: new Map<string, string[]>(), hashes: new Map<string, string[]>() };
				startCspBuild(undefined);
				const all = new Set<string>();
				const blocked = new Map<string, string[]>();
				// The HTML the routes wrote (rendered now or copied from the last build) and what
				// `public/` holds: the site's HTML without walking the whole site (15,000 files at
				// 2,000 jobs: 0.5-1 s, as long again to read the head of every page).
				for (const file of await builtHtml(root, assets, publicDir)) {
					const known = build.hashes.get(pageKeyOfFile(sitePath(root, file)));
					if (known) {
						for (const hash of known) all.add(hash);
						continue;
					}
					// A page copied from the last build says its policy in its head.
					const given = policyHashesOf(await headOf(file));
					if (given) {
						for (const hash of given) all.add(hash);
						continue;
					}
					const bytes = await readFile(file);
					// A head longer than what was read, or a file of `public/`: secured here, once.
					const whole = policyHashesOf(bytes.toString('latin1'));
					if (whole) {
						for (const hash of whole) all.add(hash);
						continue;
					}
					const { hashes, untrusted, pieces } = securedPage(bytes, build.trusted);
					for (const hash of hashes) all.add(hash);
					if (untrusted.length > 0) blocked.set(sitePath(root, file), untrusted);
					await writeFile(file, pieces);
				}
				// Pages rendered now say what they block; a page copied from the last build, what it said then.
				const keptFile = join(cacheDir, BLOCKED_FILE);
				const kept = await readBlocked(keptFile);
				const now = blockedScriptsNow(
					pages.map((p) => pageKeyOf(p.pathname)),
					build.rendered,
					kept,
				);
				for (const [page, scripts] of Object.entries(now)) blocked.set(page === '' ? '/' : page, scripts);
				for (const [page, scripts] of [...blocked].sort(([a], [b]) => byCodePoint(a, b))) {
					for (const body of scripts) logger.warn(`${page}: an inline script no component wrote is blocked by the Content Security Policy: ${JSON.stringify(body.slice(0, 80))}`);
				}
				if (Object.keys(now).length > 0 || existsSync(keptFile)) {
					await mkdir(cacheDir, { recursive: true });
					await writeFile(keptFile, JSON.stringify(now));
				}
				await writeFile(join(root, '_headers'), headersFile(base, [...all].sort()));
				logger.info(`content security policy: ${all.size} inline script hashes, _headers written`);
			},
		},
	};
}
