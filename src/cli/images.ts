/**
 * The images a build makes, drawn by the CLI beside Astro instead of by Astro's routes.
 *
 * Astro renders one route at a time on one core, and drawing the stage and job images was
 * most of a build, while the machine's other core sat idle. The CLI draws on that core: the
 * layouts of the workflow diagrams first, into the cache that Astro's SVG routes read soon after
 * it starts rendering; then the layouts of the pipeline pages' own diagrams (no legend), which
 * their pages read; then the diagram PNGs and every run's images (PNG and SVG of the job view
 * and of each stage; "Download all" zips them in the reader's browser, see
 * src/site/download-all.ts) with its steps' log downloads, straight into a folder of their own,
 * moved into the site once Astro is done; once Astro has exited, a second worker takes the run
 * folders the first has not reached (./image-claims.ts). Astro is told to leave the routes of those files out
 * (`IMAGES_BY_CLI`); a bare `astro build` still draws them itself. Both ways go through the same
 * code and cache (`src/site/run-images.ts`, `workflowPngFile`), so the bytes are the same.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { cacheFileWritten, cacheWritesInFlight, cacheWritesSettled, deferCacheWrites, linkedAsync } from '../cache/files';
import { diagramPath } from '../diagram/paths';
import { layOutPageDiagrams, renderWorkflow, workflowPngFile } from '../diagram/render';
import { readPipelines } from '../ingest/read';
import { doneParsing, keepParsedPipelines, parsedPipelines } from '../loaders/parsed-pipelines';
import { CheckedRun, runFolders } from '../ingest/runs';
import type { Pipeline, Run } from '../model';
import { runImageFiles } from '../site/run-images';
import { stepLogFile, stepLogText } from '../site/step-logs';
import { folderClaims, type ImageClaims } from './image-claims';
import { keep, keptRunImages, linkIfKept, pipelinesFingerprint } from './kept-images';

/** Where a run's images go in the site, under the output folder (Astro's `base` is not in paths). */
export function runImagesFolder(run: Pick<Run, 'pipelineId' | 'id'>): string {
	return join('pipelines', run.pipelineId, 'runs', run.id, 'images');
}

/** How the threads drawing one build share its run folders (see ./image-claims.ts). */
export interface ImageShare {
	claims: ImageClaims;
	/**
	 * The second worker: only run folders, no diagrams, no run images taken from or kept in the
	 * cache; the pipelines the first parsed are read back (and parsed here only when they are not there).
	 */
	helper?: boolean;
	/** The first worker: where the last build's run images are kept (see keptRunImages); the caller keeps these. */
	kept?: string | undefined;
	/**
	 * The pipelines folder's fingerprint, as the build began: the pipelines a worker parses are kept
	 * under it in the cache, for Astro's loaders and the second worker (see ../loaders/parsed-pipelines.ts).
	 */
	fingerprint?: string | undefined;
}

/**
 * Lays out the diagrams into the cache, then writes the diagram PNGs and every run's images and
 * log downloads under `into`, at their paths in the site; returns how many files it made (or,
 * while the pipelines folder is as the last build kept it, linked).
 * Stops early, leaving what it wrote, once `abandoned()` says the build failed. With `share`,
 * only the run folders this thread takes, and keeping the images is the caller's.
 */
export async function drawImages(pipelinesDir: string, into: string, abandoned: () => boolean = () => false, cacheDir?: string, share?: ImageShare): Promise<number> {
	const display = `${basename(pipelinesDir)}/`;
	// A run's images come from the run alone, and runs from the pipelines folder: while it hashes
	// the same, the last build's images are the ones to show (a rebuild after a docs edit read,
	// parsed and hashed every run again to find each image in the cache). The diagram PNGs too
	// were drawn into the cache by the build that kept them, from the same pipelines, so nothing
	// is parsed or drawn (parsing the pipelines and laying out every diagram again to find its
	// PNG was 5 s of CPU beside a rebuild at size M).
	const fingerprint = share ? share.fingerprint : cacheDir ? pipelinesFingerprint(pipelinesDir) : undefined;
	const kept = share ? share.kept : cacheDir ? keptRunImages(pipelinesDir, cacheDir, fingerprint) : undefined;
	let pipelines: Pipeline[];
	try {
		const linked = linkIfKept(kept, into, share);
		if (linked !== undefined) return linked;
		// Parsed once per build: by the first worker, which starts with it (see ../loaders/parsed-pipelines.ts).
		const handedOn = share?.helper && cacheDir && fingerprint ? parsedPipelines(cacheDir, fingerprint) : undefined;
		pipelines = handedOn ?? (await readPipelines(pipelinesDir, display));
		// Kept only if the folder did not change while it was read (hashed again: 0.2 s at M, on this
		// thread): what an edit midway gave, kept under the fingerprint from before it, would be shown
		// by the next build whose folder hashes so (the edit undone) instead of being parsed.
		if (!handedOn && cacheDir && fingerprint && pipelinesFingerprint(pipelinesDir) === fingerprint) {
			// Said, so that it is seen: a cache that kept nothing, silently, went unnoticed once.
			const notKept = keepParsedPipelines(cacheDir, fingerprint, pipelines);
			if (notKept) console.warn(`The parsed pipelines could not be kept in the build cache (${notKept}): Astro parses them again.`);
		}
	} finally {
		// Kept, or they will not be: Astro's loaders, waiting for them, wait no longer.
		if (!share?.helper && cacheDir) doneParsing(cacheDir);
	}
	let made = 0;
	// Files are created on libuv's threads while the next image is drawn (see deferCacheWrites):
	// the cache's, then the site's, each linked to the cache's once it is there.
	deferCacheWrites();
	const placing = new Set<Promise<void>>();
	const place = async (bytes: Uint8Array, target: string, kept: string | undefined) => {
		if (kept && (await cacheFileWritten(kept)) && (await linkedAsync(kept, target))) return;
		await writeFile(target, bytes);
	};
	// Bounded, so that a slow disk holds a few dozen images in memory, not every run's.
	const inFlight = async () => {
		for (let writes = cacheWritesInFlight(); placing.size + writes.length > MAX_WRITES_IN_FLIGHT; writes = cacheWritesInFlight()) {
			await Promise.race([...placing, ...writes]);
		}
	};
	let failure: unknown;
	// The cache's copy linked in where the file system allows: the same bytes, not written twice.
	const placeFile = (bytes: Uint8Array, target: string, kept: string | undefined) => {
		const placed: Promise<void> = place(bytes, target, kept)
			.catch((error: unknown) => {
				failure ??= error;
			})
			.finally(() => placing.delete(placed));
		placing.add(placed);
	};
	// As the pipelines collection holds them (readPipelines gave them through the schema already).
	const drawn = share?.helper ? [] : pipelines;
	// The diagrams' layouts first, which Astro's SVG routes reach within seconds of rendering (a
	// download's workflow is laid out as its page's picture: see legendApart), then the pipeline
	// pages' pictures with one node per matrix instance, which it reaches last.
	for (const pipeline of drawn) {
		for (const workflow of pipeline.workflows) {
			if (abandoned()) return made;
			renderWorkflow(pipeline, workflow);
			// Lets an 'abandon' message reach the image worker (or Astro's exit the CLI) between images.
			await nextTurn();
		}
	}
	for (const pipeline of drawn) {
		for (const workflow of pipeline.workflows) {
			if (abandoned()) return made;
			layOutPageDiagrams(pipeline, workflow);
			await nextTurn();
		}
	}
	// Then the diagram PNGs, which Astro leaves to this thread (see IMAGES_BY_CLI), at the places
	// its routes would have written them.
	for (const pipeline of drawn) {
		for (const workflow of pipeline.workflows) {
			if (abandoned()) return await settled(made);
			const target = join(into, diagramPath(pipeline, workflow, 'png'));
			mkdirSync(dirname(target), { recursive: true });
			const png = workflowPngFile(pipeline, workflow);
			placeFile(png.bytes, target, png.file);
			made++;
			await inFlight();
			await nextTurn();
		}
	}
	for await (const runs of runFolders(pipelinesDir, pipelines, display, share && folderClaims(share.claims))) {
		for (const found of runs) {
			// As the runs collection's schema leaves it (what the pages link to and describe).
			const run = CheckedRun.parse(found);
			const folder = join(into, runImagesFolder(run));
			mkdirSync(folder, { recursive: true });
			for (const file of runImageFiles(run)) {
				if (abandoned()) return await settled(made);
				placeFile(file.bytes(), join(folder, file.name), file.kept?.());
				made++;
				await inFlight();
				await nextTurn();
			}
			// Its steps' log downloads: as Astro's route would write them, one file per step, without
			// Astro's time per route (4 s of its thread for 2,421 logs at size M).
			if (run.steps.length > 0) mkdirSync(join(into, dirname(stepLogFile(run, run.steps[0]!))), { recursive: true });
			for (const step of run.steps) {
				if (abandoned()) return await settled(made);
				placeFile(Buffer.from(stepLogText(run, step)), join(into, stepLogFile(run, step)), undefined);
				made++;
				await inFlight();
			}
		}
	}
	await settled(made);
	if (kept && !share) keep(into, kept);
	return made;

	// Every file placed and every cache file written; a file that could not be placed fails the images, as the build reports.
	async function settled(count: number): Promise<number> {
		await Promise.all(placing);
		await cacheWritesSettled();
		if (failure) throw failure;
		return count;
	}
}

/** Site and cache files being written at once by the image worker. */
const MAX_WRITES_IN_FLIGHT = 64;

