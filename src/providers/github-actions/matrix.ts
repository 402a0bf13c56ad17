/**
 * `strategy.matrix` expanded as GitHub does: the product of the vectors, minus `exclude`, then
 * each `include` object merged into every combination it does not contradict (or added as a
 * combination of its own). Instances are named as GitHub's UI names them: `test (ubuntu-latest, 20)`.
 */
import type { SourceLocation } from '../../model';
import type { Reporter } from '../report';
import { describeValue, renderInline, scalarText, type YamlValue } from '../yaml';
import { isExpression } from './env';

/** GitHub's own limit on the jobs one matrix may generate. */
export const MAX_MATRIX_INSTANCES = 256;

export type Combination = [key: string, value: string][];

export interface MatrixResult {
	/** undefined: no matrix, or one only known at run time. */
	combinations?: Combination[];
	/** The full count before capping. */
	total: number;
}

function text(value: YamlValue): string {
	return value.kind === 'scalar' ? scalarText(value) ?? '' : renderInline(value);
}

export function expandMatrix(matrix: YamlValue | undefined, jobKey: string, report: Reporter): MatrixResult {
	if (matrix === undefined) return { total: 1 };
	if (matrix.kind === 'scalar') {
		if (!isExpression(text(matrix))) report.error('invalid-type', `\`matrix\` of job \`${jobKey}\` must be a map of vectors, not ${describeValue(matrix)}`, matrix.location);
		else report.info('matrix-dynamic', `The matrix of job \`${jobKey}\` is computed at run time (\`${text(matrix)}\`); it is shown as one job`, matrix.location);
		return { total: 1 };
	}
	if (matrix.kind !== 'map') {
		report.error('invalid-type', `\`matrix\` of job \`${jobKey}\` must be a map of vectors, not a list`, matrix.location);
		return { total: 1 };
	}
	const vectors: [string, string[]][] = [];
	let includes: Combination[] = [];
	let excludes: Combination[] = [];
	for (const entry of matrix.entries) {
		const value = entry.value;
		if (entry.key === 'include' || entry.key === 'exclude') {
			if (value.kind === 'scalar' && isExpression(text(value))) return dynamic(jobKey, entry.key, value.location, report);
			const list = value.kind === 'seq' ? value.items : [];
			const combos = list.filter((item) => item.kind === 'map').map((item) => (item.kind === 'map' ? item.entries.map((e): [string, string] => [e.key, text(e.value)]) : []));
			if (entry.key === 'include') includes = combos;
			else excludes = combos;
			continue;
		}
		if (value.kind === 'seq') {
			vectors.push([entry.key, value.items.map(text)]);
		} else if (value.kind === 'scalar' && isExpression(text(value))) {
			return dynamic(jobKey, entry.key, value.location, report);
		} else {
			report.error('invalid-type', `Matrix vector \`${entry.key}\` of job \`${jobKey}\` must be a list, not ${describeValue(value)}`, value.location);
		}
	}
	let base: Combination[] = vectors.length > 0 ? [[]] : [];
	for (const [key, values] of vectors) {
		const next: Combination[] = [];
		for (const combo of base) for (const value of values) next.push([...combo, [key, value]]);
		base = next;
		if (base.length > 100_000) break;
	}
	base = base.filter((combo) => !excludes.some((ex) => ex.every(([k, v]) => combo.some(([ck, cv]) => ck === k && cv === v))));
	const original = new Set(vectors.map(([key]) => key));
	const extra: Combination[] = [];
	for (const include of includes) {
		let merged = false;
		for (const combo of base) {
			const fits = include.every(([k, v]) => !original.has(k) || combo.some(([ck, cv]) => ck === k && cv === v));
			if (!fits) continue;
			merged = true;
			for (const [k, v] of include) {
				const at = combo.findIndex(([ck]) => ck === k);
				if (at >= 0) combo[at] = [k, v];
				else combo.push([k, v]);
			}
		}
		if (!merged) extra.push([...include]);
	}
	const all = [...base, ...extra];
	if (all.length === 0) {
		report.error('empty-matrix', `The matrix of job \`${jobKey}\` has no combinations left: GitHub refuses it ("Matrix must define at least one vector")`, matrix.location);
		return { total: 1 };
	}
	if (all.length > MAX_MATRIX_INSTANCES) {
		report.warning(
			'matrix-limit',
			`The matrix of job \`${jobKey}\` generates ${all.length} jobs, more than GitHub's limit of ${MAX_MATRIX_INSTANCES}; only the first ${MAX_MATRIX_INSTANCES} are shown`,
			matrix.location,
			'GitHub fails a workflow whose matrix generates more than 256 jobs.',
		);
	}
	return { combinations: all.slice(0, MAX_MATRIX_INSTANCES), total: all.length };
}

function dynamic(jobKey: string, key: string, location: SourceLocation, report: Reporter): MatrixResult {
	report.info('matrix-dynamic', `\`${key}\` of the matrix of job \`${jobKey}\` is computed at run time; the job is shown once, without its instances`, location);
	return { total: 1 };
}

/** GitHub's name of one instance: the job's name followed by the values in order. */
export function instanceName(base: string, combination: Combination): string {
	return `${base} (${combination.map(([, value]) => value).join(', ')})`;
}
