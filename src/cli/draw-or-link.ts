/**
 * An image worker's work (see ./images-worker.mjs): the last build's run images linked when the
 * pipelines are as it kept them, else everything drawn. Apart from ./images.ts so that a
 * rebuild's worker, which only links, does not load the drawing code (the parsers, the
 * diagrams, resvg: ~2 s of CPU at M through tsx, while Astro starts on the same cores).
 */
import { doneParsing } from '../loaders/parsed-pipelines';
import type { ImageShare } from './images';
import { linkIfKept } from './kept-images';

export interface ImageWorkerData {
	pipelines: string;
	into: string;
	cacheDir?: string | undefined;
	share?: ImageShare | undefined;
}

/** How many files were drawn, written or linked; `loadDrawing` is the drawing code, loaded only to draw. */
export async function drawOrLink(data: ImageWorkerData, abandoned: () => boolean, loadDrawing: () => Promise<Pick<typeof import('./images'), 'drawImages'>> = () => import('./images')): Promise<number> {
	const linked = linkIfKept(data.share?.kept, data.into, data.share);
	if (linked !== undefined) {
		// Nothing to parse: Astro's loaders, waiting for the pipelines, wait no longer.
		if (data.cacheDir) doneParsing(data.cacheDir);
		return linked;
	}
	const { drawImages } = await loadDrawing();
	return drawImages(data.pipelines, data.into, abandoned, data.cacheDir, data.share);
}
