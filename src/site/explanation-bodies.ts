import { z } from 'astro/zod';
import { escapeHtml } from './escape';

/**
 * An edited explanation reaches every page that shows it: the one for every checkout, the
 * commonest edit, reaches most job pages (1,435 of 2,000 at size M, ~8 s of rendering). What
 * those pages show of it that can change without anything else changing is its text, rendered
 * once by the content layer (the entry's `rendered.html`). So a page shows that text inside a
 * marked element (bodyHtml), its key names the explanation but not the text (page-keys.ts), and
 * Astro copies it from the last build; then the text is replaced in the copies (bodyPatcher,
 * run by ../integrations/explanation-bodies.ts once Astro is done, before anything reads them).
 *
 * To replace a text, the text a copy holds must be known exactly: the mark's end cannot be told
 * from the text's own `</div>`s without parsing. So every text a page is written with is kept
 * (BodyStore) before the first page is written with it, and the older texts are forgotten only
 * once every copy holds the current one.
 *
 * A build stopped halfway may leave Astro's copies out of step with its record of the last
 * build (it writes the copies as it renders, the record at the end), and a key without the text
 * could then match a copy holding other data. So the store says a build is under way (pending)
 * until its copies are settled, and a build that finds it so starts a new generation: every page
 * showing a text is rendered again, once.
 */

/** Where the texts are kept, in the build's cache (`ATLAS_CACHE_DIR`) beside Astro's own. */
export const BODY_STORE_FILE = 'explanation-bodies.json';

export const BodyStoreSchema = z.object({
	/**
	 * Named in every page key that leaves a text out: a store lost or made anew (its texts
	 * unknown) then renders those pages again instead of patching what it cannot find.
	 */
	generation: z.string().min(1),
	/** By explanation id: every text a copy may hold, the current one last. */
	bodies: z.record(z.string(), z.array(z.string()).min(1)),
	/** Set from registration until the build's copies are settled (see above). */
	pending: z.literal(true).optional(),
});
export type BodyStore = z.infer<typeof BodyStoreSchema>;

/** The store's bytes, or undefined when they are not a store (missing, cut short, older). */
export function parseBodyStore(json: string | undefined): BodyStore | undefined {
	if (json === undefined) return undefined;
	try {
		const parsed = BodyStoreSchema.safeParse(JSON.parse(json));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

/** How a page's explanation text begins: its id follows, then the text (see bodyHtml). */
export const BODY_MARK = '<div class="atlas-explanation__body" data-explanation="';

/** The explanation's text as a page shows it: inside the mark bodyPatcher finds it by. */
export function bodyHtml(id: string, html: string): string {
	return `${BODY_MARK}${escapeHtml(id)}">${html}</div>`;
}

/**
 * Whether a text can be patched into copies: one the content layer rendered whole (not MDX,
 * which renders at build time, nor with images it resolves per page), with no script or
 * style, which the Content Security Policy hashes per page, and nothing that could be taken for
 * a mark (sanitised Markdown has no `data-` attributes, but this does not lean on that).
 */
export function isPatchable(html: string | undefined): html is string {
	return html !== undefined && !/<(script|style)\b|data-explanation=/i.test(html);
}

/**
 * The store with this build's texts (`current`, by explanation id) added, before any page is
 * written with them: an explanation's texts are the ones copies may still hold and its current
 * one, last. Explanations gone are forgotten (the pages that showed one are rendered again, their
 * keys changed); a store left pending by a stopped build is not trusted (see above).
 */
export function registerBodies(store: BodyStore | undefined, current: ReadonlyMap<string, string>, newGeneration: () => string): BodyStore {
	const trusted = store?.pending ? undefined : store;
	const bodies = new Map<string, string[]>();
	for (const [id, html] of [...current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		bodies.set(id, [...(trusted?.bodies[id] ?? []).filter((known) => known !== html), html]);
	}
	return { generation: trusted?.generation ?? newGeneration(), bodies: Object.fromEntries(bodies), pending: true };
}

/** The store once every copy holds the current texts: only those are kept, and no build is under way. */
export function settledBodies(store: BodyStore): BodyStore {
	return { generation: store.generation, bodies: Object.fromEntries(Object.entries(store.bodies).map(([id, texts]) => [id, texts.slice(-1)])) };
}

/** Whether any explanation's copies may hold an older text. */
export function bodiesChanged(store: BodyStore): boolean {
	return Object.values(store.bodies).some((texts) => texts.length > 1);
}

const KEPT = Symbol.for('pipeline-atlas.explanation-texts');

/**
 * The store this build registered, shared by the pages' code (which Vite bundles apart) and
 * the integration in the same process: the integration settles only a store its own build
 * registered, never one a build that kept none (`astro dev`, a cache it could not write) found.
 */
export function keptThisBuild(): BodyStore | undefined {
	return (globalThis as { [KEPT]?: BodyStore })[KEPT];
}

export function setKeptThisBuild(store: BodyStore | undefined): void {
	(globalThis as { [KEPT]?: BodyStore })[KEPT] = store;
}

export class BodyPatchError extends Error {}

/**
 * Makes every explanation text a page holds the current one (the last of the store's): the
 * patched page, or undefined when it held only current texts. Bytes in and out: a page is
 * neither decoded nor encoded again. Throws BodyPatchError when a mark names an explanation the
 * store does not know or holds a text it does not: the copy is not what its key says, and
 * patching cannot mend it.
 */
export function bodyPatcher(store: BodyStore): (page: Buffer) => Buffer | undefined {
	const close = Buffer.from('</div>');
	const withClose = (text: string) => Buffer.concat([Buffer.from(text), close]);
	const byMark = new Map(
		Object.entries(store.bodies).map(([id, texts]) => [
			escapeHtml(id),
			{
				current: withClose(texts.at(-1)!),
				// Longest first, so that a text beginning with another and its `</div>` is not taken
				// for it (Markdown's texts are whole elements, so none does; this does not lean on it).
				older: texts
					.slice(0, -1)
					.map(withClose)
					.sort((a, b) => b.length - a.length),
			},
		]),
	);
	const mark = Buffer.from(BODY_MARK);
	const quote = '"'.charCodeAt(0);
	const holds = (page: Buffer, at: number, text: Buffer) => page.length - at >= text.length && page.compare(text, 0, text.length, at, at + text.length) === 0;
	return (page) => {
		const pieces: Buffer[] = [];
		let done = 0;
		// Looked for after each text, not inside it: isPatchable keeps a mark out of every text.
		for (let at = page.indexOf(mark); at !== -1; ) {
			const idEnd = page.indexOf(quote, at + mark.length);
			const id = page.toString('utf8', at + mark.length, idEnd);
			const texts = idEnd === -1 || page[idEnd + 1] !== 0x3e /* > */ ? undefined : byMark.get(id);
			if (!texts) throw new BodyPatchError(`it shows an explanation (${JSON.stringify(id)}) this build does not`);
			const start = idEnd + 2;
			if (holds(page, start, texts.current)) {
				at = page.indexOf(mark, start + texts.current.length);
				continue;
			}
			const held = texts.older.find((text) => holds(page, start, text));
			if (!held) throw new BodyPatchError(`its explanation ${JSON.stringify(id)} holds a text no build wrote`);
			pieces.push(page.subarray(done, start), texts.current);
			done = start + held.length;
			at = page.indexOf(mark, done);
		}
		if (pieces.length === 0) return undefined;
		pieces.push(page.subarray(done));
		return Buffer.concat(pieces);
	};
}
