/**
 * File names for downloaded images: `<pipeline>-<run>-<nn>-<step-slug>.<ext>`, safe on every file
 * system and in a zip, sorting in step order, and recognisable (`atlas-1234-03-run-npm-test.png`).
 */
import type { RunStep } from '../model';

export const MAX_SLUG = 60;

/** Lowercase a-z0-9 and single dashes, at most `max` characters, `fallback` when nothing is left. */
export function fileSlug(text: string, fallback: string, max = MAX_SLUG): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max)
		.replace(/-+$/, '');
	return slug || fallback;
}

export function stageImageName(pipelineId: string, runId: string, step: Pick<RunStep, 'index' | 'name' | 'container'>, ext: string): string {
	const extension = ext.replace(/^\./, '').toLowerCase();
	if (!/^[a-z0-9]{1,10}$/.test(extension)) throw new Error(`Not a file extension: ${JSON.stringify(ext)}`);
	const nn = String(step.index).padStart(2, '0');
	// Parallel containers repeat a step's index: the container keeps their names apart.
	const container = step.container !== undefined && step.container > 0 ? `-c${step.container}` : '';
	return `${fileSlug(pipelineId, 'pipeline')}-${fileSlug(runId, 'run')}-${nn}-${fileSlug(step.name, 'step')}${container}.${extension}`;
}

/** The job image's name beside its stages': `<pipeline>-<run>-00-job-<job-slug>.<ext>`, first in a zip. */
export function jobImageName(pipelineId: string, runId: string, job: string, ext: string): string {
	return stageImageName(pipelineId, runId, { index: 0, name: `job ${job}` }, ext);
}
