import { getCollection, type CollectionEntry } from 'astro:content';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { writeWhole } from '../cache/files';
import { contentDir, editBaseUrl } from '../config/paths';
import { selectAuthored, type ExplanationTarget } from '../explain/authored';
import { BODY_STORE_FILE, isPatchable, parseBodyStore, registerBodies, setKeptThisBuild } from './explanation-bodies';
import { externalHref } from './urls';

export type AuthoredEntry = CollectionEntry<'explanations'> & { match: CollectionEntry<'explanations'>['data']['match'] };

let cached: Promise<AuthoredEntry[]> | undefined;
export function getExplanations(): Promise<AuthoredEntry[]> {
	cached ??= getCollection('explanations').then((entries) => entries.map((e) => Object.assign(e, { match: e.data.match })));
	return cached;
}

export async function authoredFor(target: ExplanationTarget): Promise<AuthoredEntry | undefined> {
	return selectAuthored(target, await getExplanations());
}

/** `content/explanations/deploy.md`, and its online editor when `--edit-url` was given. */
export function explanationSource(entry: AuthoredEntry): { display: string; edit?: string } {
	const path = entry.filePath ? relative(contentDir, entry.filePath.startsWith('/') ? entry.filePath : `${process.cwd()}/${entry.filePath}`) : `explanations/${entry.id}.md`;
	const inContent = path.split('\\').join('/');
	const edit = editBaseUrl ? externalHref(`${editBaseUrl.replace(/\/?$/, '/')}${inContent}`) : undefined;
	return { display: `${basename(contentDir)}/${inContent}`, ...(edit ? { edit } : {}) };
}

/**
 * The explanation's text as the content layer rendered it, when the pages showing it can be
 * given a new one without rendering them (see ./explanation-bodies.ts): not MDX, which renders
 * at build time (it has no rendered HTML), nor a text with images, which Astro resolves per page.
 */
export function patchableText(entry: AuthoredEntry): string | undefined {
	if (entry.rendered?.metadata?.imagePaths?.length) return undefined;
	const html = entry.rendered?.html;
	return isPatchable(html) ? html : undefined;
}

let registered: Promise<string | undefined> | undefined;

/**
 * Keeps this build's explanation texts in the build's cache before any page is written with one
 * (see ./explanation-bodies.ts). Returns the store's generation, which the keys of pages leaving
 * a text out name; undefined when no store is kept (no cache, `astro dev`, a cache that cannot
 * be written), and then the keys hold the texts.
 */
export function keepExplanationTexts(): Promise<string | undefined> {
	registered ??= (async () => {
		const root = process.env.ATLAS_CACHE_DIR;
		if (!root || import.meta.env.DEV) return undefined;
		const current = new Map<string, string>();
		for (const entry of await getExplanations()) {
			const text = patchableText(entry);
			if (text !== undefined) current.set(entry.id, text);
		}
		const file = join(root, BODY_STORE_FILE);
		let known: string | undefined;
		try {
			known = readFileSync(file, 'utf8');
		} catch {
			known = undefined;
		}
		const store = registerBodies(parseBodyStore(known), current, randomUUID);
		try {
			// Whole or not at all: a store cut short would be a new one, and every page rendered again.
			writeWhole(file, JSON.stringify(store));
		} catch {
			return undefined;
		}
		setKeptThisBuild(store);
		return store.generation;
	})();
	return registered;
}
