/** `/vendor/mermaid/…`: the official mermaid's prebuilt modules (see src/site/mermaid-vendor.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { mermaidFile, mermaidFiles, mermaidVersion } from '../../../site/mermaid-vendor';

export const getStaticPaths = (() => {
	const cacheKey = `mermaid@${mermaidVersion()}`;
	return mermaidFiles().map((file) => ({ params: { file }, cacheKey }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => new Response(mermaidFile(params.file!), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
