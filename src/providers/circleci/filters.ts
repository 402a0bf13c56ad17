/**
 * Branch and tag filters of workflow jobs and schedules, in both of CircleCI's forms: the
 * `branches`/`tags` map with `only`/`ignore` patterns, and the newer expression string
 * (`filters: pipeline.git.branch == "main"`).
 */
import type { Filters, Pattern, RefFilter } from '../../model';
import { isNull, scalarText, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import type { Reporter } from '../report';

/** `location` is where the filters are written (their key), `value.location` by default. */
export function readFilters(value: YamlValue, report: Reporter, context: 'filters' | 'scheduleFilters' = 'filters', location = value.location): Filters | undefined {
	if (value.kind === 'scalar') {
		const expression = scalarText(value);
		if (expression === undefined) return undefined;
		if (context === 'scheduleFilters') {
			report.error('invalid-type', 'Schedule `filters` must be a map with `branches`', value.location);
			return undefined;
		}
		return { expression, location };
	}
	if (value.kind !== 'map') {
		report.error('invalid-type', '`filters` must be a map (`branches`, `tags`) or an expression', value.location);
		return undefined;
	}
	checkKeys(value, context, report);
	const filters: Filters = { location };
	for (const entry of value.entries) {
		if (entry.key !== 'branches' && entry.key !== 'tags') continue;
		const refFilter = readRefFilter(entry.value, entry.key, report);
		if (refFilter) filters[entry.key] = refFilter;
	}
	return filters;
}

function readRefFilter(value: YamlValue, what: 'branches' | 'tags', report: Reporter): RefFilter | undefined {
	if (isNull(value)) return undefined;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`${what}\` must be a map with \`only\` and/or \`ignore\``, value.location);
		return undefined;
	}
	checkKeys(value, 'refFilter', report);
	const filter: RefFilter = {};
	for (const entry of value.entries) {
		if (entry.key !== 'only' && entry.key !== 'ignore') continue;
		const patterns = readPatterns(entry.value, `${what}.${entry.key}`, report);
		if (patterns) filter[entry.key] = patterns;
	}
	return filter;
}

function readPatterns(value: YamlValue, what: string, report: Reporter): Pattern[] | undefined {
	if (value.kind === 'map') {
		report.error('invalid-type', `\`${what}\` must be a name, a /regex/ or a list of them`, value.location);
		return undefined;
	}
	const items = value.kind === 'seq' ? value.items : [value];
	const patterns: Pattern[] = [];
	for (const item of items) {
		const text = scalarText(item);
		if (text === undefined) {
			if (item.kind !== 'scalar') report.error('invalid-type', `Each item of \`${what}\` must be a name or a /regex/`, item.location);
			continue;
		}
		patterns.push(toPattern(text));
	}
	return patterns;
}

/** `/v[0-9]+/` is a regular expression that must match the whole name; anything else a name. */
export function toPattern(text: string): Pattern {
	const regex = /^\/(.*)\/$/s.exec(text);
	return regex ? { kind: 'regex', value: regex[1]! } : { kind: 'exact', value: text };
}
