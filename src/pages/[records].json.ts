import type { APIRoute, GetStaticPaths } from 'astro';
import { RECORDS_FILE } from '../config/paths';
import { searchRecords } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { pageKey } from '../site/page-keys';
import { jobPath } from '../site/urls';

/**
 * `/search-records.json`, a route with a parameter only so that it can give Astro a key (see
 * src/site/page-keys.ts) as the generated pages do. The records come from the model alone and
 * making them reads every run's log lines (~1 s at 2,000 jobs): a build whose model did not
 * change copies the last build's.
 */
export const getStaticPaths = (async () => [{ params: { records: RECORDS_FILE.replace(/\.json$/, '') }, cacheKey: await pageKey([RECORDS_FILE]) }]) satisfies GetStaticPaths;

/**
 * Step, variable and run-step records for the search index. Written by the build, read and
 * removed by the search-index integration (it runs after pages are rendered, when the model
 * can no longer be loaded).
 */
export const GET: APIRoute = async () => {
	const [pipelines, runs] = await Promise.all([getPipelines(), getRuns()]);
	return new Response(JSON.stringify(searchRecords(pipelines, runs, jobPath)), { headers: { 'Content-Type': 'application/json' } });
};
