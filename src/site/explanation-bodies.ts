import { z } from 'astro/zod';
import { escapeHtml } from './escape';

/**
 * An edited explanation reaches every page that shows it: the one for every checkout, the
 * commonest edit, reaches most job pages (1,435 of 2,000 at size M, ~8 s of rendering). What
 * those pages show of it that can change without anything else changing is its text, rendered
 * once by the content layer (the entry's `rendered.html`). So a page shows that text inside a
 * marked element (bodyHtml), its key names the explanation but not the text (page-keys.ts), and
 * Astro copies it from the last build; then the text is replaced in the copies (patchBodies,
 * run by ../integrations/explanation-bodies.ts once Astro is done, before anything reads them).
 *
 * To replace a text, the text a copy holds must be known exactly: the mark's end cannot be told
 * from the text's own `</div>`s without parsing. So every text a page is written with is kept
 * (BodyStore) before the first page is written with it, and the texts are forgotten only once
 * every copy holds the current one: a build stopped between leaves copies of either, and both
 * are known.
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

/** The explanation's text as a page shows it: inside the mark patchBodies finds it by. */
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
 * one, last. Explanations gone are forgotten: the pages that showed one are rendered again.
 */
export function registerBodies(store: BodyStore | undefined, current: ReadonlyMap<string, string>, newGeneration: () => string): BodyStore {
	const bodies: Record<string, string[]> = {};
	for (const [id, html] of [...current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		bodies[id] = [...(store?.bodies[id] ?? []).filter((known) => known !== html), html];
	}
	return { generation: store?.generation ?? newGeneration(), bodies };
}

/** The store once every copy holds the current texts: only those are kept. */
export function settledBodies(store: BodyStore): BodyStore {
	return { generation: store.generation, bodies: Object.fromEntries(Object.entries(store.bodies).map(([id, texts]) => [id, texts.slice(-1)])) };
}

/** Whether any explanation's copies may hold an older text. */
export function bodiesChanged(store: BodyStore): boolean {
	return Object.values(store.bodies).some((texts) => texts.length > 1);
}

export class BodyPatchError extends Error {}

/**
 * Makes the texts a page holds of the explanations edited since the last build (those with
 * older texts in the store) the current ones: the patched page, or undefined when it held only
 * current texts. Bytes in and out: a page is neither decoded nor encoded again. Throws
 * BodyPatchError when a mark holds a text the store does not know: the copy is not what its key
 * says, and patching cannot mend it.
 */
export function bodyPatcher(store: BodyStore): (page: Buffer) => Buffer | undefined {
	const close = Buffer.from('</div>');
	const edited = Object.entries(store.bodies)
		.filter(([, texts]) => texts.length > 1)
		.map(([id, texts]) => ({
			id,
			mark: Buffer.from(`${BODY_MARK}${escapeHtml(id)}">`),
			current: Buffer.concat([Buffer.from(texts.at(-1)!), close]),
			// Longest first, so that a text that is the start of another is never taken for it.
			older: texts
				.slice(0, -1)
				.map((text) => Buffer.concat([Buffer.from(text), close]))
				.sort((a, b) => b.length - a.length),
		}));
	const holds = (page: Buffer, at: number, text: Buffer) => page.length - at >= text.length && page.compare(text, 0, text.length, at, at + text.length) === 0;
	return (page) => {
		const found: { start: number; end: number; current: Buffer }[] = [];
		for (const { id, mark, current, older } of edited) {
			for (let at = page.indexOf(mark); at !== -1; at = page.indexOf(mark, at + mark.length)) {
				const start = at + mark.length;
				if (holds(page, start, current)) continue;
				const held = older.find((text) => holds(page, start, text));
				if (!held) throw new BodyPatchError(`its explanation ${JSON.stringify(id)} holds a text no build wrote`);
				found.push({ start, end: start + held.length, current });
			}
		}
		if (found.length === 0) return undefined;
		const pieces: Buffer[] = [];
		let done = 0;
		for (const { start, end, current } of found.sort((a, b) => a.start - b.start)) {
			// Never inside a text replaced (isPatchable: no text holds a mark); said, not leant on.
			if (start < done) continue;
			pieces.push(page.subarray(done, start), current);
			done = end;
		}
		pieces.push(page.subarray(done));
		return Buffer.concat(pieces);
	};
}
