/**
 * `matrix` on a workflow job: one job instance per combination of parameter values, minus
 * `exclude`d ones, named as CircleCI names them (`test-linux-18`: the job name then each
 * value in the order the parameters are listed), or from `name:` with `<< matrix.x >>`
 * substituted. `alias` (default: the job name) lets `requires` name all instances at once.
 */
import { renderInline, scalarText, valueOf, type YamlEntry, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import type { Reporter } from '../report';

export interface MatrixInstance {
	/** Parameter values, in the order the matrix lists the parameters. */
	values: YamlEntry[];
}

export interface Matrix {
	alias: string;
	instances: MatrixInstance[];
}

/** Beyond this many combinations the matrix is cut: a page of thousands of jobs helps nobody. */
const MAX_INSTANCES = 256;

export function expandMatrix(value: YamlValue, jobName: string, report: Reporter): Matrix | undefined {
	if (value.kind !== 'map') {
		report.error('invalid-type', '`matrix` must be a map with `parameters`', value.location);
		return undefined;
	}
	checkKeys(value, 'matrix', report);
	const parameters = valueOf(value, 'parameters');
	if (parameters?.kind !== 'map' || parameters.entries.length === 0) {
		report.error('missing-key', '`matrix` needs `parameters`: a map of parameter names to lists of values', value.location);
		return undefined;
	}
	const axes = parameters.entries.map((entry) => {
		if (entry.value.kind !== 'seq') {
			report.error('invalid-type', `Matrix parameter \`${entry.key}\` must be a list of values`, entry.value.location);
			return { entry, values: [entry.value] };
		}
		return { entry, values: entry.value.items };
	});

	let combinations: YamlEntry[][] = [[]];
	for (const { entry, values } of axes) {
		combinations = combinations.flatMap((partial) => values.map((item) => [...partial, { key: entry.key, keyLocation: entry.keyLocation, value: item }]));
	}
	const excluded = readExcludes(valueOf(value, 'exclude'), report);
	let instances = combinations.filter((values) => !excluded.some((exclude) => matches(values, exclude)));
	if (instances.length > MAX_INSTANCES) {
		report.warning('matrix-limit', `This matrix has ${instances.length} combinations; only the first ${MAX_INSTANCES} are shown`, value.location);
		instances = instances.slice(0, MAX_INSTANCES);
	}
	if (instances.length === 0) report.warning('empty-matrix', '`exclude` removes every combination of this matrix: it runs no job', value.location);
	return { alias: scalarText(valueOf(value, 'alias')) ?? jobName, instances: instances.map((values) => ({ values })) };
}

/** CircleCI's name for an instance without `name:`: `<job>-<value1>-<value2>`. */
export function defaultInstanceName(jobName: string, instance: MatrixInstance): string {
	return [jobName, ...instance.values.map((entry) => valueText(entry.value))].join('-');
}

export function valueText(value: YamlValue): string {
	return value.kind === 'scalar' ? scalarText(value) ?? '' : renderInline(value);
}

function readExcludes(value: YamlValue | undefined, report: Reporter): Map<string, string>[] {
	if (value === undefined) return [];
	if (value.kind !== 'seq') {
		report.error('invalid-type', '`exclude` must be a list of parameter maps', value.location);
		return [];
	}
	const excludes: Map<string, string>[] = [];
	for (const item of value.items) {
		if (item.kind !== 'map') {
			report.error('invalid-type', 'Each `exclude` item must be a map of parameter values', item.location);
			continue;
		}
		excludes.push(new Map(item.entries.map((entry) => [entry.key, valueText(entry.value)])));
	}
	return excludes;
}

function matches(values: YamlEntry[], exclude: Map<string, string>): boolean {
	return [...exclude].every(([key, text]) => values.some((entry) => entry.key === key && valueText(entry.value) === text));
}
