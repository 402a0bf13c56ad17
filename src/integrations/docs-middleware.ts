import { defineMiddleware } from 'astro:middleware';
import { readFileSync } from 'node:fs';
import { contentDir } from '../config/paths';
import { pageKeyOf } from './csp-state';
import { docDisplayPath, docFailure, docFailures, docSource } from './docs-state';

/**
 * A doc that throws as it renders (an MDX expression naming nothing: `{missing.value}`) stopped
 * the build at that page, with a stack through Astro's bundled chunks that named the route, not
 * the file. Here the failure is recorded with its file and line, the page is replaced by a
 * placeholder so the rest of the site is built, and the docs integration fails the build once
 * every page is, with the broken links (see ./docs-links.ts).
 */
export const onRequest = defineMiddleware(async (context, next) => {
	const failures = docFailures();
	if (!failures || context.routePattern !== '/[...slug]') return next();
	try {
		const response = await next();
		// A page renders as its body is read: read here, its failure is still this doc's.
		return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers: response.headers });
	} catch (error) {
		const source = docSource(contentDir, pageKeyOf(decodeURI(context.url.pathname), import.meta.env.BASE_URL));
		if (!source) throw error;
		const failure = docFailure(docDisplayPath(contentDir, source), readFileSync(source, 'utf8'), error);
		failures.push(failure);
		return new Response(`<!doctype html><title>Not rendered</title><p>This doc could not be rendered.</p>`, { headers: { 'content-type': 'text/html' } });
	}
});
