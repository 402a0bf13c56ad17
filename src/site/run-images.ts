import { jobImage, jobImageName, runZip, stageImageName, stepImage } from '../images';
import type { Run, RunStep } from '../model';

export interface RunImageFile {
	name: string;
	bytes: () => Uint8Array;
}

// Each image is drawn once per build though three routes ask for it (its file, the run's zip).
const cache = new Map<string, { svg: string; png: Uint8Array }>();
function rendered(key: string, draw: () => { svg: string; png: Uint8Array }) {
	let hit = cache.get(key);
	if (!hit) cache.set(key, (hit = draw()));
	return hit;
}

const stepDrawing = (run: Run, step: RunStep) =>
	rendered(`${run.pipelineId}/${run.id}/${step.index}/${step.container ?? 0}`, () => stepImage({ run, step, theme: 'light' }));
const jobDrawing = (run: Run) => rendered(`${run.pipelineId}/${run.id}/job`, () => jobImage({ run, theme: 'light' }));

const encoder = new TextEncoder();

/** Every image of a run: the job view first, then each stage, as PNG and SVG; names say what they show. */
export function runImageFiles(run: Run): RunImageFile[] {
	const job = [
		{ name: jobImageName(run.pipelineId, run.id, run.job, 'png'), bytes: () => jobDrawing(run).png },
		{ name: jobImageName(run.pipelineId, run.id, run.job, 'svg'), bytes: () => encoder.encode(jobDrawing(run).svg) },
	];
	const steps = run.steps.flatMap((step) => [
		{ name: stageImageName(run.pipelineId, run.id, step, 'png'), bytes: () => stepDrawing(run, step).png },
		{ name: stageImageName(run.pipelineId, run.id, step, 'svg'), bytes: () => encoder.encode(stepDrawing(run, step).svg) },
	]);
	return [...job, ...steps];
}

/** "Download all": every image of the run in one deterministic zip. */
export function runZipName(run: Pick<Run, 'pipelineId' | 'id'>): string {
	return `${run.pipelineId}-${run.id}-images.zip`;
}

export function runZipBytes(run: Run): Uint8Array {
	return runZip(runImageFiles(run).map((file) => ({ name: file.name, bytes: file.bytes() })));
}
