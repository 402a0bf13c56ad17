import { describe, expect, it } from 'vitest';
import { type JobImageInput, jobImage, jobPng, jobSvg } from '../../src/images';
import { PALETTES } from '../../src/images/palette';
import { parseXml, PNG_SIGNATURE, pngSize, RUN } from './support';

const RUN_FIELDS = { ...RUN, status: 'failed', durationMs: 3_800_000, branch: 'main', commit: '1a2b3c4d5e6f7a8b9c0d', number: 57, workflow: 'CI', message: 'Fix <flaky> & "things"\n\nbody' } as const;

function input(steps: JobImageInput['run']['steps'], extra: Partial<JobImageInput> = {}): JobImageInput {
	return { run: { ...RUN_FIELDS, steps }, theme: 'light', ...extra };
}

const STEPS: JobImageInput['run']['steps'] = [
	{ index: 1, name: 'Set up job', status: 'success', durationMs: 2_000 },
	{ index: 2, name: 'Run npm ci', status: 'success', durationMs: 64_000 },
	{ index: 3, name: 'Run npm test', status: 'failed', exitCode: 1, durationMs: 3_723_000 },
	{ index: 4, name: 'Upload coverage', status: 'skipped' },
];

const texts = (svg: string) => parseXml(svg).filter((e) => e.name === 'text').map((e) => e.text);

describe('jobImage', () => {
	it('makes a PNG of the reported size', () => {
		const image = jobImage(input(STEPS));
		expect([...image.png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
		expect(pngSize(image.png)).toEqual({ width: image.width * image.scale, height: image.height * image.scale });
	});

	it('heads the list with the job, status, duration, branch, commit and message', () => {
		const all = texts(jobSvg(input(STEPS)));
		expect(all).toContain('GitHub Actions · atlas · CI · run 1234 (#57)');
		expect(all).toContain('test (ubuntu-latest, 20)');
		expect(all).toContain('Failed · 1h 03m 20s · branch main · commit 1a2b3c4');
		expect(all).toContain('Fix <flaky> & "things"');
	});

	it('lists every step with its icon, name and duration, failed ones tinted', () => {
		const svg = jobSvg(input(STEPS, { theme: 'dark' }));
		const all = texts(svg);
		for (const name of ['Set up job', 'Run npm ci', 'Run npm test', 'Upload coverage']) expect(all).toContain(name);
		expect(all).toContain('2s');
		expect(all).toContain('1m 04s');
		expect(all).toContain('exit 1 · 1h 02m 03s');
		const shapes = parseXml(svg).filter((e) => e.path.includes('g'));
		for (const status of ['success', 'failed', 'skipped'] as const) {
			expect(shapes.some((e) => e.attributes.fill === PALETTES.dark.status[status] || e.attributes.stroke === PALETTES.dark.status[status]), status).toBe(true);
		}
		expect(svg.split(`fill="${PALETTES.dark.mark.error.bg}"`).length - 1).toBe(1);
		// A failed step its configuration lets fail says so, in a job that passed.
		const allowed = jobSvg(input([{ index: 5, name: 'Run npm audit', status: 'failed', exitCode: 1, durationMs: 3_000, allowedToFail: true }], { theme: 'dark' }));
		expect(texts(allowed)).toContain('exit 1, allowed to fail · 3s');
	});

	it('grows with the steps and caps them with a count of the rest', () => {
		const many = Array.from({ length: 100 }, (_, i) => ({ index: i + 1, name: `step ${i + 1}`, status: 'success' as const }));
		const small = jobImage(input(many.slice(0, 2), { scale: 1 }));
		const capped = jobImage(input(many, { maxSteps: 10, scale: 1 }));
		expect(capped.height - small.height).toBe(9 * 36);
		expect(texts(capped.svg)).toContain('… 90 more steps');
		expect(texts(capped.svg)).not.toContain('step 11');
		expect(texts(jobSvg(input([])))).toContain('No steps recorded');
	});

	it('escapes names and never adds to them', () => {
		const name = '</text><script>alert(1)</script> ]]> *** token=ghp_x';
		const svg = jobSvg(input([{ index: 1, name, status: 'success' }]));
		expect(svg).not.toContain('<script');
		expect(texts(svg)).toContain(name);
	});

	it('draws the same PNG alone as with its SVG', () => {
		for (const scale of [1, 2] as const) {
			expect(Buffer.from(jobPng(input(STEPS, { scale }))).equals(Buffer.from(jobImage(input(STEPS, { scale })).png))).toBe(true);
		}
	});

	it('is deterministic', () => {
		const a = jobImage(input(STEPS));
		const b = jobImage(input(STEPS));
		expect(b.svg).toBe(a.svg);
		expect(Buffer.from(b.png).equals(Buffer.from(a.png))).toBe(true);
	});
});
