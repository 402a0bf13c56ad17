import type { APIRoute } from 'astro';
import { searchRecords } from '../search/records';
import { getPipelines, getRuns } from '../site/data';
import { jobPath } from '../site/urls';

/**
 * Step, variable and run-step records for the search index. Written by the build, read and
 * removed by the search-index integration (it runs after pages are rendered, when the model
 * can no longer be loaded).
 */
export const GET: APIRoute = async () => {
	const [pipelines, runs] = await Promise.all([getPipelines(), getRuns()]);
	return new Response(JSON.stringify(searchRecords(pipelines, runs, jobPath)), { headers: { 'Content-Type': 'application/json' } });
};
