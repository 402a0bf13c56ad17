import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { assembleFolder } from '../ingest/assemble';
import { detectFile } from '../ingest/detect';
import { byCodePoint } from '../ingest/order';
import { MAX_CONFIG_BYTES } from '../ingest/read';
import { explanationCoverage, type ExplanationCoverage } from '../knowledge/explain/coverage';
import type { Pipeline, Provider } from '../model';
import { UsageError } from './errors';

type Outcome = 'clean' | 'warnings' | 'rejected' | 'crashed';

export interface ConformanceRow {
	provider: Provider;
	files: number;
	clean: number;
	warnings: number;
	rejected: number;
	crashed: number;
	/** `key` -> how many times it was reported not modelled. */
	notModelled: Map<string, number>;
	/** file:line:col and message of each rejection, so none goes unexplained. */
	rejections: string[];
	crashes: string[];
	/** How many of this provider's steps get a built-in explanation. */
	explanations: ExplanationCoverage;
}

/** What one file's pipelines say about how well we read it. */
export function outcomeOf(pipelines: readonly Pipeline[]): Outcome {
	const diagnostics = pipelines.flatMap((p) => p.diagnostics);
	if (diagnostics.some((d) => d.code.startsWith('internal'))) return 'crashed';
	if (diagnostics.some((d) => d.severity === 'error')) return 'rejected';
	if (diagnostics.some((d) => d.severity === 'warning')) return 'warnings';
	return 'clean';
}

export interface Conformance {
	rows: ConformanceRow[];
	/** Files that are not a configuration of a CI Pipeline Atlas reads (other CIs, other YAML). */
	unrecognised: string[];
	/** Built-in explanations over every step of every file read. */
	explanations: ExplanationCoverage;
}

/** Every CI config under `dir`, each read on its own as a single-file pipeline. */
export async function conformanceOf(dir: string): Promise<Conformance> {
	const rows = new Map<Provider, ConformanceRow>();
	const unrecognised: string[] = [];
	const read = new Map<Provider, Pipeline[]>();
	for (const path of await listFiles(dir)) {
		if ((await stat(path)).size > MAX_CONFIG_BYTES) continue;
		const text = await readFile(path, 'utf8');
		const name = basename(path);
		const detection = detectFile(name, text);
		const shown = relative(process.cwd(), path) || path;
		if (!detection || !['config', 'workflow'].includes(detection.role)) {
			if (/\.ya?ml$/i.test(name)) unrecognised.push(shown);
			continue;
		}
		const row = rows.get(detection.provider) ?? emptyRow(detection.provider);
		rows.set(detection.provider, row);
		row.files++;
		let pipelines: Pipeline[];
		try {
			pipelines = assembleFolder({ group: 'conformance', displayPrefix: `${dirname(shown)}/`, files: [{ path: name, text }], only: [name] });
		} catch (error) {
			row.crashed++;
			row.crashes.push(`${shown}: ${error instanceof Error ? error.stack : String(error)}`);
			continue;
		}
		const outcome = outcomeOf(pipelines);
		row[outcome]++;
		if (!read.has(detection.provider)) read.set(detection.provider, []);
		read.get(detection.provider)!.push(...pipelines);
		for (const d of pipelines.flatMap((p) => p.diagnostics)) {
			const { file, line, column } = d.location;
			if (d.code === 'not-modelled') {
				const key = /`([^`]+)`/.exec(d.message)?.[1] ?? d.message;
				row.notModelled.set(key, (row.notModelled.get(key) ?? 0) + 1);
			}
			if (d.severity === 'error') (outcome === 'crashed' ? row.crashes : row.rejections).push(`${file}:${line}:${column}: ${d.message}`);
		}
	}
	for (const row of rows.values()) row.explanations = explanationCoverage(read.get(row.provider) ?? []);
	return {
		rows: [...rows.values()].sort((a, b) => byCodePoint(a.provider, b.provider)),
		unrecognised,
		explanations: explanationCoverage([...read.values()].flat()),
	};
}

function emptyRow(provider: Provider): ConformanceRow {
	return { provider, files: 0, clean: 0, warnings: 0, rejected: 0, crashed: 0, notModelled: new Map(), rejections: [], crashes: [], explanations: explanationCoverage([]) };
}

async function listFiles(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name))) {
		const full = join(dir, entry.name);
		if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') out.push(...(await listFiles(full)));
		else if (entry.isFile()) out.push(full);
	}
	return out;
}

/** `pipeline-atlas conformance <dir>`: exit 1 when any file crashed the reader. */
export async function conformance(dir: string): Promise<number> {
	const info = await stat(dir).catch(() => undefined);
	if (!info?.isDirectory()) throw new UsageError(`no such folder: ${dir}`);
	const { rows, unrecognised, explanations } = await conformanceOf(dir);
	const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`);
	const header = ['provider', 'files', 'clean', 'warnings', 'rejected', 'crashed', 'parsed', 'explained'];
	const table = rows.map((r) =>
		[r.provider, r.files, r.clean, r.warnings, r.rejected, r.crashed, pct(r.clean + r.warnings, r.files), pct(r.explanations.explained, r.explanations.steps)].map(String),
	);
	const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	console.log(line(header));
	for (const row of table) console.log(line(row));
	for (const r of rows) {
		const top = [...r.notModelled].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).slice(0, 10);
		if (top.length > 0) console.log(`\n${r.provider}: keys most often not modelled: ${top.map(([k, n]) => `${k} (${n})`).join(', ')}`);
		if (r.rejections.length > 0) console.log(`\n${r.provider}: rejected, with why:\n${r.rejections.map((x) => `  ${x}`).join('\n')}`);
		if (r.crashes.length > 0) console.log(`\n${r.provider}: CRASHED:\n${r.crashes.map((x) => `  ${x}`).join('\n')}`);
	}
	const count = (n: number) => n.toLocaleString('en-US');
	console.log(`\nexplanations: ${count(explanations.explained)} of ${count(explanations.steps)} steps (${pct(explanations.explained, explanations.steps)})`);
	const missing = explanations.unexplained.slice(0, 15);
	if (missing.length > 0) {
		const width = Math.max(...missing.map((m) => String(m.count).length));
		console.log(`most common steps without one:\n${missing.map((m) => `  ${String(m.count).padStart(width)}  ${m.item}`).join('\n')}`);
	}
	if (unrecognised.length > 0) {
		console.log(`\nnot recognised as GitHub Actions, GitLab CI, Bitbucket Pipelines or CircleCI configuration (${unrecognised.length}):\n${unrecognised.map((x) => `  ${x}`).join('\n')}`);
	}
	return rows.some((r) => r.crashed > 0) ? 1 : 0;
}

