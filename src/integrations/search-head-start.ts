import { createHash, hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as pagefind from 'pagefind';
import { EXPLANATION_RECORDS_FILE, KEPT_INPUTS, RECORDS_FILE } from '../config/paths';
import { keptRanges, sameForIndex } from '../search/ignored-html';
import type { SearchRecord } from '../search/records';
import { addExplanations, addPagesAndRecords, addRecords, builtPages, indexFilesOf, pageForIndex, pagesToRead, placeIndex, settleInputs, writeIndexFiles, writeSearchIndex } from './search-index';

/**
 * A rebuild's search index, begun from the last site while Astro builds the new one.
 *
 * Pagefind has no incremental mode, and what it writes (and how it ranks) depends on the order
 * it is given documents, so a rebuild gives it everything again, in the same order: the pages it
 * reads itself, the pages sent to it, the model's records, the explanations' records (see
 * writeSearchIndex). On one core after Astro, that took ~6 s of a ~21 s rebuild at size M, the
 * other core idle meanwhile. Editing an explanation, the commonest rebuild, changes only the last
 * of those for Pagefind: the job pages showing it change inside their steps list, which Pagefind
 * ignores.
 *
 * So the index is begun as the build starts, from the last site's pages and the records its
 * build kept (KEPT_INPUTS), on the core Astro leaves idle; once Astro has listed its routes it
 * writes the new explanations' records early (EARLY_EXPLANATIONS, see
 * ../site/step-explanations.ts), and Pagefind is given them and builds the index while the pages
 * render. Once Astro is done, the new site is compared with what Pagefind was given: the same
 * pages in the same order, each the same for Pagefind (the same bytes, or the same but inside
 * ignored elements: ../search/ignored-html.ts), listed by the file system in the same order
 * (Pagefind reads a folder in the order it is listed), the same records, the same explanations.
 * Then the index is the one a build from scratch writes, byte for byte, and only its files are
 * left to place. Anything else, and the index is built from scratch: nothing is taken on trust.
 *
 * Pagefind is let go as soon as the index's files are in memory: the index is the larger part of
 * its memory (~540 MB at size M while it writes, ~140 MB before), and Astro's is beside it.
 */
export interface HeadStart {
	/** The index of the site built in `root`. Returns what to log. */
	finish(root: string): Promise<string>;
	/** Nothing to index after all (the build failed): Pagefind let go. */
	abandon(): Promise<void>;
}

export interface HeadStartOptions {
	/** The last site's index folder, to link unchanged files from (see placeIndexFiles). */
	previous?: string | undefined;
	/** Where Astro writes the explanations' records early, if it does. */
	early?: string | undefined;
}

/** What Pagefind was given from the last site. */
interface Begun {
	pages: string[];
	recordsBytes: Buffer;
	records: number;
	/** The digests of each page Pagefind read itself, whole and as indexedPart gives it (undefined: not readable so). */
	read: Map<string, { whole: string; part: string | undefined }>;
	/** Each other page's digest, whole, and what was sent of it. */
	sent: Map<string, { whole: string; content: string }>;
	/** The pages Pagefind reads, in the order the file system lists them (see walkOrder). */
	order: string[];
	index: Index;
	/** When it was done, ms. */
	at: number;
}

/** The index finished with the early explanations, its files in memory. */
interface Ahead {
	explanations: Buffer;
	count: number;
	files: { path: string; content: Uint8Array }[];
	/** The last index's files, to link from. */
	last: Map<string, Buffer>;
	at: number;
}

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/** Pages read at once while Pagefind reads the same. */
const READ_BATCH = 32;
/** How often to look for the early explanations, ms. */
const POLL_MS = 50;

/**
 * Begins the index of the next site from `lastSite` (the site as published) and `inputsDir`
 * (where its build kept the pages' list and records). Kept inputs missing or unreadable are no
 * error: the index is then built from scratch when the site is done.
 */
export function startHeadStart(lastSite: string, inputsDir: string, { previous, early }: HeadStartOptions = {}): HeadStart {
	const started = performance.now();
	let told = false;
	let begun = begin(lastSite, inputsDir).catch((error: unknown) => `could not begin: ${reasonOf(error)}`);
	// Undefined: no early explanations came, and the index waits for them; a string: the index
	// was given something and failed, and is of no use.
	let ahead: Promise<Ahead | string | undefined> = begun.then(async (head) => {
		if (typeof head === 'string' || !early) return undefined;
		while (!existsSync(early)) {
			if (told) return undefined;
			await sleep(POLL_MS);
		}
		try {
			const explanations = await readFile(early);
			await rm(early, { force: true });
			const records = JSON.parse(explanations.toString('utf8')) as SearchRecord[];
			await addRecords(head.index, records);
			const last = previous ? indexFilesOf(previous) : Promise.resolve(new Map<string, Buffer>());
			const got = await head.index.getFiles();
			if (got.errors.length > 0) throw new Error(got.errors.join('; '));
			await pagefind.close();
			return { explanations, count: records.length, files: got.files, last: await last, at: performance.now() } satisfies Ahead;
		} catch (error) {
			return `could not finish early: ${reasonOf(error)}`;
		}
	});
	const release = () => {
		begun = Promise.resolve('let go');
		ahead = Promise.resolve(undefined);
	};
	return {
		async finish(root) {
			told = true;
			const done = performance.now();
			let head: Begun | string | undefined = await begun;
			let index: Ahead | string | undefined = await ahead;
			const differs = typeof head === 'string' ? head : typeof index === 'string' ? index : await compare(root, head, index).catch((error: unknown) => `could not compare: ${reasonOf(error)}`);
			if (typeof head === 'string' || typeof index === 'string' || differs) {
				// What was begun let go first: the index from scratch needs the memory.
				head = index = undefined;
				release();
				await pagefind.close();
				return `${await writeSearchIndex(root, { previous, keepInputs: inputsDir })}; no head start: ${differs}`;
			}
			try {
				const compared = performance.now();
				let explanations: number;
				let written: string;
				if (index) {
					explanations = index.count;
					written = await placeIndex(index.files, root, previous, index.last);
				} else {
					explanations = await addExplanations(head.index, root);
					written = await writeIndexFiles(head.index, root, previous);
				}
				// The kept inputs are the new site's already.
				await settleInputs(root);
				const ms = (from: number, to = performance.now()) => `${Math.round(to - from)}ms`;
				const before = index ? `begun ${ms(started, head.at)} and written ${ms(started, index.at)} into the build` : `begun ${ms(started, head.at)} into the build`;
				return `search index: ${head.pages.length} pages and ${head.records + explanations} step, variable, run and explanation records in ${ms(done)} after the site (${before}; compared ${ms(done, compared)}, ${index ? 'placing' : 'explanations and writing'} ${ms(compared)}${written})`;
			} finally {
				await pagefind.close();
			}
		},
		async abandon() {
			told = true;
			await ahead;
			await pagefind.close();
		},
	};
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function begin(lastSite: string, inputsDir: string): Promise<Begun> {
	const [pagesText, recordsBytes] = await Promise.all([readFile(join(inputsDir, KEPT_INPUTS.pages), 'utf8'), readFile(join(inputsDir, KEPT_INPUTS.records))]);
	const pages = JSON.parse(pagesText) as string[];
	const records = JSON.parse(recordsBytes.toString('utf8')) as SearchRecord[];
	const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
	if (!index) throw new Error(errors.join('; '));
	const { read } = pagesToRead(pages);
	// Taken while Pagefind reads the same pages, this thread being idle meanwhile.
	const digests = digestPages(lastSite, read);
	digests.catch(() => undefined);
	const sent: Begun['sent'] = new Map();
	await addPagesAndRecords(index, lastSite, pages, records, (page, content, bytes) => sent.set(page, { whole: digest(bytes), content }));
	return { pages, recordsBytes, records: records.length, read: await digests, sent, order: walkOrder(lastSite, read), index, at: performance.now() };
}

const digest = (bytes: Buffer) => hash('sha256', bytes, 'base64');

/** The digest of what Pagefind makes of a page's bytes: of their indexedPart, taken piece by piece. */
function partDigest(bytes: Buffer): string | undefined {
	const kept = keptRanges(bytes.toString('latin1'));
	if (!kept) return undefined;
	const part = createHash('sha256');
	for (let i = 0; i < kept.length; i += 2) part.update(bytes.subarray(kept[i], kept[i + 1]));
	return part.digest('base64');
}

async function digestPages(root: string, pages: readonly string[]): Promise<Begun['read']> {
	const digests: Begun['read'] = new Map();
	for (let at = 0; at < pages.length; at += READ_BATCH) {
		await Promise.all(
			pages.slice(at, at + READ_BATCH).map(async (page) => {
				const bytes = await readFile(join(root, page));
				digests.set(page, { whole: digest(bytes), part: partDigest(bytes) });
			}),
		);
	}
	return digests;
}

/**
 * Why the site in `root` is not, for Pagefind, what it was given from the last one (`head`, and
 * the early explanations of `ahead`); undefined when it is.
 */
async function compare(root: string, head: Begun, ahead: Ahead | undefined): Promise<string | undefined> {
	const [pages, recordsBytes] = await Promise.all([builtPages(root), readFile(join(root, RECORDS_FILE))]);
	if (pages.length !== head.pages.length || pages.some((page, i) => page !== head.pages[i])) return 'the pages are not the last site’s';
	if (!recordsBytes.equals(head.recordsBytes)) return 'the records changed';
	const order = walkOrder(root, pagesToRead(pages).read);
	if (order.some((page, i) => page !== head.order[i])) return 'the file system lists the pages in another order';
	if (ahead) {
		const explanations = await readFile(join(root, EXPLANATION_RECORDS_FILE)).catch(() => Buffer.from('[]'));
		if (!explanations.equals(ahead.explanations)) return 'the explanations are not those Astro gave early';
	}
	// Read whole at once: this thread has nothing else to do, and Node reads a file in chunks
	// otherwise (at size M, 227 MB of pages: 55 ms against 80–160).
	for (const page of pages) {
		const bytes = readFileSync(join(root, page));
		const last = head.read.get(page);
		const sent = head.sent.get(page);
		const same = last ? digest(bytes) === last.whole || (last.part !== undefined && partDigest(bytes) === last.part) : sent !== undefined && (digest(bytes) === sent.whole || sameForIndex(sent.content, pageForIndex(bytes)));
		if (!same) return `${page} changed`;
	}
	return undefined;
}

/**
 * The pages Pagefind reads under `root`, in the order a walk of the folders as the file system
 * lists them gives (each folder's entries unsorted, as `readdir` returns them). Pagefind reads a
 * folder in that order, and numbers its pages so: on ext4, which lists entries by a hash of their
 * names, two folders of the same names list them alike; on tmpfs, which lists them in the order
 * they were made, they may not, and the same pages then make other bytes.
 */
export function walkOrder(root: string, pages: readonly string[]): string[] {
	const leaves = new Set(pages);
	const wanted = new Set<string>();
	for (const page of pages) {
		const parts = page.split('/');
		for (let i = 1; i <= parts.length; i++) wanted.add(parts.slice(0, i).join('/'));
	}
	const order: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir ? join(root, dir) : root)) {
			const path = dir ? `${dir}/${name}` : name;
			if (!wanted.has(path)) continue;
			if (leaves.has(path)) order.push(path);
			else walk(path);
		}
	};
	walk('');
	return order;
}
