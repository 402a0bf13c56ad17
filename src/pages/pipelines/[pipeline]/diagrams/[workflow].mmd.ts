/** `/pipelines/<pipeline>/diagrams/<workflow>.mmd`: the workflow diagram as Mermaid source. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { workflowToMermaid } from '../../../../diagram/mermaid';
import { DIAGRAM_CONTENT_TYPES, diagramPaths } from '../../../../diagram/paths';
import type { Pipeline, Workflow } from '../../../../model';
import { getPipelines } from '../../../../site/data';

export const getStaticPaths = (async () => diagramPaths(await getPipelines())) satisfies GetStaticPaths;

export const GET: APIRoute<{ pipeline: Pipeline; workflow: Workflow }> = ({ props }) =>
	new Response(workflowToMermaid(props.pipeline, props.workflow), { headers: { 'Content-Type': DIAGRAM_CONTENT_TYPES.mmd } });
