/**
 * Where a job runs: inline `docker`/`machine`/`macos`, or a named executor (the config's own
 * or an orb's) invoked with arguments. Docker images after the first are service containers.
 */
import type { EnvVar, Executor, ExecutorKind, Image, SourceLocation } from '../../model';
import { describeValue, entryOf, isNull, renderInline, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import type { Context } from './context';
import { readEnvironment } from './environment';
import { checkKeys } from './keys';
import { bindArguments, readParameterDecls, substitute } from './parameters';
import { resolve, type Scope } from './scope';

export interface ResolvedExecutor {
	executor: Executor;
	services: Image[];
	/** Executor and image environment, in the order CircleCI applies them. */
	env: EnvVar[];
}

const EXECUTOR_TYPES = ['docker', 'machine', 'macos'] as const;
/** Named executors may refer to other named executors; stop following after a few hops. */
const MAX_EXECUTOR_HOPS = 5;

/**
 * The executor of a job body (already parameter-substituted). `required` is false for job
 * types that run nothing (approval, no-op...).
 */
export function resolveJobExecutor(job: YamlMap, scope: Scope, ctx: Context, jobLabel: string, required: boolean): ResolvedExecutor {
	const { report } = ctx;
	const named = entryOf(job, 'executor');
	const inline = EXECUTOR_TYPES.filter((type) => entryOf(job, type));
	let resolved: ResolvedExecutor;
	if (named) {
		if (inline.length > 0) {
			report.error('conflicting-executors', `${jobLabel} sets both \`executor\` and \`${inline[0]}\`; use one of them`, entryOf(job, inline[0]!)!.keyLocation);
		}
		resolved = namedExecutor(named.value, named.keyLocation, scope, ctx, 0);
	} else if (inline.length > 0) {
		resolved = readExecutorBody(job, ctx, 'job');
	} else {
		if (required) {
			report.error('missing-executor', `${jobLabel} has no executor`, job.location, 'Add `docker:` (with an image), `machine:`, `macos:` or `executor:`.');
		}
		resolved = { executor: { kind: 'unknown', images: [] }, services: [], env: [] };
	}
	// A job's own settings override its executor's.
	const executor = resolved.executor;
	const resourceClass = scalarText(valueOf(job, 'resource_class'));
	const workingDirectory = scalarText(valueOf(job, 'working_directory'));
	const shell = shellText(valueOf(job, 'shell'));
	if (resourceClass !== undefined) executor.resourceClass = resourceClass;
	if (workingDirectory !== undefined) executor.workingDirectory = workingDirectory;
	if (shell !== undefined) executor.shell = shell;
	if (executor.kind === 'machine' && isWindows(executor)) executor.kind = 'windows';
	return resolved;
}

function namedExecutor(value: YamlValue, location: SourceLocation, scope: Scope, ctx: Context, hops: number): ResolvedExecutor {
	const { report } = ctx;
	const args = value.kind === 'map' ? value : undefined;
	const name = args ? scalarText(valueOf(args, 'name')) : scalarText(value);
	const unknown = (label: string | undefined): ResolvedExecutor => {
		const executor: Executor = { kind: 'unknown', images: [], location };
		if (label !== undefined) executor.name = label;
		return { executor, services: [], env: [] };
	};
	if (name === undefined) {
		report.error('invalid-type', `\`executor\` must be an executor name or a map with \`name\`, not ${describeValue(value)}`, value.location);
		return unknown(undefined);
	}
	// An executor parameter nobody gave a value: the job page shows the placeholder.
	if (name.includes('<<')) return unknown(name);
	if (ctx.version !== '2.1') report.error('version-feature', `Named executors (\`${name}\`) need \`version: 2.1\``, value.location);
	const resolution = resolve(scope, 'executors', name);
	if (!resolution) {
		const slash = name.indexOf('/');
		report.error(
			slash > 0 ? 'unknown-orb' : 'unknown-executor',
			slash > 0 ? `Executor \`${name}\` uses orb \`${name.slice(0, slash)}\`, which the config does not import` : `Executor \`${name}\` is not defined`,
			value.location,
			slash > 0 ? undefined : `Define it under \`executors:\`${scope.executors.size > 0 ? ` (defined: ${[...scope.executors.keys()].join(', ')})` : ''}.`,
		);
		return unknown(name);
	}
	const { def, orb } = resolution;
	if (!def) {
		if (orb?.scope) report.error('unknown-executor', `Orb \`${orb.alias}\` has no executor \`${name.slice(name.indexOf('/') + 1)}\``, value.location);
		return unknown(name);
	}
	if (def.body.kind === 'scalar' && hops < MAX_EXECUTOR_HOPS) {
		return namedExecutor(def.body, def.location, def.scope, ctx, hops + 1);
	}
	if (def.body.kind !== 'map') {
		report.error('invalid-type', `Executor \`${def.name}\` must be a map`, def.body.location);
		return unknown(name);
	}
	checkKeys(def.body, 'executor', report);
	const decls = readParameterDecls(valueOf(def.body, 'parameters'), report);
	const bindings = bindArguments(decls, args, report, { target: `executor \`${name}\``, location: value.location, reserved: new Set(['name']), requireAll: true });
	const declared = new Set(decls.map((decl) => decl.name));
	const body = substitute(def.body, 'parameters', bindings, (parameter, at) => {
		if (!declared.has(parameter)) report.error('undeclared-parameter', `\`<< parameters.${parameter} >>\` is not a parameter of executor \`${def.name}\``, at);
	});
	const resolved = readExecutorBody(body as YamlMap, ctx, 'executor');
	resolved.executor.name = name;
	const description = scalarText(valueOf(body, 'description'))?.trim();
	if (description) resolved.executor.description = description;
	resolved.executor.location = def.location;
	if (!EXECUTOR_TYPES.some((type) => entryOf(body, type))) {
		report.error('missing-executor', `Executor \`${def.name}\` has no \`docker\`, \`machine\` or \`macos\``, def.location);
	}
	return resolved;
}

/** `docker`/`machine`/`macos` and the settings beside them, from a job or executor body. */
function readExecutorBody(body: YamlMap, ctx: Context, owner: 'job' | 'executor'): ResolvedExecutor {
	const { report } = ctx;
	const types = EXECUTOR_TYPES.filter((type) => entryOf(body, type));
	if (types.length > 1) {
		report.error('conflicting-executors', `Only one of \`docker\`, \`machine\` and \`macos\` may be set; found ${types.map((t) => `\`${t}\``).join(' and ')}`, entryOf(body, types[1]!)!.keyLocation);
	}
	const type = types[0];
	const entry = type ? entryOf(body, type)! : undefined;
	const executor: Executor = { kind: (type ?? 'unknown') as ExecutorKind, images: [] };
	if (entry) executor.location = entry.keyLocation;
	const services: Image[] = [];
	const env: EnvVar[] = [];
	if (type === 'docker' && entry) {
		const images = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
		if (entry.value.kind !== 'seq') report.error('invalid-type', '`docker` must be a list of images (`- image: ...`)', entry.value.location);
		for (const [index, item] of images.entries()) {
			// The steps run in the first container: its `environment` is the job's. Every other
			// container's is its own (a database's POSTGRES_PASSWORD), never seen by a step.
			const primary = index === 0;
			const image = readImage(item, ctx, primary);
			if (!image) continue;
			if (primary) {
				executor.images.push(image.image);
				env.push(...image.env);
			} else services.push(image.env.length > 0 ? { ...image.image, env: image.env } : image.image);
		}
	} else if (type === 'machine' && entry) {
		readMachine(entry.value, executor, ctx);
	} else if (type === 'macos' && entry) {
		checkKeys(entry.value, 'macos', report);
		const xcode = scalarText(valueOf(entry.value, 'xcode'));
		if (xcode === undefined) report.error('missing-key', '`macos` needs `xcode` (the Xcode version)', entry.value.location);
		else executor.images.push({ image: `Xcode ${xcode}` });
		copySettings(entry.value, executor);
	}
	copySettings(body, executor);
	env.unshift(...readEnvironment(owner === 'executor' ? valueOf(body, 'environment') : undefined, 'executor', report));
	return { executor, services, env };
}

function readImage(item: YamlValue, ctx: Context, primary: boolean): { image: Image; env: EnvVar[] } | undefined {
	const { report } = ctx;
	if (item.kind !== 'map') {
		report.error('invalid-type', `A docker image must be a map with \`image\`, not ${describeValue(item)}`, item.location, 'Write `- image: name:tag`.');
		return undefined;
	}
	checkKeys(item, 'dockerImage', report);
	const name = scalarText(valueOf(item, 'image'));
	if (name === undefined) {
		report.error('missing-key', 'A docker image needs `image`', item.location);
		return undefined;
	}
	const image: Image = { image: name };
	const alias = scalarText(valueOf(item, 'name'));
	if (alias !== undefined) image.name = alias;
	for (const key of ['command', 'entrypoint'] as const) {
		const value = valueOf(item, key);
		if (!isNull(value)) image[key] = value.kind === 'seq' ? value.items.map((part) => renderInline(part)).join(' ') : renderInline(value);
	}
	const user = scalarText(valueOf(item, 'user'));
	if (user !== undefined) image.user = user;
	if (!isNull(valueOf(item, 'auth')) || !isNull(valueOf(item, 'aws_auth'))) image.credentials = true;
	return { image, env: readEnvironment(valueOf(item, 'environment'), 'executor', report, primary ? 'job' : 'container') };
}

function readMachine(value: YamlValue, executor: Executor, ctx: Context): void {
	if (value.kind === 'map') {
		checkKeys(value, 'machine', ctx.report);
		const image = scalarText(valueOf(value, 'image'));
		if (image !== undefined) executor.images.push({ image });
		copySettings(value, executor);
		return;
	}
	// `machine: true` takes the default image; a string names the image.
	if (value.kind === 'scalar' && typeof value.value === 'string' && value.value !== 'true') {
		executor.images.push({ image: value.value });
	} else if (value.kind !== 'scalar') {
		ctx.report.error('invalid-type', `\`machine\` must be \`true\` or a map with \`image\`, not ${describeValue(value)}`, value.location);
	}
}

function copySettings(from: YamlValue, executor: Executor): void {
	const resourceClass = scalarText(valueOf(from, 'resource_class'));
	const workingDirectory = scalarText(valueOf(from, 'working_directory'));
	const shell = shellText(valueOf(from, 'shell'));
	if (resourceClass !== undefined) executor.resourceClass = resourceClass;
	if (workingDirectory !== undefined) executor.workingDirectory = workingDirectory;
	if (shell !== undefined) executor.shell = shell;
}

function shellText(value: YamlValue | undefined): string | undefined {
	if (value?.kind === 'seq') return value.items.map((item) => renderInline(item)).join(' ');
	return scalarText(value);
}

function isWindows(executor: Executor): boolean {
	return executor.resourceClass?.startsWith('windows.') === true || executor.images.some((image) => /^windows/i.test(image.image));
}
