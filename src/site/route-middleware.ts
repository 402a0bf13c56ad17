import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getPipelines } from './data';
import { pipelinesGroup, prevNextLinks } from './sidebar';
import { url } from './urls';

/**
 * Starlight's route middleware (`routeMiddleware` in astro.config.mjs). Every page is laid out
 * from the sidebar in the config, which cannot know the pipelines: the "Pipelines" group is added
 * here, with the page's own pipeline open on the pages of a pipeline (its jobs, runs and
 * overview). Starlight took a page's previous and next links from the configured part: on the
 * generated pages they are taken again from the whole sidebar (a job's neighbours are the jobs
 * beside it); an onboarding doc keeps Starlight's, which its frontmatter may set.
 */
export const onRequest = defineRouteMiddleware(async (context) => {
	const route = context.locals.starlightRoute;
	const pipelines = await getPipelines();
	const current = context.params.pipeline === undefined ? undefined : pipelines.find((p) => p.id === context.params.pipeline);
	route.sidebar.push(pipelinesGroup(pipelines, url, current, context.url.pathname));
	// Pagination is on in the config, and no generated page sets `prev` or `next`.
	if (!isDocsRoute(context.routePattern)) route.pagination = prevNextLinks(route.sidebar);
});

/** Starlight's route for the docs collection; generated pages have routes of their own. */
function isDocsRoute(pattern: string): boolean {
	return pattern === '/[...slug]';
}
