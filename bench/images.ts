/**
 * Stage-image throughput over the recorded logs of the corpus: each log is split into lines as
 * read (no run parser involved) and cut into synthetic 60-line steps, drawn as SVG in both
 * themes and, with `--png`, as PNG (light theme); then one zip of every PNG.
 *
 *   npx tsx bench/images.ts [logs-dir] [--png] [--scale=1|2] [--steps-per-log=N]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pngScale } from '../src/config/png-scale';
import { jobImage, runZip, stageImageName, stepImage, stepSvg } from '../src/images';
import { type LogMark, type RunStatus, RunStep } from '../src/model';

const args = process.argv.slice(2);
const png = args.includes('--png');
const perLog = Number(args.find((a) => a.startsWith('--steps-per-log='))?.split('=')[1] ?? 8);
const scale = args.includes('--scale=2') ? 2 : args.includes('--scale=1') ? 1 : pngScale();
const dir = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus/logs';

async function files(root: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(root, { withFileTypes: true })) {
		const path = join(root, entry.name);
		if (entry.isDirectory()) out.push(...(await files(path)));
		else if (!/\.(zip|gz)$/i.test(entry.name)) out.push(path);
	}
	return out.sort();
}

const STEP_LINES = 60;
const steps: { log: string; step: RunStep }[] = [];
for (const file of await files(dir)) {
	const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
	for (let k = 0; k < perLog && k * STEP_LINES < lines.length; k++) {
		const chunk = lines.slice(k * STEP_LINES, (k + 1) * STEP_LINES);
		const marks = chunk.flatMap((line, i): LogMark[] =>
			/\berror\b/i.test(line) ? [{ line: i, level: 'error' }] : /\bwarn(ing)?\b/i.test(line) ? [{ line: i, level: 'warning' }] : [],
		);
		const status: RunStatus = marks.some((m) => m.level === 'error') ? 'failed' : 'success';
		const step = RunStep.parse({ index: k + 1, name: `${relative(dir, file)} lines ${k * STEP_LINES + 1}+`, status, durationMs: 1000 + 997 * k, lines: chunk, marks });
		steps.push({ log: file, step });
	}
}

const run = { pipelineId: 'corpus', id: 'bench', job: 'bench', provider: 'github-actions' as const };
let svgBytes = 0;
let t = performance.now();
for (const { step } of steps) {
	for (const theme of ['light', 'dark'] as const) svgBytes += stepSvg({ run, step, theme }).length;
}
const svgMs = performance.now() - t;
const svgCount = steps.length * 2;

const pngs: { name: string; bytes: Uint8Array }[] = [];
let pngMs = 0;
if (png) {
	t = performance.now();
	for (const { step } of steps) {
		const image = stepImage({ run, step, theme: 'light', scale });
		pngs.push({ name: stageImageName(run.pipelineId, run.id, step, 'png'), bytes: image.png });
	}
	pngMs = performance.now() - t;
}

t = performance.now();
const job = jobImage({ theme: 'light', run: { ...run, status: 'failed', steps: steps.slice(0, 40).map((s) => s.step) } });
const jobMs = performance.now() - t;

const rate = (n: number, ms: number) => (ms > 0 ? (n / (ms / 1000)).toFixed(1) : '—');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(`${(await files(dir)).length} logs, ${steps.length} steps of up to ${STEP_LINES} lines`);
console.log(`svg: ${svgCount} images in ${svgMs.toFixed(0)} ms, ${rate(svgCount, svgMs)} SVG/s, ${kb(svgBytes / svgCount)} each`);
if (png) {
	const bytes = pngs.reduce((n, p) => n + p.bytes.length, 0);
	// Colour type 3: the image fitted a palette (see src/images/indexed-png.ts).
	const indexed = pngs.filter((p) => p.bytes[25] === 3).length;
	console.log(`png: ${pngs.length} images in ${pngMs.toFixed(0)} ms, ${rate(pngs.length, pngMs)} PNG/s at ${scale}x (SVG included), ${kb(bytes / pngs.length)} each, ${indexed} as palette images`);
	t = performance.now();
	const zip = runZip(pngs);
	console.log(`zip: ${pngs.length} PNGs, ${kb(zip.length)} in ${(performance.now() - t).toFixed(0)} ms`);
}
console.log(`job image (40 steps): ${job.width}×${job.height}, svg+png ${jobMs.toFixed(0)} ms`);
