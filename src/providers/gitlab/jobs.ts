/**
 * One job (after `extends`, `!reference` and `default:` are applied) into the model: its
 * executor (`image`, runner `tags`), services, variables and steps. Steps follow the sections
 * of GitLab's job log: cache restore, artifact download, `before_script`, `script`,
 * `after_script`, cache save, artifact upload.
 */
import type { EnvVar, Executor, Image, SourceLocation, Step } from '../../model';
import type { ProviderJob } from '../types';
import { describeValue, entryOf, isNull, renderInline, renderText, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import { flattenList } from './merge';
import { readInterruptible, readResourceGroup, readRetry, readTimeout } from './limits';
import type { Reporter } from '../report';
import { stepBuilder, type StepBuilder } from '../step-builder';
import { readVariables, scalarSource, secretVariables } from './variables';

export function readImage(value: YamlValue | undefined, report: Reporter, what: string): Image | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar') return { image: scalarText(value) ?? '' };
	if (value.kind === 'map') {
		checkKeys(value, what === 'image' ? 'image' : 'service', report);
		const name = scalarText(valueOf(value, 'name'));
		if (name === undefined) {
			report.error('missing-key', `\`${what}\` needs a \`name\``, value.location);
			return undefined;
		}
		const alias = scalarText(valueOf(value, 'alias'));
		return alias === undefined ? { image: name } : { image: name, name: alias };
	}
	report.error('invalid-type', `\`${what}\` must be an image name or a map with \`name\`, not ${describeValue(value)}`, value.location);
	return undefined;
}

/**
 * The executor: `image` makes it a Docker job; without one, the runner's default. Runner
 * `tags` select which runner (machine) runs the job, the closest thing to CircleCI's resource
 * class, so they are shown there, comma-separated.
 */
function readExecutor(body: YamlMap, report: Reporter, isTrigger: boolean): Executor {
	const imageEntry = entryOf(body, 'image');
	const image = readImage(imageEntry?.value, report, 'image');
	const executor: Executor = { kind: isTrigger ? 'unknown' : image ? 'docker' : 'runner', images: image ? [image] : [] };
	if (imageEntry) executor.location = imageEntry.value.location;
	const tags = flattenList(valueOf(body, 'tags'))
		.map((t) => scalarText(t))
		.filter((t): t is string => t !== undefined);
	if (tags.length) executor.resourceClass = tags.join(', ');
	return executor;
}

function scriptLines(value: YamlValue | undefined, what: string, report: Reporter): string[] | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'map') {
		report.error('invalid-type', `\`${what}\` must be a command or a list of commands, not a map`, value.location);
		return undefined;
	}
	return flattenList(value)
		.filter((line) => !isNull(line))
		.map((line) => (line.kind === 'scalar' ? (scalarSource(line) ?? '') : renderInline(line)));
}

interface CacheSpec {
	keys: string[];
	paths: string[];
	policy: string;
	when?: string;
	untracked: boolean;
	location: SourceLocation;
}

/** GitLab's cache policies; a variable (`$CACHE_POLICY`) is read when the pipeline runs. */
const POLICIES = new Set(['pull', 'push', 'pull-push']);

function readCaches(value: YamlValue | undefined, report: Reporter): CacheSpec[] {
	const caches: CacheSpec[] = [];
	for (const item of flattenList(value)) {
		if (item.kind !== 'map') {
			if (!isNull(item)) report.error('invalid-type', `\`cache\` must be a map (\`key\`, \`paths\`...), not ${describeValue(item)}`, item.location);
			continue;
		}
		checkKeys(item, 'cache', report);
		const key = valueOf(item, 'key');
		let keyText = 'default';
		if (key?.kind === 'map') {
			const files = flattenList(valueOf(key, 'files')).map((f) => renderInline(f));
			const prefix = scalarText(valueOf(key, 'prefix'));
			keyText = `${prefix ? `${prefix}-` : ''}{{ files: ${files.join(', ')} }}`;
		} else if (!isNull(key)) {
			keyText = renderInline(key);
		}
		const fallback = flattenList(valueOf(item, 'fallback_keys')).map((k) => renderInline(k));
		const policyValue = valueOf(item, 'policy');
		let policy = 'pull-push';
		if (policyValue && !isNull(policyValue)) {
			const given = scalarText(policyValue);
			if (given !== undefined && (POLICIES.has(given) || given.includes('$'))) policy = given;
			else report.error('invalid-value', `\`cache:policy\` must be \`pull\`, \`push\`, \`pull-push\` or a variable, not ${describeValue(policyValue)}`, policyValue.location, 'GitLab rejects the configuration; the default, `pull-push`, is shown.');
		}
		const spec: CacheSpec = {
			keys: [keyText, ...fallback],
			paths: flattenList(valueOf(item, 'paths')).map((p) => renderInline(p)),
			policy,
			untracked: scalarText(valueOf(item, 'untracked')) === 'true',
			location: item.location,
		};
		const when = scalarText(valueOf(item, 'when'));
		if (when !== undefined) spec.when = when;
		caches.push(spec);
	}
	return caches;
}

export interface BuiltJob {
	job: ProviderJob;
	isTrigger: boolean;
	hasScript: boolean;
}

export function buildJob(id: string, body: YamlMap, location: SourceLocation, report: Reporter): BuiltJob {
	const triggerEntry = entryOf(body, 'trigger');
	const isTrigger = triggerEntry !== undefined && !isNull(triggerEntry.value);
	const env: EnvVar[] = [
		...readVariables(valueOf(body, 'variables'), 'job', report),
		...secretVariables(valueOf(body, 'secrets')),
		...secretVariables(valueOf(body, 'id_tokens')),
	];
	const job: ProviderJob = {
		id,
		name: id,
		executor: readExecutor(body, report, isTrigger),
		services: flattenList(valueOf(body, 'services'))
			.map((s) => readImage(s, report, 'services'))
			.filter((s): s is Image => s !== undefined),
		env,
		steps: [],
		location,
	};
	const builder = stepBuilder();
	const caches = readCaches(valueOf(body, 'cache'), report);
	// A policy other than GitLab's default stays on the steps: it is what they do (`pull`: restored,
	// never saved), or what the pipeline decides (a variable: both steps, either may be skipped).
	const policyOf = (cache: CacheSpec): Record<string, string> => (cache.policy === 'pull-push' ? {} : { policy: cache.policy });
	for (const cache of caches) {
		if (cache.policy === 'push') continue;
		builder.add({ kind: 'cache-restore', name: 'Restoring cache', keyword: 'cache', keys: cache.keys, paths: cache.paths, with: policyOf(cache), location: cache.location });
	}
	const dependencies = valueOf(body, 'dependencies');
	if (dependencies?.kind === 'seq' && dependencies.items.length > 0) {
		const names = flattenList(dependencies).map((d) => renderInline(d));
		builder.add({ kind: 'workspace-attach', name: 'Downloading artifacts', keyword: 'dependencies', with: { jobs: names.join(', ') }, location: dependencies.location });
	}
	let hasScript = false;
	if (isTrigger) {
		builder.add(triggerStep(triggerEntry.value, report));
	} else {
		for (const section of ['before_script', 'script', 'after_script'] as const) {
			const entry = entryOf(body, section);
			const lines = scriptLines(entry?.value, section, report);
			if (!entry || lines === undefined) continue;
			if (section === 'script') hasScript = lines.length > 0;
			const step = builder.add({ kind: 'run', name: section, keyword: section, command: lines.join('\n'), location: entry.value.location });
			// after_script runs whether `script` succeeded or failed.
			if (section === 'after_script') step.condition = 'always';
		}
	}
	for (const cache of caches) {
		if (cache.policy === 'pull') continue;
		const step = builder.add({ kind: 'cache-save', name: 'Saving cache', keyword: 'cache', keys: cache.keys.slice(0, 1), paths: cache.paths, with: policyOf(cache), location: cache.location });
		if (cache.when && cache.when !== 'on_success') step.condition = cache.when;
		if (cache.untracked) step.with.untracked = 'true';
	}
	readArtifacts(valueOf(body, 'artifacts'), builder, report);
	job.steps = builder.steps;
	const allowFailure = valueOf(body, 'allow_failure');
	if (allowFailure?.kind === 'scalar' && typeof allowFailure.value === 'boolean') job.allowFailure = allowFailure.value;
	else if (allowFailure?.kind === 'map') job.allowFailure = true; // `exit_codes`: allowed to fail with those codes
	const timeout = readTimeout(valueOf(body, 'timeout'), report);
	if (timeout !== undefined) job.timeout = timeout;
	const retry = readRetry(valueOf(body, 'retry'), report);
	if (retry) job.retry = retry;
	const resourceGroup = readResourceGroup(valueOf(body, 'resource_group'), report);
	if (resourceGroup) job.concurrency = resourceGroup;
	const coverage = valueOf(body, 'coverage');
	if (!isNull(coverage)) {
		const pattern = scalarText(coverage);
		if (pattern && /^\/.+\/$/s.test(pattern)) job.coverage = pattern;
		else report.error('invalid-value', `\`coverage\` must be a regular expression between slashes (\`/total: \\d+%/\`), not ${describeValue(coverage)}`, coverage.location);
	}
	const interruptible = readInterruptible(valueOf(body, 'interruptible'), report);
	if (interruptible !== undefined) job.interruptible = interruptible;
	const parallel = valueOf(body, 'parallel');
	if (parallel?.kind === 'scalar' && typeof parallel.value === 'number') {
		if (Number.isSafeInteger(parallel.value) && parallel.value >= 1 && parallel.value <= 200) job.parallelism = parallel.value;
		else report.error('invalid-value', `\`parallel\` must be a whole number from 1 to 200, not ${parallel.source ?? parallel.value}`, parallel.location, 'GitLab runs at most 200 copies of a job side by side.');
	}
	return { job, isTrigger, hasScript };
}

function readArtifacts(value: YamlValue | undefined, builder: StepBuilder, report: Reporter): void {
	if (isNull(value)) return;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`artifacts\` must be a map (\`paths\`, \`reports\`...), not ${describeValue(value)}`, value.location);
		return;
	}
	checkKeys(value, 'artifacts', report);
	const when = scalarText(valueOf(value, 'when'));
	const paths = flattenList(valueOf(value, 'paths')).map((p) => renderInline(p));
	const reports = valueOf(value, 'reports');
	const withs: Record<string, string> = {};
	for (const key of ['name', 'expire_in', 'expose_as', 'public', 'access', 'untracked', 'exclude']) {
		const v = valueOf(value, key);
		if (!isNull(v)) withs[key] = renderInline(v);
	}
	const otherReports = reports?.kind === 'map' ? reports.entries.filter((e) => e.key !== 'junit') : [];
	for (const report of otherReports) withs[`reports.${report.key}`] = renderInline(report.value);
	if (paths.length || withs.untracked === 'true' || otherReports.length) {
		const step = builder.add({ kind: 'artifacts', name: 'Uploading artifacts', keyword: 'artifacts', paths, with: withs, location: value.location });
		if (when && when !== 'on_success') step.condition = when;
	}
	const junit = valueOf(reports, 'junit');
	if (!isNull(junit)) {
		const step = builder.add({
			kind: 'test-results',
			name: 'Uploading test results',
			keyword: 'artifacts:reports:junit',
			paths: flattenList(junit).map((p) => renderInline(p)),
			location: junit.location,
		});
		if (when && when !== 'on_success') step.condition = when;
	}
}

function triggerStep(value: YamlValue, report: Reporter): Omit<Step, 'id' | 'env' | 'children'> {
	const withs: Record<string, string> = {};
	let name: string;
	if (value.kind === 'scalar') {
		withs.project = scalarText(value) ?? '';
		name = `Trigger a pipeline in ${withs.project}`;
	} else if (value.kind === 'map') {
		checkKeys(value, 'trigger', report);
		for (const entry of value.entries) withs[entry.key] = entry.value.kind === 'scalar' ? (scalarText(entry.value) ?? '') : renderText(entry.value);
		const include = valueOf(value, 'include');
		const files = flattenList(include).map((item) => (item.kind === 'map' ? renderInline(item.entries[0]?.value ?? item) : renderInline(item)));
		name = withs.project !== undefined ? `Trigger a pipeline in ${withs.project}` : `Trigger a child pipeline (${files.join(', ') || 'generated config'})`;
	} else {
		report.error('invalid-type', `\`trigger\` must be a project path or a map, not ${describeValue(value)}`, value.location);
		name = 'Trigger a pipeline';
	}
	report.info(
		'downstream-pipeline',
		`${name}: the downstream pipeline is not modelled by Pipeline Atlas; this job is shown as one step`,
		value.location,
		'Document the downstream project or child config as a pipeline of its own.',
	);
	return { kind: 'other', name, keyword: 'trigger', with: withs, location: value.location };
}
