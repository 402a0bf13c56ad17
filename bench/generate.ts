/**
 * Synthetic inputs for the performance benchmark: a `pipelines/` folder (CircleCI 2.1, GitHub
 * Actions, GitLab CI and Bitbucket Pipelines configs, with recorded runs of the first three) and
 * a `content/` folder (onboarding docs and authored explanations), at three sizes. Deterministic: the same arguments give byte-identical
 * output (seeded mulberry32 streams, no clock, sorted iteration).
 *
 *   npx tsx bench/generate.ts --size S|M|L --out DIR
 *
 * Sizes are totals across all pipelines, counted as the parser counts them: pipelines, jobs
 * (`pipeline.jobs`), steps (leaf steps of those jobs: a reusable command, composite action or
 * reusable workflow counts the steps it expands to), runs (job runs: what `readRuns` returns; a
 * GitHub run folder may hold up to three jobs) and log lines (lines of the run log files).
 *
 * | size | pipelines | jobs  | steps  | runs  | log lines |
 * |------|-----------|-------|--------|-------|-----------|
 * | S    | 10        | 200   | 2,000  | 20    | 50,000    |
 * | M    | 100       | 2,000 | 20,000 | 200   | 500,000   |
 * | L    | 300       | 6,000 | 60,000 | 1,000 | 3,000,000 |
 *
 * Every recorded run matches a job of its pipeline and every config step of the job is found in
 * its run. Three job shapes are generated but never recorded, because the run matcher cannot
 * resolve the names the CI gives their runs: GitHub matrix jobs with a `name:` (`Unit tests (20)`),
 * jobs of a called reusable workflow (`e2e / playwright`) and GitLab `parallel: N` jobs
 * (`integration 1/3`). Parsed log lines come out slightly below the written ones: the parsers fold
 * away `##[endgroup]` and GitLab `section_end` marker lines.
 *
 * Generation writes DIR/pipelines and DIR/content (replacing them); M takes seconds, L (~480 MB)
 * under half a minute on two cores.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitBitbucket } from './generate/bitbucket';
import { emitCircleci } from './generate/circleci';
import { contentFiles } from './generate/content';
import { emitGithub } from './generate/github';
import { emitGitlab, GITLAB_MAX_STEPS } from './generate/gitlab';
import { planJobs, type JobSpec } from './generate/jobs';
import { apportion, Rng } from './generate/rng';
import { planRuns, shareLines, writeFolder } from './generate/runs';
import type { EmitResult, PipelinePlan, ProviderId } from './generate/types';
import { COMPONENTS, SERVICE_PREFIXES, SERVICE_SUFFIXES, STACK_IDS, STACK_WEIGHTS, STACKS } from './generate/vocab';

export type Size = 'S' | 'M' | 'L';

export const SIZES: Record<Size, { pipelines: number; jobs: number; steps: number; runs: number; logLines: number }> = {
	S: { pipelines: 10, jobs: 200, steps: 2_000, runs: 20, logLines: 50_000 },
	M: { pipelines: 100, jobs: 2_000, steps: 20_000, runs: 200, logLines: 500_000 },
	L: { pipelines: 300, jobs: 6_000, steps: 60_000, runs: 1_000, logLines: 3_000_000 },
};

/** Marks a folder this generator wrote, so a rerun may replace its pipelines/ and content/. */
const MARKER = '.pipeline-atlas-bench';

export interface Totals {
	pipelines: number;
	jobs: number;
	steps: number;
	runs: number;
	runFolders: number;
	logLines: number;
	files: number;
	bytes: number;
	byProvider: Record<ProviderId, { pipelines: number; jobs: number; steps: number; runs: number }>;
}

/** Providers in the mix: 40% CircleCI, 30% GitHub Actions, 20% GitLab, 10% Bitbucket, interleaved. */
function providers(count: number, rng: Rng): ProviderId[] {
	const circle = Math.round(count * 0.4);
	const gitlab = Math.round(count * 0.2);
	const bitbucket = Math.round(count * 0.1);
	const github = count - circle - gitlab - bitbucket;
	return rng.shuffle([...Array<ProviderId>(circle).fill('circleci'), ...Array<ProviderId>(github).fill('github'), ...Array<ProviderId>(gitlab).fill('gitlab'), ...Array<ProviderId>(bitbucket).fill('bitbucket')]);
}

function weighted<T extends string>(weights: Record<T, number>, keys: readonly T[], rng: Rng): T {
	const total = keys.reduce((n, k) => n + weights[k], 0);
	let x = rng.next() * total;
	for (const k of keys) {
		x -= weights[k];
		if (x < 0) return k;
	}
	return keys.at(-1)!;
}

/** Every pipeline's plan, with each job's step budget decided so the totals come out exactly. */
export function planPipelines(size: Size): PipelinePlan[] {
	const target = SIZES[size];
	const rng = new Rng(`pipeline-atlas-bench:${size}`);
	const kinds = providers(target.pipelines, rng);
	const jobCounts = apportion(
		target.jobs,
		kinds.map(() => rng.logNormal(0.45)),
		6,
		60,
	);
	const names = new Set<string>();
	const plans: PipelinePlan[] = kinds.map((provider, index) => {
		const prng = new Rng(`pipeline-atlas-bench:${size}:pipeline:${index}`);
		let name = `${prng.pick(SERVICE_PREFIXES)}-${prng.pick(SERVICE_SUFFIXES)}`;
		while (names.has(name)) name = `${prng.pick(SERVICE_PREFIXES)}-${prng.pick(SERVICE_SUFFIXES)}`;
		names.add(name);
		const stack = STACKS[weighted(STACK_WEIGHTS, STACK_IDS, prng)];
		const count = jobCounts[index]!;
		const components = prng.shuffle(prng.sample(COMPONENTS, Math.min(COMPONENTS.length, Math.ceil(count / 2.5) + 1)));
		const jobs = planJobs(count, stack, components, prng, { installJob: provider === 'circleci' && prng.chance(0.4) });
		shapeForProvider(provider, jobs, stack.orb?.alias, prng);
		return { index, name, provider, stack, components, jobs, defaultBranch: prng.chance(0.85) ? 'main' : 'master', org: prng.pick(['example-org', 'acme-platform', 'northwind']), rng: prng.fork('emit') };
	});

	// The step budget: fixed jobs first, the rest shared by weight within each job's bounds.
	const all = plans.flatMap((p) => p.jobs);
	const flexible = all.filter((j) => j.fixed === undefined);
	const fixed = all.reduce((n, j) => n + (j.fixed ?? 0), 0);
	const steps = apportion(
		target.steps - fixed,
		flexible.map((j) => j.weight),
		flexible.map((j) => j.min),
		flexible.map((j) => j.max),
	);
	flexible.forEach((j, i) => (j.steps = steps[i]));
	for (const j of all) if (j.fixed !== undefined) j.steps = j.fixed;
	return plans;
}

/** Provider-specific jobs: GitLab's step range, CircleCI orb jobs, a GitHub reusable workflow and its caller. */
function shapeForProvider(provider: ProviderId, jobs: JobSpec[], orbAlias: string | undefined, rng: Rng): void {
	if (provider === 'gitlab') {
		for (const j of jobs) {
			j.min = 1;
			j.max = GITLAB_MAX_STEPS;
		}
		return;
	}
	if (provider === 'circleci' && (orbAlias === 'node' || orbAlias === 'python') && rng.chance(0.4)) {
		// The orb's own test job: the model lists it without steps (the orb is not vendored).
		const last = jobs.pop()!;
		jobs.push({ ...last, key: `${orbAlias}/test`, archetype: 'unit', fixed: 0, min: 0, max: 0 });
		return;
	}
	if (provider === 'github' && jobs.length >= 6 && rng.chance(0.7)) {
		// A reusable workflow of the pipeline and the job that calls it; the caller's steps are the called job's.
		const suite = jobs.find((j) => j.archetype === 'e2e' || j.archetype === 'integration');
		if (!suite) return;
		// Keep the job count: the last other job makes room for the called one.
		jobs.splice(jobs.findLastIndex((j) => j !== suite), 1);
		const steps = rng.int(4, 9);
		const at = jobs.indexOf(suite);
		jobs.splice(at, 1, { ...suite, role: 'caller', fixed: steps, min: steps, max: steps }, { ...suite, key: suite.archetype === 'e2e' ? 'browser-tests' : `${suite.key}-suite`, role: 'called', fixed: steps, min: steps, max: steps });
	}
}

export interface GenerateOptions {
	size: Size;
	out: string;
	/** Called with each file written (relative path, size in bytes). */
	onFile?: (path: string, bytes: number) => void;
}

export function generate({ size, out, onFile }: GenerateOptions): Totals {
	const root = resolve(out);
	// Only what this generator wrote before is replaced (a rerun gives the same tree, byte for
	// byte); a folder with pipelines/ or content/ of its own, like the project's, is refused.
	const marker = join(root, MARKER);
	if (!existsSync(marker) && (existsSync(join(root, 'pipelines')) || existsSync(join(root, 'content')))) {
		throw new Error(`${root} already has a pipelines/ or content/ folder that this generator did not write; choose an empty or new --out`);
	}
	rmSync(join(root, 'pipelines'), { recursive: true, force: true });
	rmSync(join(root, 'content'), { recursive: true, force: true });
	let files = 0;
	let bytes = 0;
	const made = new Set<string>();
	const write = (rel: string, content: string) => {
		const path = join(root, rel);
		const dir = dirname(path);
		if (!made.has(dir)) {
			mkdirSync(dir, { recursive: true });
			made.add(dir);
		}
		const data = Buffer.from(content, 'utf8');
		writeFileSync(path, data);
		files++;
		bytes += data.length;
		onFile?.(rel, data.length);
	};

	write(MARKER, `Written by bench/generate.ts --size ${size}: pipelines/ and content/ are replaced on the next run.\n`);
	const plans = planPipelines(size);
	const emitted: { plan: PipelinePlan; result: EmitResult }[] = [];
	const byProvider: Totals['byProvider'] = { circleci: { pipelines: 0, jobs: 0, steps: 0, runs: 0 }, github: { pipelines: 0, jobs: 0, steps: 0, runs: 0 }, gitlab: { pipelines: 0, jobs: 0, steps: 0, runs: 0 }, bitbucket: { pipelines: 0, jobs: 0, steps: 0, runs: 0 } };
	for (const plan of plans) {
		const result = plan.provider === 'circleci' ? emitCircleci(plan) : plan.provider === 'github' ? emitGithub(plan) : plan.provider === 'gitlab' ? emitGitlab(plan) : emitBitbucket(plan);
		emitted.push({ plan, result });
		for (const [path, text] of [...result.files].sort(([a], [b]) => (a < b ? -1 : 1))) write(`pipelines/${plan.name}/${path}`, text);
		const meta = pipelineYml(plan);
		if (meta) write(`pipelines/${plan.name}/pipeline.yml`, meta);
		const p = byProvider[plan.provider];
		p.pipelines++;
		p.jobs += result.jobs;
		p.steps += result.steps;
	}
	const jobs = emitted.reduce((n, e) => n + e.result.jobs, 0);
	const steps = emitted.reduce((n, e) => n + e.result.steps, 0);
	const target = SIZES[size];
	if (jobs !== target.jobs || steps !== target.steps) throw new Error(`generate: planned ${jobs} jobs and ${steps} steps, not ${target.jobs} and ${target.steps}`);

	const seed = `pipeline-atlas-bench:${size}`;
	const folders = planRuns(
		emitted.map((e) => ({ plan: e.plan, runnable: e.result.runnable })),
		target.runs,
		seed,
	);
	const planned = shareLines(folders, target.logLines, seed);
	let logLines = 0;
	for (const folder of folders) {
		const written = writeFolder(folder, seed, (rel, text) => write(`pipelines/${rel}`, text));
		logLines += written;
		byProvider[folder.provider].runs += folder.jobs.length;
	}
	if (logLines !== planned) throw new Error(`generate: wrote ${logLines} log lines, planned ${planned}`);

	for (const [path, text] of contentFiles(plans)) write(`content/${path}`, text);
	return { pipelines: plans.length, jobs, steps, runs: folders.reduce((n, f) => n + f.jobs.length, 0), runFolders: folders.length, logLines, files, bytes, byProvider };
}

function pipelineYml(plan: PipelinePlan): string | undefined {
	const rng = new Rng(`pipeline-yml:${plan.name}`);
	if (!rng.chance(0.7)) return undefined;
	const host = plan.provider === 'gitlab' ? 'gitlab.com' : plan.provider === 'bitbucket' ? 'bitbucket.org' : 'github.com';
	const lines = [
		`title: ${plan.name.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase())} (${plan.stack.id})`,
		'description: >',
		`  The ${plan.name} service: ${plan.components.slice(0, 3).join(', ')} and more, built and tested on every push.`,
		`  ${plan.defaultBranch} is deployed to staging; a version tag goes to production once approved.`,
		`repository: https://${host}/${plan.org}/${plan.name}`,
		`defaultBranch: ${plan.defaultBranch}`,
	];
	// CircleCI has no environments of its own: name the deploy targets here.
	const deploys = plan.jobs.filter((j) => j.archetype === 'deploy' && j.environment);
	if (plan.provider === 'circleci' && deploys.length) {
		lines.push('deployTargets:');
		for (const j of deploys) lines.push(`  - id: ${j.environment}`, `    name: ${j.environment![0]!.toUpperCase()}${j.environment!.slice(1)} (EKS)`, `    tier: ${j.environment}`, `    url: https://${j.component}.${j.environment === 'production' ? '' : `${j.environment}.`}example.com`, `    jobs: [${j.key}]`);
		if (deploys.some((j) => j.environment === 'staging') && deploys.some((j) => j.environment === 'production')) lines.push('promotions:', '  - from: staging', '    to: production', '    description: Production runs the image staging already runs.');
	}
	return `${lines.join('\n')}\n`;
}

function parseArgs(argv: string[]): { size: Size; out: string } {
	let size: string | undefined;
	let out: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--size') size = argv[++i];
		else if (arg.startsWith('--size=')) size = arg.slice('--size='.length);
		else if (arg === '--out') out = argv[++i];
		else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
		else throw new Error(`unknown argument ${arg}`);
	}
	if (size !== 'S' && size !== 'M' && size !== 'L') throw new Error('--size must be S, M or L');
	if (!out) throw new Error('--out DIR is required');
	return { size, out };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	let args: { size: Size; out: string };
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\nusage: npx tsx bench/generate.ts --size S|M|L --out DIR`);
		process.exit(2);
	}
	const started = performance.now();
	let totals: Totals;
	try {
		totals = generate(args);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
	const seconds = (performance.now() - started) / 1000;
	const n = (x: number) => x.toLocaleString('en-US');
	console.log(`size ${args.size} -> ${resolve(args.out)} in ${seconds.toFixed(1)} s`);
	console.log(`  pipelines ${n(totals.pipelines)}, jobs ${n(totals.jobs)}, steps ${n(totals.steps)}, runs ${n(totals.runs)} (${n(totals.runFolders)} run folders), log lines ${n(totals.logLines)}`);
	for (const [provider, t] of Object.entries(totals.byProvider)) console.log(`    ${provider.padEnd(8)} pipelines ${n(t.pipelines)}, jobs ${n(t.jobs)}, steps ${n(t.steps)}, runs ${n(t.runs)}`);
	console.log(`  files ${n(totals.files)}, bytes ${n(totals.bytes)} (${(totals.bytes / 1024 / 1024).toFixed(1)} MiB)`);
}
