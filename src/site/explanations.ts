import { getCollection, type CollectionEntry } from 'astro:content';
import { basename, relative } from 'node:path';
import { contentDir, editBaseUrl } from '../config/paths';
import { selectAuthored, type ExplanationTarget } from '../explain/authored';
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
