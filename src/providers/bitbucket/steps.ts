/**
 * One Bitbucket `step` into a job of the model. Its steps follow the step's log in Bitbucket:
 * the build setup (cloning the repository, downloading caches), each line of `script` (a pipe
 * is a step of its own), `after-script`, then the teardown (caches saved, artifacts uploaded).
 */
import type { EnvVar, Executor, Image, SourceLocation, Step } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { referencesOnly } from '../env-value';
import type { Reporter } from '../report';
import { stepBuilder, type StepBuilder } from '../step-builder';
import type { ProviderJob } from '../types';
import { describeValue, isNull, renderInline, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys } from './keys';

/** Bitbucket's own caches: a step names them without defining them (`caches: [node]`). */
export const PREDEFINED_CACHES: Record<string, string> = {
	composer: '~/.composer/cache',
	dotnetcore: '~/.nuget/packages',
	gradle: '~/.gradle/caches',
	ivy2: '~/.ivy2/cache',
	maven: '~/.m2/repository',
	node: 'node_modules',
	pip: '~/.cache/pip',
	sbt: '~/.sbt',
	docker: 'Docker image layers',
};

/** The image a step runs in when neither it nor the config names one. */
export const DEFAULT_IMAGE = 'atlassian/default-image:latest';

/** Sizes a step may ask for: on Bitbucket's own runners 1x has 4 GB of memory, 2x 8 GB, and so on. */
const SIZES = new Set(['1x', '2x', '4x', '8x', '16x', '32x']);

export interface CacheDefinition {
	path: string;
	/** Files whose content keys the cache (`key: {files: [...]}`). */
	keyFiles?: string[];
}

/** What every step may use from the rest of the config. */
export interface StepContext {
	report: Reporter;
	image: YamlValue | undefined;
	caches: ReadonlyMap<string, CacheDefinition>;
	services: ReadonlyMap<string, Image>;
	/** `options: docker: true`: every step gets the Docker service. */
	docker: boolean;
	maxTime: number | undefined;
	size: string | undefined;
	clone: YamlValue | undefined;
}

/** The image of a step or of the config: a name, or a map with `name` and registry credentials. */
export function readImage(value: YamlValue | undefined, report: Reporter): Image | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar') return { image: scalarText(value) ?? '' };
	if (value.kind === 'map') {
		checkKeys(value, 'image', report);
		const name = scalarText(valueOf(value, 'name'));
		if (name === undefined) {
			report.error('missing-key', '`image` needs a `name`', value.location);
			return undefined;
		}
		const image: Image = { image: name };
		const user = scalarText(valueOf(value, 'run-as-user'));
		if (user !== undefined) image.user = user;
		if (['username', 'password', 'aws'].some((k) => !isNull(valueOf(value, k)))) image.credentials = true;
		const password = scalarText(valueOf(value, 'password'));
		if (password && !password.startsWith('$')) {
			report.warning('secret-in-config', 'The registry password of `image` is written in the config; its value is hidden from the pages', valueOf(value, 'password')!.location, 'Store it as a secured repository variable and write `$NAME` instead.');
		}
		return image;
	}
	report.error('invalid-type', `\`image\` must be an image name or a map with \`name\`, not ${describeValue(value)}`, value.location);
	return undefined;
}

/** `variables` of a service definition: the container's environment; a secret's value is never kept. */
export function readServiceVariables(value: YamlValue | undefined, report: Reporter): EnvVar[] {
	if (isNull(value)) return [];
	if (value.kind !== 'map') {
		report.error('invalid-type', `A service's \`variables\` must be a map of names to values, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.entries.map((entry): EnvVar => {
		const text = entry.value.kind === 'scalar' ? (scalarText(entry.value) ?? '') : renderInline(entry.value);
		if (!isSecretName(entry.key)) return { name: entry.key, value: text, secret: false, scope: 'executor', definedAt: entry.keyLocation, usedBy: [] };
		// `$TEST_DB_PASSWORD` names a secured variable and leaks nothing: shown as written.
		const valueFrom = referencesOnly(text, 'shell');
		if (valueFrom) return { name: entry.key, valueFrom, secret: true, scope: 'executor', definedAt: entry.keyLocation, usedBy: [] };
		if (text !== '' && !text.startsWith('$')) {
			report.warning('secret-in-config', `\`${entry.key}\` looks like a secret and is set in the config for a service container the step starts; its value is hidden from the pages`, entry.keyLocation, 'Store it as a secured repository variable and write `$NAME` instead.');
		}
		return { name: entry.key, secret: true, scope: 'executor', definedAt: entry.keyLocation, usedBy: [] };
	});
}

/** A whole number of minutes from 1 to 720, as `max-time` takes it. */
export function readMaxTime(value: YamlValue | undefined, report: Reporter): number | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar' && typeof value.value === 'number' && Number.isSafeInteger(value.value) && value.value >= 1 && value.value <= 720) return value.value;
	report.error('invalid-value', `\`max-time\` must be a whole number of minutes from 1 to 720, not ${describeValue(value)}`, value.location, 'Bitbucket stops a step after `max-time` minutes (120 unless set).');
	return undefined;
}

export function readSize(value: YamlValue | undefined, report: Reporter): string | undefined {
	if (isNull(value)) return undefined;
	const size = scalarText(value);
	if (size !== undefined && SIZES.has(size)) return size;
	report.error('invalid-value', `\`size\` must be one of ${[...SIZES].map((s) => `\`${s}\``).join(', ')}, not ${describeValue(value)}`, value.location, 'Each size doubles the memory of the one before (1x: 4 GB).');
	return undefined;
}

function list(value: YamlValue | undefined, what: string, report: Reporter): YamlValue[] {
	if (isNull(value)) return [];
	if (value.kind === 'seq') return value.items;
	report.error('invalid-type', `\`${what}\` must be a list, not ${describeValue(value)}`, value.location);
	return [];
}

function names(value: YamlValue | undefined, what: string, report: Reporter): { name: string; location: SourceLocation }[] {
	return list(value, what, report).flatMap((item) => {
		const name = scalarText(item);
		if (item.kind === 'scalar' && name) return [{ name, location: item.location }];
		report.error('invalid-type', `Each item of \`${what}\` must be a name, not ${describeValue(item)}`, item.location);
		return [];
	});
}

/** Reads a step (`- step: {...}`) into a job whose id the caller chose; `written`: false for a step that is no map (already reported). */
export function buildStepJob(id: string, body: YamlMap, location: SourceLocation, ctx: StepContext, written = true): ProviderJob {
	const { report } = ctx;
	checkKeys(body, 'step', report);
	const name = scalarText(valueOf(body, 'name'));
	const job: ProviderJob = { id, name: name ?? id, executor: readExecutor(body, ctx), services: [], env: [], steps: [], location };

	const serviceNames = names(valueOf(body, 'services'), 'services', report);
	if (ctx.docker && !serviceNames.some((s) => s.name === 'docker')) serviceNames.push({ name: 'docker', location });
	for (const service of serviceNames) {
		const known = ctx.services.get(service.name);
		if (known) job.services!.push(known);
		else if (service.name === 'docker') job.services!.push({ image: 'docker', name: 'docker' });
		else report.error('unknown-service', `Service \`${service.name}\` is not defined under \`definitions: services\``, service.location, 'Define it there with its `image`, or use the predefined `docker` service.');
	}
	if (serviceNames.length > 5) report.error('too-many-services', `A step may run at most 5 services besides itself, not ${serviceNames.length}`, valueOf(body, 'services')?.location ?? location);

	const builder = stepBuilder();
	addClone(builder, valueOf(body, 'clone'), ctx.clone, location, report);
	const caches = names(valueOf(body, 'caches'), 'caches', report).flatMap((cache) => {
		const defined = ctx.caches.get(cache.name) ?? (PREDEFINED_CACHES[cache.name] !== undefined ? { path: PREDEFINED_CACHES[cache.name]! } : undefined);
		if (defined) return [{ ...cache, ...defined }];
		report.error('unknown-cache', `Cache \`${cache.name}\` is neither one of Bitbucket's own nor defined under \`definitions: caches\``, cache.location, `Bitbucket's own caches: ${Object.keys(PREDEFINED_CACHES).map((c) => `\`${c}\``).join(', ')}.`);
		return [];
	});
	for (const cache of caches) {
		builder.add({ kind: 'cache-restore', name: `Download the ${cache.name} cache`, keyword: 'caches', keys: [cacheKey(cache)], paths: [cache.path], location: cache.location });
	}
	const artifacts = valueOf(body, 'artifacts');
	checkKeys(artifacts, 'artifacts', report);
	const download = artifacts?.kind === 'map' ? valueOf(artifacts, 'download') : undefined;
	// By default a step downloads every artifact of the steps before it: only a choice is shown.
	if (download?.kind === 'seq') {
		builder.add({ kind: 'workspace-attach', name: 'Download artifacts', keyword: 'artifacts', with: { artifacts: download.items.map((d) => renderInline(d)).join(', ') }, location: download.location });
	} else if (scalarText(download) === 'false') {
		builder.add({ kind: 'workspace-attach', name: 'Download no artifacts', keyword: 'artifacts', with: { artifacts: 'none' }, location: download!.location });
	} else if (!isNull(download) && scalarText(download) !== 'true') {
		report.error('invalid-value', `\`download\` must be true, false or a list of artifact names, not ${describeValue(download)}`, download.location);
	}

	const script = valueOf(body, 'script');
	if (written && (isNull(script) || (script.kind === 'seq' && script.items.length === 0))) {
		report.error('missing-script', `Step \`${job.name}\` has no \`script\``, script?.location ?? location, 'Every step needs a `script`: the commands it runs.');
	}
	for (const item of list(script, 'script', report)) addScriptItem(builder, item, report);
	const after = valueOf(body, 'after-script');
	for (const item of list(after, 'after-script', report)) {
		const step = addScriptItem(builder, item, report, 'after-script');
		// It runs once the script is done, whether it passed or failed (BITBUCKET_EXIT_CODE says
		// which), and its own failure does not change the step's result.
		if (step) {
			step.condition = 'always';
			step.allowFailure = true;
		}
	}
	for (const cache of caches) {
		builder.add({ kind: 'cache-save', name: `Upload the ${cache.name} cache`, keyword: 'caches', keys: [cacheKey(cache)], paths: [cache.path], location: cache.location });
	}
	const paths = artifacts?.kind === 'map' ? valueOf(artifacts, 'paths') : artifacts;
	const artifactPaths = list(paths, 'artifacts', report).map((p) => renderInline(p));
	if (artifactPaths.length > 0) {
		builder.add({ kind: 'workspace-persist', name: 'Upload artifacts', keyword: 'artifacts', paths: artifactPaths, location: paths!.location });
	}
	job.steps = builder.steps;

	const maxTime = readMaxTime(valueOf(body, 'max-time'), report) ?? ctx.maxTime;
	if (maxTime !== undefined) job.timeout = `${maxTime} minutes`;
	const group = valueOf(body, 'concurrency-group');
	if (!isNull(group)) {
		const text = scalarText(group);
		if (group.kind === 'scalar' && text) job.concurrency = { group: text };
		else report.error('invalid-type', `\`concurrency-group\` must be a name, not ${describeValue(group)}`, group.location);
	}
	return job;
}

/** Keys of `clone` the checkout shows as given, beside its depth. */
const CLONE_SETTINGS = ['lfs', 'tags', 'strategy', 'filter', 'skip-ssl-verify'];

/** The clone of the build setup: the step's `clone` keys over the config's, key by key. */
function addClone(builder: StepBuilder, own: YamlValue | undefined, global: YamlValue | undefined, location: SourceLocation, report: Reporter): void {
	if (!isNull(own) && own.kind !== 'map') {
		report.error('invalid-type', `\`clone\` must be a map, not ${describeValue(own)}`, own.location);
		own = undefined;
	}
	checkKeys(own, 'clone', report);
	checkKeys(global?.kind === 'map' ? global : undefined, 'clone', report);
	const get = (key: string) => valueOf(own, key) ?? (global?.kind === 'map' ? valueOf(global, key) : undefined);
	if (scalarText(get('enabled')) === 'false') return;
	const step = builder.add({ kind: 'checkout', name: 'Clone the repository', keyword: 'clone', location: (own ?? global)?.location ?? location });
	const depth = get('depth');
	const depthText = scalarText(depth);
	if (isNull(depth)) step.with.depth = '50';
	else if (depthText === 'full' || (depth.kind === 'scalar' && typeof depth.value === 'number' && Number.isSafeInteger(depth.value) && depth.value >= 1)) step.with.depth = depthText!;
	else {
		report.error('invalid-value', `\`depth\` must be a number of commits from 1, or \`full\`, not ${describeValue(depth)}`, depth.location);
		step.with.depth = '50';
	}
	for (const key of CLONE_SETTINGS) {
		const value = get(key);
		if (!isNull(value)) step.with[key] = renderInline(value);
	}
}

function cacheKey(cache: { name: string; keyFiles?: string[] }): string {
	return cache.keyFiles ? `${cache.name}-{{ files: ${cache.keyFiles.join(', ')} }}` : cache.name;
}

function readExecutor(body: YamlMap, ctx: StepContext): Executor {
	const { report } = ctx;
	const runsOn = valueOf(body, 'runs-on');
	const labels = isNull(runsOn) ? [] : runsOn.kind === 'seq' ? runsOn.items.map((l) => renderInline(l)) : [renderInline(runsOn)];
	const imageValue = valueOf(body, 'image') ?? ctx.image;
	const image = readImage(imageValue, report) ?? { image: DEFAULT_IMAGE };
	const selfHosted = labels.includes('self.hosted');
	const shell = labels.some((l) => /^(windows|macos|linux\.shell)$/.test(l));
	const executor: Executor = { kind: selfHosted ? (shell ? 'shell' : 'runner') : 'docker', images: shell ? [] : [image] };
	if (imageValue) executor.location = imageValue.location;
	const size = readSize(valueOf(body, 'size'), report) ?? ctx.size;
	const resources = [...(labels.length > 0 ? [labels.join(', ')] : []), ...(size ? [labels.length > 0 ? `(${size})` : size] : [])];
	if (resources.length > 0) executor.resourceClass = resources.join(' ');
	return executor;
}

/** A line of `script` (a command) or a pipe (`- pipe: atlassian/aws-s3-deploy:1.1.0`). */
function addScriptItem(builder: StepBuilder, item: YamlValue, report: Reporter, keyword = 'script'): Step | undefined {
	if (item.kind === 'map' && valueOf(item, 'pipe') !== undefined) {
		checkKeys(item, 'pipe', report);
		const ref = scalarText(valueOf(item, 'pipe')) ?? '';
		if (!ref) {
			report.error('missing-key', '`pipe` must name the pipe (`atlassian/aws-s3-deploy:1.1.0`, or `docker://image:tag`)', item.location);
			return undefined;
		}
		const variables = valueOf(item, 'variables');
		const given: Record<string, string> = {};
		if (variables?.kind === 'map') {
			for (const entry of variables.entries) {
				const text = entry.value.kind === 'scalar' ? (scalarText(entry.value) ?? '') : renderInline(entry.value);
				// A secret given in clear is hidden, as everywhere else; `$NAME` only names it.
				given[entry.key] = isSecretName(entry.key) && text !== '' && !text.startsWith('$') ? '[hidden]' : text;
				if (given[entry.key] === '[hidden]') report.warning('secret-in-config', `\`${entry.key}\` looks like a secret and is given to pipe \`${ref}\` in the config; its value is hidden from the pages`, entry.value.location, 'Store it as a secured repository variable and write `$NAME` instead.');
			}
		} else if (!isNull(variables)) report.error('invalid-type', `A pipe's \`variables\` must be a map, not ${describeValue(variables)}`, variables.location);
		return builder.add({ kind: 'action', name: ref.replace(/:[^:/]*$/, ''), keyword: 'pipe', uses: ref, with: given, location: item.location });
	}
	if (item.kind !== 'scalar') {
		report.error('invalid-type', `Each item of \`${keyword}\` must be a command or a pipe, not ${describeValue(item)}`, item.location);
		return undefined;
	}
	const command = scalarText(item) ?? '';
	return builder.add({ kind: 'run', name: command.split('\n')[0]!.trim() || command, keyword, command, location: item.location });
}
