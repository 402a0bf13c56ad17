/** `/pipelines/<pipeline>/diagrams/<workflow>.png`: the workflow diagram as a PNG (light theme, at the build's PNG scale, DejaVu Sans). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { IMAGES_BY_CLI } from '../../../../config/paths';
import { pngScale } from '../../../../config/png-scale';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import { workflowPng } from '../../../../diagram/render';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';
import { pageKey } from '../../../../site/page-keys';

export const getStaticPaths = (async () => {
	// `pipeline-atlas build` draws them beside Astro and puts them in place itself: Astro reached
	// this route before that thread was done, and drew the same diagrams again (8 s at size M).
	if (process.env[IMAGES_BY_CLI] === '1') return [];
	return diagramPaths(await getPipelines(), await pageKey(['diagram', 'png', `${pngScale()}x`]));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) => {
	return new Response(new Uint8Array(workflowPng(props.pipeline, props.workflow)), { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.png } });
};
