/** A job's `timeout`, `retry` and `resource_group` (after `default:` is applied). */
import { OnJobFailure, OnNewCommit, type AutoCancel, type Concurrency, type Retry } from '../../model';
import type { Reporter } from '../report';
import { describeValue, isNull, renderInline, scalarText, valueOf, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import { flattenList } from './merge';

/** GitLab retries a job at most twice. */
const MAX_RETRIES = 2;

/** `timeout: 1h 30m`, as written: GitLab reads many spellings of a duration. */
export function readTimeout(value: YamlValue | undefined, report: Reporter): string | undefined {
	if (isNull(value)) return undefined;
	const text = scalarText(value);
	if (text === undefined || text.trim() === '') {
		report.error('invalid-type', `\`timeout\` must be a duration (\`1h 30m\`), not ${describeValue(value)}`, value.location);
		return undefined;
	}
	return text;
}

/** `retry: 2` or `retry: { max, when, exit_codes }`. */
export function readRetry(value: YamlValue | undefined, report: Reporter): Retry | undefined {
	if (isNull(value)) return undefined;
	const maxValue = value.kind === 'map' ? valueOf(value, 'max') : value;
	if (value.kind === 'map') checkKeys(value, 'retry', report);
	else if (value.kind !== 'scalar') {
		report.error('invalid-type', `\`retry\` must be a number or a map (\`max\`, \`when\`, \`exit_codes\`), not ${describeValue(value)}`, value.location);
		return undefined;
	}
	let max = 0;
	if (!isNull(maxValue)) {
		if (maxValue.kind === 'scalar' && typeof maxValue.value === 'number' && Number.isInteger(maxValue.value) && maxValue.value >= 0 && maxValue.value <= MAX_RETRIES) max = maxValue.value;
		else {
			report.error('invalid-value', `\`retry\` must be 0, 1 or 2, not ${maxValue.kind === 'scalar' ? String(maxValue.value) : describeValue(maxValue)}`, maxValue.location, 'GitLab retries a job at most twice.');
			return undefined;
		}
	}
	if (value.kind !== 'map') return max > 0 ? { max, when: [] } : undefined;
	const when = flattenList(valueOf(value, 'when')).map((w) => renderInline(w));
	const exitCodes = flattenList(valueOf(value, 'exit_codes')).map((c) => `exit code ${renderInline(c)}`);
	return max > 0 ? { max, when: [...when, ...exitCodes] } : undefined;
}

/** `resource_group: production`: its jobs run one at a time, across pipelines. */
export function readResourceGroup(value: YamlValue | undefined, report: Reporter): Concurrency | undefined {
	if (isNull(value)) return undefined;
	const group = scalarText(value);
	if (group === undefined || group === '') {
		report.error('invalid-type', `\`resource_group\` must be a name, not ${describeValue(value)}`, value.location);
		return undefined;
	}
	return { group };
}

/** `interruptible: true|false`. */
export function readInterruptible(value: YamlValue | undefined, report: Reporter): boolean | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar' && typeof value.value === 'boolean') return value.value;
	report.error('invalid-type', `\`interruptible\` must be true or false, not ${describeValue(value)}`, value.location);
	return undefined;
}

/** `workflow:auto_cancel`: `on_new_commit` and `on_job_failure`, checked against what GitLab accepts. */
export function readAutoCancel(value: YamlValue | undefined, report: Reporter): AutoCancel | undefined {
	if (isNull(value)) return undefined;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`auto_cancel\` must be a map (\`on_new_commit\`, \`on_job_failure\`), not ${describeValue(value)}`, value.location);
		return undefined;
	}
	checkKeys(value, 'autoCancel', report);
	const setting = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
		const v = valueOf(value, key);
		if (isNull(v)) return undefined;
		const text = scalarText(v);
		const known = allowed.find((a) => a === text);
		if (known !== undefined) return known;
		report.error('invalid-value', `\`${key}\` must be ${allowed.map((a) => `\`${a}\``).join(', ')}, not ${v.kind === 'scalar' ? String(v.value) : describeValue(v)}`, v.location);
		return undefined;
	};
	const autoCancel: AutoCancel = {};
	const onNewCommit = setting('on_new_commit', OnNewCommit.options);
	if (onNewCommit) autoCancel.onNewCommit = onNewCommit;
	const onJobFailure = setting('on_job_failure', OnJobFailure.options);
	if (onJobFailure) autoCancel.onJobFailure = onJobFailure;
	return onNewCommit || onJobFailure ? autoCancel : undefined;
}
