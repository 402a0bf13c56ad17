/**
 * Draws the diagram, stage and job PNGs into the build's image cache while Astro builds the site.
 *
 * Astro renders one route at a time on one core; drawing the PNGs was most of a build, and the
 * machine's other core sat idle. This runs in the CLI's own process beside Astro, through the
 * same code and cache as the image routes (`src/site/run-images.ts`): Astro takes the runs
 * from the first and this from the last, so they meet in the middle and each image is drawn
 * once. It is only ever a head start: whatever it has not drawn when Astro gets there, Astro
 * draws, and it stops as soon as Astro exits. Diagrams come first: Astro reaches them soon
 * after it starts rendering, but loading content and bundling leave this half a minute before.
 */
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readPipelines } from '../ingest/read';
import { runFolders } from '../ingest/runs';
import { workflowPng } from '../diagram/render';
import { Pipeline, Run } from '../model';
import { runImageFiles } from '../site/run-images';

export async function prewarmImages(pipelinesDir: string, stopped: () => boolean): Promise<number> {
	const display = `${basename(pipelinesDir)}/`;
	const pipelines = await readPipelines(pipelinesDir, display);
	let drawn = 0;
	for (const found of pipelines) {
		// As the pipelines collection's schema leaves it (what the diagram routes draw from).
		const pipeline = Pipeline.parse(found);
		for (const workflow of pipeline.workflows) {
			if (stopped()) return drawn;
			workflowPng(pipeline, workflow);
			drawn++;
			await nextTurn();
		}
	}
	for await (const runs of runFolders(pipelinesDir, pipelines, display, { backwards: true })) {
		for (const found of [...runs].reverse()) {
			// As the runs collection's schema leaves it (what the image routes draw from).
			const run = Run.parse(found);
			for (const file of runImageFiles(run).reverse()) {
				if (!file.name.endsWith('.png')) continue;
				if (stopped()) return drawn;
				file.bytes();
				drawn++;
				// Let the CLI see Astro exit between images.
				await nextTurn();
			}
		}
	}
	return drawn;
}
