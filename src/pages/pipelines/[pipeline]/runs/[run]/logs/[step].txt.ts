import type { APIRoute, GetStaticPaths } from 'astro';
import { IMAGES_BY_CLI } from '../../../../../../config/paths';
import type { Run, RunStep } from '../../../../../../model';
import { getRuns } from '../../../../../../site/data';
import { pageKey } from '../../../../../../site/page-keys';
import { stepLogText } from '../../../../../../site/step-logs';

export const getStaticPaths = (async () => {
	// `pipeline-atlas build` writes them beside Astro with the run's images (src/cli/images.ts).
	if (process.env[IMAGES_BY_CLI] === '1') return [];
	const runs = await getRuns();
	const key = await pageKey(['logs']);
	return runs.flatMap((run) => run.steps.map((step) => ({ params: { pipeline: run.pipelineId, run: run.id, step: String(step.index) }, props: { run, step }, cacheKey: key })));
}) satisfies GetStaticPaths;

/** The whole (already redacted) log of a step, colour codes removed so any text viewer reads it. */
export const GET: APIRoute<{ run: Run; step: RunStep }> = ({ props: { run, step } }) =>
	new Response(stepLogText(run, step), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
