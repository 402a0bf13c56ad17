import { pngScale, type PngScale } from '../config/png-scale';
import { jobImageName, jobPng, jobSvg, stageImageName, stepPng, stepSvg } from '../images';
import type { Run, RunStep } from '../model';
import { cachedPngFile, cachedText } from '../cache/files';

export interface RunImageFile {
	name: string;
	bytes: () => Uint8Array;
	/** A file of the build cache holding the same bytes, once `bytes` has been called (PNGs, with a cache). */
	kept?: () => string | undefined;
}

// Two routes ask for each image (its PNG, its SVG), one run after another:
// the drawings of the run at hand are kept, and only those (thousands of PNGs held for the
// whole build were hundreds of megabytes).
let current: string | undefined;
const cache = new Map<string, { svg: string; png: () => Uint8Array; pngFile: () => string | undefined }>();
function drawing(run: Run, key: string, svg: () => string, png: (scale: PngScale) => Uint8Array) {
	// The scale read once, for the cache's key and the drawing alike (and the memo's: a process whose setting changes draws again).
	const scale = pngScale();
	const runKey = `${run.pipelineId}/${run.id}@${scale}x`;
	if (current !== runKey) {
		cache.clear();
		current = runKey;
	}
	let hit = cache.get(key);
	if (!hit) {
		const text = svg();
		let made: { bytes: Uint8Array; file?: string } | undefined;
		hit = { svg: text, png: () => (made ??= cachedPngFile(`run-image@${scale}x`, text, () => png(scale))).bytes, pngFile: () => made?.file };
		cache.set(key, hit);
	}
	return hit;
}

// An image is made from its run (and step) alone: on a rebuild, a run that did not change gives
// its SVGs from the build cache (drawing them was most of a rebuild's image time once the PNGs
// were kept).
let runJson: { run: Run; json: string; header: string } | undefined;
function sources(run: Run): { json: string; header: string } {
	if (runJson?.run !== run) {
		const { steps: _steps, ...header } = run;
		runJson = { run, json: JSON.stringify(run), header: JSON.stringify(header) };
	}
	return runJson;
}

const stepDrawing = (run: Run, step: RunStep) =>
	drawing(
		run,
		`${step.index}/${step.container ?? 0}`,
		() => cachedText('stage-svg', `${sources(run).header}\0${JSON.stringify(step)}`, () => stepSvg({ run, step, theme: 'light' })),
		(scale) => stepPng({ run, step, theme: 'light', scale }),
	);
const jobDrawing = (run: Run) =>
	drawing(
		run,
		'job',
		() => cachedText('job-svg', sources(run).json, () => jobSvg({ run, theme: 'light' })),
		(scale) => jobPng({ run, theme: 'light', scale }),
	);

const encoder = new TextEncoder();

/** Every image of a run: the job view first, then each stage, as PNG and SVG; names say what they show. */
export function runImageFiles(run: Run): RunImageFile[] {
	const job = [
		{ name: jobImageName(run.pipelineId, run.id, run.job, 'png'), bytes: () => jobDrawing(run).png(), kept: () => jobDrawing(run).pngFile() },
		{ name: jobImageName(run.pipelineId, run.id, run.job, 'svg'), bytes: () => encoder.encode(jobDrawing(run).svg) },
	];
	const steps = run.steps.flatMap((step) => [
		{ name: stageImageName(run.pipelineId, run.id, step, 'png'), bytes: () => stepDrawing(run, step).png(), kept: () => stepDrawing(run, step).pngFile() },
		{ name: stageImageName(run.pipelineId, run.id, step, 'svg'), bytes: () => encoder.encode(stepDrawing(run, step).svg) },
	]);
	return [...job, ...steps];
}

/** "Download all": the name of the zip the run page makes of every image (./download-all.ts). */
export function runZipName(run: Pick<Run, 'pipelineId' | 'id'>): string {
	return `${run.pipelineId}-${run.id}-images.zip`;
}
