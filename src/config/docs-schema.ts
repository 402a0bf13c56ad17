import { docsSchema } from '@astrojs/starlight/schema';

/**
 * The docs collection's schema (Starlight's), made once for the pages `<StarlightPage>` renders.
 * It made the whole frontmatter schema again for every generated page, and zod compiled it anew
 * on its first parse: the 1,303 job pages a rebuild renders at size M took 8.8 s with that and
 * 6.6 s without. Each time it passes an image helper of its own that captures nothing, so those
 * calls can share one schema. Any other caller (the content layer, whose image helper resolves
 * each entry's images) gets a schema of its own, as before; so does every page if Starlight's
 * helper ever reads differently (test/config/docs-schema.test.ts watches for that).
 */
export function docsSchemaShared() {
	const make = docsSchema();
	let forPages: ReturnType<typeof make> | undefined;
	return (context: Parameters<typeof make>[0]): ReturnType<typeof make> => {
		if (!String(context.image).includes('<StarlightPage>')) return make(context);
		forPages ??= make(context);
		return forPages;
	};
}
