import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getPipelines } from './data';
import { pipelinesGroup } from './sidebar';
import { url } from './urls';

/**
 * Starlight's route middleware (`routeMiddleware` in astro.config.mjs). The onboarding docs are
 * Starlight's own pages, laid out from the sidebar in the config, which cannot know the
 * pipelines; a reader of a doc gets the same "Pipelines" group as on every generated page
 * (which pass their own sidebar to `<StarlightPage>` and are left as they are).
 */
export const onRequest = defineRouteMiddleware(async (context) => {
	if (!isDocsRoute(context.routePattern)) return;
	context.locals.starlightRoute.sidebar.push(pipelinesGroup(await getPipelines(), url));
});

/** Starlight's route for the docs collection; generated pages have routes of their own. */
function isDocsRoute(pattern: string): boolean {
	return pattern === '/[...slug]';
}
