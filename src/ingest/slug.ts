/**
 * URL segment for an id that may hold `/` (orb jobs), spaces and `:` (GitLab names).
 * `/` becomes `--` so `heroku/deploy-via-git` stays recognisable as `heroku--deploy-via-git`.
 */
export function slugify(id: string): string {
	const slug = id
		.replaceAll('/', '--')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|-+$/g, '');
	return slug || 'item';
}

/** Slugs for a list of ids, unique in order of appearance (`build`, `build-2`). */
export function uniqueSlugs(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	return ids.map((id) => {
		const base = slugify(id);
		let slug = base;
		for (let n = 2; seen.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
		seen.add(slug.toLowerCase());
		return slug;
	});
}

/**
 * Ids kept apart by their slugs, in order of appearance: one whose slug an earlier id already
 * has gets ` (2)`, ` (3)`... Pages address workflows by the slug of their id, and Bitbucket's
 * `feature/*` and `feature/**` differ only in what a slug drops.
 */
export function apartBySlug(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	return ids.map((id) => {
		let out = id;
		for (let n = 2; seen.has(slugify(out)); n++) out = `${id} (${n})`;
		seen.add(slugify(out));
		return out;
	});
}
