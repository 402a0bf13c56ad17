import { defineMiddleware } from 'astro:middleware';
import { securedPage } from '../security/csp';
import { cspBuild, pageKeyOf } from './csp-state';

/**
 * Gives each page its Content Security Policy as the build renders it (see `./csp.ts`): the
 * page is already in memory here, and a page Astro's incremental build copies from the last
 * build already has it. A pass over the written pages read and wrote every byte of the site
 * again, copied pages too (2.6 s of a 25 s rebuild at 2,000 jobs). The page stays bytes: as
 * text it was decoded, scanned again as a string by the new Response, and encoded once more
 * (2.6 s of CPU in a profile of a rebuild rendering 1,435 job pages at 2,000 jobs; 1–2 s of
 * wall time measured back to back).
 */
export const onRequest = defineMiddleware(async (context, next) => {
	const response = await next();
	const build = cspBuild();
	if (!build || !context.isPrerendered || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
	const secured = securedPage(Buffer.from(await response.arrayBuffer()), build.trusted);
	const page = pageKeyOf(decodeURI(context.url.pathname), import.meta.env.BASE_URL);
	build.rendered.set(page, secured.untrusted);
	build.hashes.set(page, secured.hashes);
	return new Response(Buffer.concat(secured.pieces), { status: response.status, statusText: response.statusText, headers: response.headers });
});
