import type { AstroIntegration } from 'astro';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { linkedAsync } from '../cache/files';
import { recordHtml } from '../search/record-html';
import { withoutLogs } from '../site/log-html';
import type { SearchRecord } from '../search/records';
import { builtHtml, htmlFiles, sitePath } from './html-files';
import { byCodePoint } from '../ingest/order';
import { EXPLANATION_RECORDS_FILE, INDEX_AFTER_ASTRO, KEPT_INPUTS, PAGES_FILE, RECORDS_FILE } from '../config/paths';

/** Requests to Pagefind awaiting their answer at once. */
const IN_FLIGHT = 64;

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
	if (start < 0) return withoutLogs(bytes);
	const htmlAt = bytes.indexOf('<html');
	const htmlTag = htmlAt >= 0 && htmlAt < start ? bytes.toString('utf8', htmlAt, bytes.indexOf('>', htmlAt) + 1) : '<html>';
	const bodyEnd = bytes.lastIndexOf('</body>');
	return `<!doctype html>${htmlTag}<head></head><body>${withoutLogs(bytes, start, bodyEnd > start ? bodyEnd : bytes.length)}</body></html>`;
}

/**
 * Rebuilds the search index Starlight wrote, after it: every page with its kind filter, plus a
 * record of its own for each variable, linking to its anchor, and for the steps of each job and
 * of each run, each step a section linking to its anchor. Pagefind filters are per page, so
 * results inside a page need these records (added through pagefind's Node API, as HTML so the
 * name can be a heading and rank first).
 */
export function searchIndex(): AstroIntegration {
	let publicDir = '';
	return {
		name: 'pipeline-atlas-search-index',
		hooks: {
			'astro:config:done': ({ config }) => {
				publicDir = fileURLToPath(config.publicDir);
			},
			'astro:config:setup': ({ config, logger }) => {
				// Starlight indexes the site with Pagefind after the build, and this rebuilds the index
				// from scratch right after: its pass (a third of the search time, and its memory at the
				// build's peak) is skipped. Its search UI and settings stay as they are.
				const starlight = config.integrations.find((i) => i.name === '@astrojs/starlight');
				if (starlight?.hooks['astro:build:done']) delete starlight.hooks['astro:build:done'];
				else logger.warn("Starlight's search indexing was not found to skip: the search index is built twice");
			},
			'astro:build:done': async ({ dir, assets, logger }) => {
				const root = fileURLToPath(dir);
				const pages = (await builtHtml(root, assets, publicDir)).map((file) => sitePath(root, file));
				// `pipeline-atlas build` indexes once Astro has exited, so the two never hold their
				// memory at the same time (at 2,000 jobs: 3 GiB for Astro, 2.7 GiB for Pagefind); on a
				// rebuild, it begins the index beside Astro from the last site, and lets Pagefind go
				// once the index's files are in memory, before its peak (./search-head-start.ts).
				if (process.env[INDEX_AFTER_ASTRO] === '1') await writeFile(join(root, PAGES_FILE), JSON.stringify(pages));
				else logger.info(await writeSearchIndex(root, { pages }));
			},
		},
	};
}

/** A folder or file name a glob can hold as it is. */
const PLAIN = /^[\w.-]+$/;

/**
 * Which of the built pages (paths under the site's root, `/`-separated, `pipelines/` and the
 * rest) Pagefind reads from the site itself, as one glob, and which are sent to it one by one.
 * Read itself, Pagefind parses pages on every core; sent, it parses them one at a time (at
 * 2,000 jobs, 2.9 s of wall time instead of 7.1, and 6 s of CPU instead of 9). The run pages are
 * sent, cut by `pageForIndex`: their logs are two thirds of the site's HTML, and Pagefind would
 * parse them only to ignore them. So are pages in a folder whose name a glob would read as a
 * pattern. The glob names folders, not pages: one alternative per page made Pagefind match
 * 2,000 alternatives against every file of the site, a second of CPU.
 */
export function pagesToRead(pages: readonly string[]): { glob: string | undefined; read: string[]; sent: string[] } {
	const read: string[] = [];
	const sent: string[] = [];
	const top = new Set<string>();
	const underPipeline = new Set<string>();
	let atRoot = false;
	let atPipelines = false;
	let inPipeline = false;
	for (const page of pages) {
		const parts = page.split('/');
		const [first = '', , third = ''] = parts;
		const depth = parts.length;
		let reads = true;
		if (depth === 1) atRoot = true;
		else if (first !== 'pipelines') {
			reads = PLAIN.test(first);
			if (reads) top.add(first);
		} else if (depth === 2) atPipelines = true;
		else if (depth === 3) inPipeline = true;
		else {
			reads = third !== 'runs' && PLAIN.test(third);
			if (reads) underPipeline.add(third);
		}
		(reads ? read : sent).push(page);
	}
	const alternatives = [
		...(atRoot ? ['*.html'] : []),
		...(top.size > 0 ? [`{${[...top].join(',')}}/**/*.html`] : []),
		...(atPipelines ? ['pipelines/*.html'] : []),
		...(inPipeline ? ['pipelines/*/*.html'] : []),
		...(underPipeline.size > 0 ? [`pipelines/*/{${[...underPipeline].join(',')}}/**/*.html`] : []),
	];
	return { glob: alternatives.length > 0 ? `{${alternatives.join(',')}}` : undefined, read, sent };
}

/** What writeSearchIndex is told beyond the site's folder. */
export interface IndexOptions {
	/** The built pages, paths under the site's root (else those PAGES_FILE names, else every HTML file found). */
	pages?: readonly string[] | undefined;
	/** The last build's index folder: the new index's files it holds byte for byte are linked (see placeIndexFiles). */
	previous?: string | undefined;
	/** A folder to keep the pages' list and the records in, for the next build's head start (see ./search-head-start.ts). */
	keepInputs?: string | undefined;
}

/**
 * The search index of the built site in `root`: the pages Pagefind reads itself, the pages sent
 * to it, then the step, variable, run and explanation records. Returns what to log.
 */
export async function writeSearchIndex(root: string, { pages, previous, keepInputs }: IndexOptions = {}): Promise<string> {
	const started = performance.now();
	const inputs = await readIndexInputs(root, pages);
	try {
		const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
		if (!index) throw new Error(errors.join('; '));
		const added = await addPagesAndRecords(index, root, inputs.pages, inputs.records);
		const recordsAdded = performance.now();
		const explanations = await addExplanations(index, root);
		const written = await writeIndexFiles(index, root, previous);
		await settleInputs(root, keepInputs ? { dir: keepInputs, pages: inputs.pages } : undefined);
		const ms = (from: number, to = performance.now()) => `${Math.round(to - from)}ms`;
		return `search index: ${inputs.pages.length} pages and ${inputs.records.length + explanations} step, variable, run and explanation records in ${ms(started)} (pages read ${ms(started, added.pagesRead)}, pages sent and records ${ms(added.pagesRead, recordsAdded)}, writing ${ms(recordsAdded)}${written})`;
	} finally {
		await pagefind.close();
	}
}

/** The built pages in the order they are indexed, and the model's records (RECORDS_FILE), of the site in `root`. */
async function readIndexInputs(root: string, pages?: readonly string[]): Promise<{ pages: string[]; records: SearchRecord[] }> {
	const [records, built] = await Promise.all([readFile(join(root, RECORDS_FILE), 'utf8'), builtPages(root, pages)]);
	return { pages: built, records: JSON.parse(records) as SearchRecord[] };
}

/** The pages to index, in order: `pages`, else those PAGES_FILE names, else every HTML file under `root`. */
export async function builtPages(root: string, pages?: readonly string[]): Promise<string[]> {
	const listed = pages ?? (await readFile(join(root, PAGES_FILE), 'utf8').then((text) => JSON.parse(text) as string[], () => undefined));
	// In one order whichever way they were found: the order pages are sent in is the index's bytes.
	const found = listed ?? (await htmlFiles(root, ['pagefind'])).map((file) => sitePath(root, file));
	return [...found].sort(byCodePoint);
}

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/**
 * Gives Pagefind the pages of the site in `root` (`built`, in order) and then the model's
 * `records`: everything of the index but the explanations' records, which come last (see
 * addExplanations). `onSent` sees each page Pagefind does not read itself, and what is sent of it.
 * Returns when the pages had been read.
 */
export async function addPagesAndRecords(index: Index, root: string, built: readonly string[], records: readonly SearchRecord[], onSent?: (page: string, content: string, bytes: Buffer) => void): Promise<{ pagesRead: number }> {
	const { glob, read, sent } = pagesToRead(built);
	// Cut while Pagefind reads the others, this thread being idle meanwhile; one page at a
	// time (a run page is up to a few MB, its cut a few KB).
	const cutting = (async () => {
		const cut: string[] = [];
		for (const page of sent) {
			const bytes = await readFile(join(root, page));
			cut.push(pageForIndex(bytes));
			onSent?.(page, cut.at(-1)!, bytes);
		}
		return cut;
	})();
	// Awaited below; a failure meanwhile is not an unhandled rejection.
	cutting.catch(() => undefined);
	if (glob) {
		const added = await index.addDirectory({ path: root, glob });
		if (added.errors.length > 0) throw new Error(added.errors.join('; '));
		// The glob is ours to get right: a page it missed would be missing from search.
		if (added.page_count !== read.length) throw new Error(`Pagefind read ${added.page_count} pages where ${read.length} were expected (glob ${glob})`);
	}
	const contents = await cutting;
	const pagesRead = performance.now();
	const sending = new Sending();
	for (const [i, sourcePath] of sent.entries()) await sending.send(() => index.addHTMLFile({ sourcePath, content: contents[i]! }));
	await sending.done();
	await addRecords(index, records);
	return { pagesRead };
}

/** Gives Pagefind `records`, in order, each as HTML (see recordHtml). */
export async function addRecords(index: Index, records: readonly SearchRecord[]): Promise<void> {
	const sending = new Sending();
	for (const record of records) await sending.send(() => index.addHTMLFile({ url: record.url, content: recordHtml(record) }));
	await sending.done();
}

/**
 * Many requests in flight: Pagefind answers each over a pipe, and waiting for every answer
 * before sending the next left both sides idle most of the time (25,000 records at 2,000
 * jobs). Requests still go out in the order given.
 */
class Sending {
	#inFlight = new Set<Promise<void>>();
	#failure: Error | undefined;

	async send(request: () => Promise<{ errors: string[] }>): Promise<void> {
		while (this.#inFlight.size >= IN_FLIGHT) await Promise.race(this.#inFlight);
		if (this.#failure) throw this.#failure;
		const sending: Promise<void> = request()
			.then((added) => {
				if (added.errors.length > 0) throw new Error(added.errors.join('; '));
			})
			.catch((error: unknown) => {
				this.#failure ??= error instanceof Error ? error : new Error(String(error));
			})
			.finally(() => this.#inFlight.delete(sending));
		this.#inFlight.add(sending);
	}

	async done(): Promise<void> {
		await Promise.all(this.#inFlight);
		if (this.#failure) throw this.#failure;
	}
}

/**
 * Gives Pagefind the explanations' records of the site in `root` (EXPLANATION_RECORDS_FILE,
 * last: editing an explanation changes these and nothing else Pagefind is given). A site built
 * without them (none written) has none. Returns how many.
 */
export async function addExplanations(index: Index, root: string): Promise<number> {
	const records = await readFile(join(root, EXPLANATION_RECORDS_FILE), 'utf8').then(
		(text) => JSON.parse(text) as SearchRecord[],
		(error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)),
	);
	await addRecords(index, records);
	return records.length;
}

/**
 * The index's files into `root`'s `pagefind` folder: linked from `previous` (the last build's
 * index folder) where it holds them byte for byte, else written. Returns what to log of it.
 */
export async function writeIndexFiles(index: Index, root: string, previous?: string): Promise<string> {
	if (!previous) {
		const outputPath = join(root, 'pagefind');
		await rm(outputPath, { recursive: true, force: true });
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(written.errors.join('; '));
		return '';
	}
	// The files in memory, to link those the last index has byte for byte; the last index is
	// read meanwhile, while Pagefind builds the new one and this thread waits.
	const last = indexFilesOf(previous);
	const got = await index.getFiles();
	if (got.errors.length > 0) throw new Error(got.errors.join('; '));
	return placeIndex(got.files, root, previous, await last);
}

/**
 * Index files in memory into `root`'s `pagefind` folder, linked from `previous` where it holds
 * them (its files: `last`, see placeIndexFiles), else written. Returns what to log of it.
 */
export async function placeIndex(files: readonly { path: string; content: Uint8Array }[], root: string, previous: string | undefined, last: ReadonlyMap<string, Buffer>): Promise<string> {
	const outputPath = join(root, 'pagefind');
	await rm(outputPath, { recursive: true, force: true });
	const linked = await placeIndexFiles(files, outputPath, previous, last);
	return previous ? `, ${linked} of ${files.length} files linked from the last build's` : '';
}

/**
 * The index's inputs removed from the site, once it is written (a worker that runs out of its
 * heap dies before this, and the thread that takes over reads them again, see
 * ../cli/search-worker.ts); the pages' list (`keep.pages`, as indexed) and the model's records
 * kept in `keep.dir` first.
 */
export async function settleInputs(root: string, keep?: { dir: string; pages: readonly string[] }): Promise<void> {
	if (keep) await keepIndexInputs(root, keep.dir, keep.pages);
	await Promise.all([rm(join(root, RECORDS_FILE)), rm(join(root, EXPLANATION_RECORDS_FILE), { force: true }), rm(join(root, PAGES_FILE), { force: true })]);
}

/**
 * The site's pages (sorted, as indexed) and model records kept for the next build's head start.
 * The folder is emptied first: a keeping that fails halfway leaves nothing to start from.
 */
async function keepIndexInputs(root: string, dir: string, pages: readonly string[]): Promise<void> {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, KEPT_INPUTS.pages), JSON.stringify(pages));
	await copyFile(join(root, RECORDS_FILE), join(dir, KEPT_INPUTS.records));
}

/** Index files placed at once: enough to keep libuv's threads busy. */
const PLACE_BATCH = 32;

/** A path as a `/`-separated name, whichever way it was given. */
const nameOf = (path: string) => path.split(sep).join('/');

/** The files under `dir` by name, with their bytes; one that cannot be read is left out (and written afresh). */
export async function indexFilesOf(dir: string): Promise<Map<string, Buffer>> {
	const paths = await readdir(dir, { recursive: true, withFileTypes: true }).then(
		(entries) => entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))),
		() => [],
	);
	const files = new Map<string, Buffer>();
	for (let at = 0; at < paths.length; at += PLACE_BATCH) {
		await Promise.all(
			paths.slice(at, at + PLACE_BATCH).map(async (path) => {
				const bytes = await readFile(join(dir, path)).catch(() => undefined);
				if (bytes) files.set(nameOf(path), bytes);
			}),
		);
	}
	return files;
}

/**
 * Pagefind's files (as `getFiles` gives them) under `outputPath`; each one the last index
 * (`previous`, its files as indexFilesOf reads them: `last`) holds at the same path with the same
 * bytes is hard-linked from there instead of written. A rebuild changes few of them (an unchanged
 * page keeps its fragment, named by a hash of its content), and creating a file is slow on the
 * machines measured (0.3–1 ms, see ../cache/files.ts): Pagefind writing its 6,951 files at size M
 * took 2.3–5.2 s of a rebuild, and the old site's copies were then removed. A link the file
 * system refuses (another device) is a write; with no last index, every file is. Returns how
 * many were linked.
 */
export async function placeIndexFiles(files: readonly { path: string; content: Uint8Array }[], outputPath: string, previous: string | undefined, last?: ReadonlyMap<string, Buffer>): Promise<number> {
	const known = last ?? (previous ? await indexFilesOf(previous) : new Map<string, Buffer>());
	for (const dir of new Set(files.map((file) => dirname(join(outputPath, file.path))))) await mkdir(dir, { recursive: true });
	let linked = 0;
	const place = async ({ path, content }: { path: string; content: Uint8Array }) => {
		const target = join(outputPath, path);
		const old = known.get(nameOf(path));
		if (previous && old && Buffer.from(content.buffer, content.byteOffset, content.byteLength).equals(old) && (await linkedAsync(join(previous, path), target))) {
			linked++;
			return;
		}
		// `wx`: never through a file already there (the folder was emptied first), which could be a
		// link into the live site.
		await writeFile(target, content, { flag: 'wx' });
	};
	for (let at = 0; at < files.length; at += PLACE_BATCH) await Promise.all(files.slice(at, at + PLACE_BATCH).map(place));
	return linked;
}
