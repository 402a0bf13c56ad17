/** `/pipelines/<pipeline>/diagrams/<workflow>.png`: the workflow diagram as a PNG (light theme, 2x, DejaVu Sans). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import { renderPng, renderWorkflow, svgForImage } from '../../../../diagram/render';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';
import { cachedPng } from '../../../../cache/files';

export const getStaticPaths = (async () => diagramPaths(await getPipelines())) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) => {
	const { svg } = renderWorkflow(props.pipeline, props.workflow);
	const image = svgForImage(svg);
	return new Response(new Uint8Array(cachedPng('diagram@2x', image, () => renderPng(image))), { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.png } });
};
