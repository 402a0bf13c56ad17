/**
 * Stage images in this process, for a sample of the parsed runs' steps: the build draws every
 * stage of every run as SVG and as a PNG at its scale (src/site/run-images.ts), and the per-file
 * times in its log mix drawing with Astro's writing. Timing src/images directly splits the cost into
 * SVG layout, PNG rendering at 1x and at 2x (`build --png-scale 2`).
 */
import { pngScale } from '../../src/config/png-scale';
import { jobImage, type JobImageInput, stepImage, type StepImageInput, stepSvg } from '../../src/images';
import type { Run } from '../../src/model';

export interface ImageSample {
	/** Steps spread evenly over every run (short CI stages and long script logs alike). */
	steps: Pick<StepImageInput, 'run' | 'step'>[];
	/** A few whole runs without their logs, for the job image (step names, statuses, durations). */
	jobs: JobImageInput['run'][];
	/** Stages of all runs: one PNG and one SVG each in the build. */
	stages: number;
	runs: number;
}

/** Keeps only what the image timing needs, so the parsed runs themselves can be let go (3M lines at L). */
export function imageSample(runs: Run[], size: number): ImageSample {
	const all = runs.flatMap((run) => run.steps.map((step) => ({ run: { pipelineId: run.pipelineId, id: run.id, job: run.job, provider: run.provider }, step })));
	const every = Math.max(1, Math.floor(all.length / size));
	const jobEvery = Math.max(1, Math.floor(runs.length / 5));
	return {
		steps: all.filter((_, i) => i % every === 0).slice(0, size),
		jobs: runs
			.filter((_, i) => i % jobEvery === 0)
			.slice(0, 5)
			.map((run) => ({ ...run, steps: run.steps.map(({ index, name, status, durationMs, exitCode, container }) => ({ index, name, status, durationMs, exitCode, container })) })),
		stages: all.length,
		runs: runs.length,
	};
}

export interface ImageBench {
	sampled: number;
	/** Log lines of the sampled steps (the image shows at most 60 rows of them). */
	avgStepLines: number;
	svgMsEach: number;
	/** `stepImage` at 2x, SVG included (`build --png-scale 2`). */
	png2xMsEach: number;
	/** At 1x, the default scale. */
	png1xMsEach: number;
	jobImageMsEach: number;
	stages: number;
	/** stages × the time at the build's scale + runs × jobImageMsEach (at that scale too): the build's image drawing, estimated. */
	estimatedBuildMs: number;
}

function time(f: () => unknown): number {
	const t = performance.now();
	f();
	return performance.now() - t;
}

export function benchImages(sample: ImageSample): ImageBench {
	const n = sample.steps.length;
	if (n === 0) return { sampled: 0, avgStepLines: 0, svgMsEach: 0, png2xMsEach: 0, png1xMsEach: 0, jobImageMsEach: 0, stages: 0, estimatedBuildMs: 0 };
	// The first image loads the fonts into resvg: not a per-image cost.
	stepImage({ ...sample.steps[0]!, theme: 'light' });
	let svg = 0;
	let png2 = 0;
	let png1 = 0;
	for (const { run, step } of sample.steps) {
		svg += time(() => stepSvg({ run, step, theme: 'light' }));
		png2 += time(() => stepImage({ run, step, theme: 'light', scale: 2 }));
		png1 += time(() => stepImage({ run, step, theme: 'light', scale: 1 }));
	}
	const job = sample.jobs.reduce((t, run) => t + time(() => jobImage({ run, theme: 'light' })), 0) / Math.max(1, sample.jobs.length);
	const png2xMsEach = png2 / n;
	return {
		sampled: n,
		avgStepLines: Math.round(sample.steps.reduce((m, s) => m + s.step.lines.length, 0) / n),
		svgMsEach: svg / n,
		png2xMsEach,
		png1xMsEach: png1 / n,
		jobImageMsEach: job,
		stages: sample.stages,
		estimatedBuildMs: sample.stages * (pngScale() === 2 ? png2xMsEach : png1 / n) + sample.runs * job,
	};
}
