/**
 * Limits of a workflow or job: `timeout-minutes`, `concurrency` and `permissions`. Their
 * shapes are checked by GitHub's own parser (./parser.ts), whose errors are reported at their
 * place; what it accepts is read here, expressions kept as written.
 */
import type { AccessLevel, Concurrency, MatrixStrategy, Permissions } from '../../model';
import { isNull, scalarText, valueOf, type YamlValue } from '../yaml';

/** `timeout-minutes: 30` as `30 minutes`; an expression as written, in minutes too. */
export function readTimeout(value: YamlValue | undefined): string | undefined {
	if (isNull(value) || value.kind !== 'scalar') return undefined;
	const text = typeof value.value === 'number' ? (value.source ?? String(value.value)) : scalarText(value);
	return text ? `${text} minute${value.value === 1 ? '' : 's'}` : undefined;
}

/** `concurrency: group` or `{ group, cancel-in-progress }`. */
export function readConcurrency(value: YamlValue | undefined): Concurrency | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar') {
		const group = scalarText(value);
		return group ? { group } : undefined;
	}
	if (value.kind !== 'map') return undefined;
	const group = scalarText(valueOf(value, 'group'));
	if (!group) return undefined;
	const cancel = valueOf(value, 'cancel-in-progress');
	if (cancel?.kind !== 'scalar' || cancel.value === null) return { group };
	return { group, cancelInProgress: typeof cancel.value === 'boolean' ? cancel.value : scalarText(cancel)! };
}

const LEVELS: Record<string, AccessLevel> = { read: 'read', write: 'write', none: 'none' };

/** `permissions: read-all | write-all | {}` or a map of scopes to `read`, `write` or `none`. */
export function readPermissions(value: YamlValue | undefined): Permissions | undefined {
	if (value === undefined) return undefined;
	if (value.kind === 'scalar') {
		if (value.value === 'read-all') return { all: 'read', scopes: {}, inherited: false };
		if (value.value === 'write-all') return { all: 'write', scopes: {}, inherited: false };
		return undefined;
	}
	if (value.kind !== 'map') return undefined;
	const scopes: Record<string, AccessLevel> = {};
	for (const entry of value.entries) {
		const level = LEVELS[scalarText(entry.value) ?? ''];
		if (level) scopes[entry.key] = level;
	}
	return value.entries.length === 0 ? { all: 'none', scopes: {}, inherited: false } : { scopes, inherited: false };
}

/** `continue-on-error: true`, or an expression as written; false when it is `false` or absent. */
export function readContinueOnError(value: YamlValue | undefined): boolean | string {
	if (value?.kind !== 'scalar') return false;
	if (value.value === true || value.value === 'true') return true;
	return typeof value.value === 'string' && value.value.includes('${{') ? value.value : false;
}

/** `strategy`'s `fail-fast` and `max-parallel`, for a job with a matrix. */
export function readStrategy(value: YamlValue | undefined): MatrixStrategy | undefined {
	if (value?.kind !== 'map' || isNull(valueOf(value, 'matrix'))) return undefined;
	const failFast = valueOf(value, 'fail-fast');
	const strategy: MatrixStrategy = { failFast: true };
	if (failFast?.kind === 'scalar' && failFast.value !== null) strategy.failFast = typeof failFast.value === 'boolean' ? failFast.value : scalarText(failFast)!;
	const maxParallel = valueOf(value, 'max-parallel');
	if (maxParallel?.kind === 'scalar' && maxParallel.value !== null) strategy.maxParallel = scalarText(maxParallel)!;
	return strategy;
}
