import type { APIRoute, GetStaticPaths } from 'astro';
import type { Run, RunStep } from '../../../../../../model';
import { getRuns } from '../../../../../../site/data';
import { pageKey } from '../../../../../../site/page-keys';
import { stripAnsi } from '../../../../../../site/log-html';
import { STATUS_LABELS } from '../../../../../../site/runs';

export const getStaticPaths = (async () => {
	const runs = await getRuns();
	const key = await pageKey(['logs']);
	return runs.flatMap((run) => run.steps.map((step) => ({ params: { pipeline: run.pipelineId, run: run.id, step: String(step.index) }, props: { run, step }, cacheKey: key })));
}) satisfies GetStaticPaths;

/** The whole (already redacted) log of a step, colour codes removed so any text viewer reads it. */
export const GET: APIRoute<{ run: Run; step: RunStep }> = ({ props: { run, step } }) => {
	const header = `# ${run.job} · ${run.id} · step ${step.index}: ${stripAnsi(step.name)} · ${STATUS_LABELS[step.status]}\n`;
	return new Response(header + step.lines.map(stripAnsi).join('\n') + '\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
