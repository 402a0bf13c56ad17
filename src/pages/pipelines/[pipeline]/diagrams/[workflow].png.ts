/** `/pipelines/<pipeline>/diagrams/<workflow>.png`: the workflow diagram as a PNG (light theme, 2x, DejaVu Sans). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import { workflowPng } from '../../../../diagram/render';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';
import { pageKey } from '../../../../site/page-keys';

export const getStaticPaths = (async () => diagramPaths(await getPipelines(), await pageKey(['diagram', 'png']))) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) => {
	return new Response(new Uint8Array(workflowPng(props.pipeline, props.workflow)), { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.png } });
};
