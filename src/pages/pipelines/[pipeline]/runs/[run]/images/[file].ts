import type { APIRoute, GetStaticPaths } from 'astro';
import type { Run } from '../../../../../../model';
import { getRuns } from '../../../../../../site/data';
import { pageKey } from '../../../../../../site/page-keys';
import { IMAGES_BY_CLI } from '../../../../../../config/paths';
import { pngScale } from '../../../../../../config/png-scale';
import { runImageFiles } from '../../../../../../site/run-images';

export const getStaticPaths = (async () => {
	// `pipeline-atlas build` draws them beside Astro and puts them in place itself.
	if (process.env[IMAGES_BY_CLI] === '1') return [];
	const runs = await getRuns();
	const cacheKey = await pageKey(['run images', `${pngScale()}x`]);
	return runs.flatMap((run) => runImageFiles(run).map((file) => ({ params: { pipeline: run.pipelineId, run: run.id, file: file.name }, props: { run, file: file.name }, cacheKey })));
}) satisfies GetStaticPaths;

const TYPES: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml' };

/** A stage's or job's image, drawn from the already redacted run. */
export const GET: APIRoute<{ run: Run; file: string }> = ({ props: { run, file } }) => {
	const bytes = runImageFiles(run).find((f) => f.name === file)!.bytes();
	const type = TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
	return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': type } });
};
