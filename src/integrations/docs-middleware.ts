import { defineMiddleware } from 'astro:middleware';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pageKeyOf } from './csp-state';
import { docDisplayPath, docFailure, docsBuild, docSource, NOT_RENDERED_PAGE } from './docs-state';

/**
 * A doc that throws as it renders (an MDX expression naming nothing: `{missing.value}`) stopped
 * the build at that page, with a stack through Astro's bundled chunks that named the route, not
 * the file. Here the failure is recorded with its file and line, the page is replaced by a
 * placeholder so the rest of the site is built, and the docs integration fails the build once
 * every page is, with the broken links (see ./docs-links.ts).
 */
export const onRequest = defineMiddleware(async (context, next) => {
	const build = docsBuild();
	if (!build || context.routePattern !== '/[...slug]') return next();
	try {
		const response = await next();
		// A page renders as its body is read: read here, its failure is still this doc's.
		return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers: response.headers });
	} catch (error) {
		// The entry's own file (Astro records it relative to the project root); else the page's path
		// as the docs' folder names it.
		const filePath = context.locals.starlightRoute?.entry?.filePath;
		const source = filePath ? resolve(filePath) : docSource(build.contentDir, pageKeyOf(decodeURI(context.url.pathname), import.meta.env.BASE_URL));
		if (!source) throw error;
		build.failures.push(docFailure(docDisplayPath(build.contentDir, source), readFileSync(source, 'utf8'), error));
		return new Response(NOT_RENDERED_PAGE, { headers: { 'content-type': 'text/html' } });
	}
});
