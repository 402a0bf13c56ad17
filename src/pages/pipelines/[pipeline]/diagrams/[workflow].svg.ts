/** `/pipelines/<pipeline>/diagrams/<workflow>.svg`: the workflow diagram as a standalone SVG (with legend, job links). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import { renderWorkflow } from '../../../../diagram/render';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';
import { pageKey } from '../../../../site/page-keys';
import { jobUrl } from '../../../../site/urls';

export const getStaticPaths = (async () => diagramPaths(await getPipelines(), await pageKey(['diagram', 'svg']))) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) => {
	const { pipeline, workflow } = props;
	const { svg } = renderWorkflow(pipeline, workflow, { jobHref: (job) => jobUrl(pipeline, job) });
	return new Response(svg, { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.svg } });
};
