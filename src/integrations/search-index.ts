import type { AstroIntegration } from 'astro';
import { readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { recordHtml } from '../search/record-html';
import { withoutLogs } from '../site/log-html';
import type { SearchRecord } from '../search/records';
import { htmlFiles } from './html-files';
import { INDEX_AFTER_ASTRO, RECORDS_FILE } from '../config/paths';

/** Requests to Pagefind awaiting their answer at once. */
const IN_FLIGHT = 64;

/** Pages that say nothing about their kind are onboarding docs. */
export function withDefaultKind(html: string): string {
	if (html.includes('data-pagefind-filter="kind:')) return html;
	return html.replace(/(<[^>]*\sdata-pagefind-body[^>]*>)/, '$1<span hidden data-pagefind-filter="kind:doc"></span>');
}

const BODY_MARK = 'data-pagefind-body';

/**
 * What Pagefind is given of a built page: its `<html>` tag and the element marked
 * `data-pagefind-body` to the end of the body, without the logs (see withoutLogs). Pagefind
 * indexes nothing outside that element once pages mark one, and the head and sidebar before it
 * are half of a page: reading and sending them cost ~1.5 s at 2,000 jobs, for the same index
 * byte for byte. Only the part sent is decoded. A page that marks nothing is sent whole.
 */
export function pageForIndex(bytes: Buffer): string {
	const at = bytes.indexOf(BODY_MARK);
	const start = at < 0 ? -1 : bytes.lastIndexOf('<', at);
	if (start < 0) return withDefaultKind(withoutLogs(bytes.toString('utf8')));
	const htmlAt = bytes.indexOf('<html');
	const htmlTag = htmlAt >= 0 && htmlAt < start ? bytes.toString('utf8', htmlAt, bytes.indexOf('>', htmlAt) + 1) : '<html>';
	const bodyEnd = bytes.lastIndexOf('</body>');
	const body = bytes.toString('utf8', start, bodyEnd > start ? bodyEnd : bytes.length);
	return `<!doctype html>${htmlTag}<head></head><body>${withDefaultKind(withoutLogs(body))}</body></html>`;
}

/**
 * Rebuilds the search index Starlight wrote, after it: every page with its kind filter, plus a
 * record of its own for each variable, linking to its anchor, and for the steps of each job and
 * of each run, each step a section linking to its anchor. Pagefind filters are per page, so
 * results inside a page need these records (added through pagefind's Node API, as HTML so the
 * name can be a heading and rank first).
 */
export function searchIndex(): AstroIntegration {
	return {
		name: 'pipeline-atlas-search-index',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				// Starlight indexes the site with Pagefind after the build, and this rebuilds the index
				// from scratch right after: its pass (a third of the search time, and its memory at the
				// build's peak) is skipped. Its search UI and settings stay as they are.
				const starlight = config.integrations.find((i) => i.name === '@astrojs/starlight');
				if (starlight?.hooks['astro:build:done']) delete starlight.hooks['astro:build:done'];
				else logger.warn("Starlight's search indexing was not found to skip: the search index is built twice");
			},
			'astro:build:done': async ({ dir, logger }) => {
				// `pipeline-atlas build` indexes once Astro has exited, so the two never hold their
				// memory at the same time (at 2,000 jobs: 3 GiB for Astro, 2.7 GiB for Pagefind).
				if (process.env[INDEX_AFTER_ASTRO] === '1') return;
				logger.info(await writeSearchIndex(fileURLToPath(dir)));
			},
		},
	};
}

/**
 * The search index of the built site in `root`: every page, then the step, variable and run
 * records. Returns what to log.
 */
export async function writeSearchIndex(root: string): Promise<string> {
	const started = performance.now();
	const recordsPath = join(root, RECORDS_FILE);
	const records = JSON.parse(await readFile(recordsPath, 'utf8')) as SearchRecord[];
	const outputPath = join(root, 'pagefind');
	await rm(outputPath, { recursive: true, force: true });
	try {
		const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
		if (!index) throw new Error(errors.join('; '));
		// Many requests in flight: Pagefind answers each over a pipe, and waiting for every answer
		// before sending the next left both sides idle most of the time (25,000 records at 2,000
		// jobs). Requests still go out in this order.
		const inFlight = new Set<Promise<void>>();
		let failure: Error | undefined;
		const send = async (request: () => Promise<{ errors: string[] }>) => {
			while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
			if (failure) throw failure;
			const sent: Promise<void> = request()
				.then((added) => {
					if (added.errors.length > 0) throw new Error(added.errors.join('; '));
				})
				.catch((error: unknown) => {
					failure ??= error instanceof Error ? error : new Error(String(error));
				})
				.finally(() => inFlight.delete(sent));
			inFlight.add(sent);
		};
		for (const file of await htmlFiles(root, ['pagefind'])) {
			const sourcePath = relative(root, file).split(sep).join('/');
			const content = pageForIndex(await readFile(file));
			await send(() => index.addHTMLFile({ sourcePath, content }));
		}
		const pagesSent = performance.now();
		for (const record of records) await send(() => index.addHTMLFile({ url: record.url, content: recordHtml(record) }));
		await Promise.all(inFlight);
		if (failure) throw failure;
		const recordsAdded = performance.now();
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(written.errors.join('; '));
		// Only now: a worker that runs out of its heap dies before this, and the thread that takes
		// over reads the records again (see ../cli/search-worker.ts).
		await rm(recordsPath);
		const ms = (from: number, to = performance.now()) => `${Math.round(to - from)}ms`;
		return `search index: pages and ${records.length} step, variable and run records in ${ms(started)} (pages ${ms(started, pagesSent)}, records ${ms(pagesSent, recordsAdded)}, writing ${ms(recordsAdded)})`;
	} finally {
		await pagefind.close();
	}
}
