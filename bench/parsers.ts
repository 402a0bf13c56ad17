/**
 * The parsers alone, without a build: `npx tsx bench/parsers.ts <input-dir> [--reps N]`, where
 * the input is a generated one (`npx tsx bench/generate.ts --size M --out DIR`, then
 * `DIR/pipelines`). Prints what `npm run bench` reports for config and log parsing.
 */
import { benchParsers } from './lib/parsers';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args[repsAt + 1]) : 3;
if (!dir) {
	console.error('usage: npx tsx bench/parsers.ts <pipelines-dir> [--reps N]');
	process.exit(2);
}
const { configs, runs } = await benchParsers(dir, reps, 0, (s) => console.log(s));
const f = (n: number) => n.toFixed(0);
console.log(`config parsing: ${configs.files} files, readPipelines ${f(configs.readPipelinesMs)} ms = ${f(configs.filesPerS)} files/s (providers alone ${f(configs.parseOnlyFilesPerS)} files/s; budget > 500); the first pass ${f(configs.firstPassMs)} ms`);
console.log(
	`log parsing: readRuns ${f(runs.readRunsMs)} ms, without reading ${f(runs.runsOfFolderMs)} ms, parsers alone ${f(runs.parseOnlyMs)} ms, read+split ${f(runs.readSplitMs)} ms: ratio ${runs.ratio.toFixed(2)}× (parsers alone ${runs.parseOnlyRatio.toFixed(2)}×; budget ≤ 3×)`,
);
