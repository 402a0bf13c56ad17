/** `/pipelines/<pipeline>/diagrams/<workflow>.mmd`: the workflow diagram as Mermaid source. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { workflowToMermaid } from '../../../../diagram/mermaid';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';
import { pageKey } from '../../../../site/page-keys';

export const getStaticPaths = (async () => diagramPaths(await getPipelines(), await pageKey(['diagram', 'mmd']))) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) =>
	new Response(workflowToMermaid(props.pipeline, props.workflow), { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.mmd } });
