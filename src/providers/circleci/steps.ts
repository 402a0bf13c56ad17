/**
 * Job steps: CircleCI's built-in steps, `when`/`unless` blocks, reusable commands and orb
 * commands (expanded into their steps when their source is known), and `steps` parameters
 * spliced in place. Ids are position paths (`3`, `3.2`), as the pages anchor them.
 */
import type { SourceLocation, Step, StepKind, StepOrigin } from '../../model';
import { describeValue, entryOf, isNull, renderInline, renderText, scalarText, valueOf, type YamlMap, type YamlValue } from '../yaml';
import { renderCondition, renderUnless } from './conditions';
import { MAX_COMMAND_DEPTH, type Context } from './context';
import { readEnvironment } from './environment';
import { checkKeys, type KeyContextName } from './keys';
import { closestKey } from '../spelling';
import { bindArguments, readParameterDecls, substitute } from './parameters';
import { resolve, type Definition, type Scope } from './scope';

interface BuiltIn {
	kind: StepKind;
	/** What CircleCI's UI shows when the step has no `name`; run steps show their command. */
	label: string;
	/** Keys CircleCI requires; `key|keys` means one of them. */
	required: string[];
	/** The step may be written as a bare name (`- checkout`). */
	bare: boolean;
}

const BUILT_INS: Record<string, BuiltIn> = {
	run: { kind: 'run', label: '', required: ['command'], bare: false },
	// `deploy` is the legacy spelling of `run` (CircleCI treats it as a run step).
	deploy: { kind: 'run', label: '', required: ['command'], bare: false },
	checkout: { kind: 'checkout', label: 'Checkout code', required: [], bare: true },
	setup_remote_docker: { kind: 'remote-docker', label: 'Setup a remote Docker engine', required: [], bare: true },
	save_cache: { kind: 'cache-save', label: 'Saving cache', required: ['key', 'paths'], bare: false },
	restore_cache: { kind: 'cache-restore', label: 'Restoring cache', required: ['key|keys'], bare: false },
	persist_to_workspace: { kind: 'workspace-persist', label: 'Persisting to workspace', required: ['root', 'paths'], bare: false },
	attach_workspace: { kind: 'workspace-attach', label: 'Attaching workspace', required: ['at'], bare: false },
	store_artifacts: { kind: 'artifacts', label: 'Uploading artifacts', required: ['path'], bare: false },
	store_test_results: { kind: 'test-results', label: 'Uploading test results', required: ['path'], bare: false },
	add_ssh_keys: { kind: 'ssh-keys', label: 'Add SSH keys', required: [], bare: true },
};

export interface StepEnv {
	ctx: Context;
	/** Where command names resolve: the config, or the orb a command came from. */
	scope: Scope;
	/** Commands being expanded, outermost first, to catch a command that invokes itself. */
	stack: readonly string[];
}

/** Builds a list of steps; `prefix` is the parent's id plus a dot for nested steps. */
export function buildSteps(list: YamlValue | undefined, env: StepEnv, prefix = ''): Step[] {
	if (isNull(list)) return [];
	const items = flatten(list, env);
	const steps: Step[] = [];
	for (const [index, item] of items.entries()) {
		const { budget, report } = env.ctx;
		if (budget.steps <= 0) {
			if (!budget.exhausted) {
				budget.exhausted = true;
				report.warning('expansion-limit', 'Commands expand to too many steps; the remaining steps are left out', item.location, 'Check for commands that call each other many times.');
			}
			break;
		}
		budget.steps--;
		steps.push(buildStep(item, `${prefix}${index + 1}`, env));
	}
	return steps;
}

/**
 * The items of a step list with `- steps: [...]` entries (what a `steps` parameter becomes
 * once substituted) spliced in place, as CircleCI does.
 */
function flatten(list: YamlValue, env: StepEnv): YamlValue[] {
	if (list.kind !== 'seq') {
		env.ctx.report.error('invalid-type', `\`steps\` must be a list of steps, not ${describeValue(list)}`, list.location);
		return list.kind === 'map' ? [list] : [];
	}
	const items: YamlValue[] = [];
	for (const item of list.items) {
		const spliced = item.kind === 'map' && item.entries.length === 1 && item.entries[0]!.key === 'steps' ? item.entries[0]!.value : undefined;
		if (spliced?.kind === 'seq') items.push(...flatten(spliced, env));
		else if (spliced?.kind === 'scalar' && spliced.value === null) continue;
		else items.push(item);
	}
	return items;
}

function buildStep(item: YamlValue, id: string, env: StepEnv): Step {
	const { report } = env.ctx;
	if (item.kind === 'scalar' && typeof item.value === 'string') {
		const name = item.value;
		const builtIn = BUILT_INS[name];
		if (builtIn) {
			if (!builtIn.bare) report.error('missing-key', `\`${name}\` needs settings (${builtIn.required.join(', ')}); it cannot be a bare name`, item.location);
			return builtInStep(name, builtIn, undefined, id, item.location, env);
		}
		return invocationStep(name, undefined, id, item.location, env);
	}
	if (item.kind !== 'map' || item.entries.length === 0) {
		report.error('invalid-step', `A step must be a map (\`run: ...\`) or a name (\`checkout\`), not ${describeValue(item)}`, item.location);
		return baseStep(id, 'other', renderInline(item) || 'invalid step', 'invalid', item.location);
	}
	const legacy = legacyStep(item as YamlMap, id, env);
	if (legacy) return legacy;
	const [first, ...rest] = item.entries as [YamlMap['entries'][number], ...YamlMap['entries']];
	let args = first.value;
	if (rest.length > 0) {
		report.error(
			'invalid-step',
			`A step has exactly one key, this one has ${item.entries.length} (${item.entries.map((e) => `\`${e.key}\``).join(', ')})`,
			rest[0]!.keyLocation,
			`Indent the settings under \`${first.key}:\` by two more spaces.`,
		);
		// The usual slip is under-indented settings: read them as the step's own.
		if (isNull(args)) args = { kind: 'map', entries: rest, location: rest[0]!.keyLocation };
	}
	if (first.key === 'when' || first.key === 'unless') return conditionalStep(first.key, args, id, item.location, env);
	if (first.key === 'steps') return unboundStepsParameter(args, id, item.location, env);
	const builtIn = BUILT_INS[first.key];
	if (builtIn) return builtInStep(first.key, builtIn, args, id, item.location, env);
	return invocationStep(first.key, args, id, item.location, env);
}

/** CircleCI 2.0's early-access step form, `- type: shell` with the settings beside it, mapped to today's keys. */
const LEGACY_TYPES: Record<string, string> = {
	shell: 'run',
	checkout: 'checkout',
	'cache-restore': 'restore_cache',
	'cache-save': 'save_cache',
	'artifacts-store': 'store_artifacts',
	'test-results-store': 'store_test_results',
	'add-ssh-keys': 'add_ssh_keys',
	deploy: 'deploy',
};

function legacyStep(item: YamlMap, id: string, env: StepEnv): Step | undefined {
	const type = item.entries.find((e) => e.key === 'type');
	const keyword = type && scalarText(type.value) !== undefined ? LEGACY_TYPES[scalarText(type.value)!] : undefined;
	if (!type || !keyword) return undefined;
	env.ctx.report.warning(
		'legacy-step',
		`\`type: ${scalarText(type.value)}\` is CircleCI 2.0's early step form; it is read as \`${keyword}\``,
		type.keyLocation,
		item.entries.length > 1 ? `Write it as \`- ${keyword}:\` with its settings indented under it.` : `Write it as \`- ${keyword}\`.`,
	);
	const settings = item.entries.filter((e) => e !== type);
	const args: YamlValue | undefined = settings.length > 0 ? { kind: 'map', entries: settings, location: settings[0]!.keyLocation } : undefined;
	const builtIn = BUILT_INS[keyword]!;
	return builtInStep(keyword, builtIn, args, id, item.location, env);
}

function baseStep(id: string, kind: StepKind, name: string, keyword: string, location: SourceLocation): Step {
	return { id, kind, name, keyword, with: {}, env: [], location, children: [] };
}

// --- Built-in steps ---------------------------------------------------------------------

function builtInStep(keyword: string, builtIn: BuiltIn, rawArgs: YamlValue | undefined, id: string, location: SourceLocation, env: StepEnv): Step {
	const { report } = env.ctx;
	const step = baseStep(id, builtIn.kind, builtIn.label, keyword, location);
	const args = builtInArgs(keyword, rawArgs, env);
	if (args) {
		checkKeys(args, (keyword === 'deploy' ? 'run' : keyword) as KeyContextName, report);
		for (const required of builtIn.required) {
			if (!required.split('|').some((key) => entryOf(args, key))) {
				report.error('missing-key', `\`${keyword}\` needs \`${required.replace('|', '` or `')}\``, args.location);
			}
		}
	}
	const text = (key: string) => {
		const value = valueOf(args, key);
		return value === undefined ? undefined : textOf(value, `${keyword}.${key}`, env);
	};
	const list = (key: string) => textList(valueOf(args, key), `${keyword}.${key}`, env);
	const setWith = (key: string) => {
		const value = valueOf(args, key);
		if (value !== undefined) step.with[key] = renderText(value);
	};

	switch (builtIn.kind) {
		case 'run': {
			const command = text('command') ?? '';
			step.command = command;
			step.name = text('name') ?? firstLine(command) ?? keyword;
			assign(step, 'shell', text('shell'));
			assign(step, 'workingDirectory', text('working_directory'));
			assign(step, 'condition', text('when'));
			const background = valueOf(args, 'background');
			if (background !== undefined) step.background = background.kind === 'scalar' && (background.value === true || background.value === 'true');
			step.env = readEnvironment(valueOf(args, 'environment'), 'step', report);
			for (const key of ['no_output_timeout', 'max_auto_reruns', 'auto_rerun_delay']) setWith(key);
			break;
		}
		case 'checkout':
			setWith('path');
			setWith('method');
			break;
		case 'remote-docker':
			setWith('docker_layer_caching');
			setWith('version');
			break;
		case 'cache-save':
			assign(step, 'keys', optionalList(text('key')));
			assign(step, 'paths', list('paths'));
			assign(step, 'condition', text('when'));
			break;
		case 'cache-restore': {
			const keys = [...(optionalList(text('key')) ?? []), ...(list('keys') ?? [])];
			if (keys.length > 0) step.keys = keys;
			break;
		}
		case 'workspace-persist':
			assign(step, 'root', text('root'));
			assign(step, 'paths', list('paths'));
			break;
		case 'workspace-attach':
			assign(step, 'root', text('at'));
			break;
		case 'artifacts':
			assign(step, 'paths', optionalList(text('path')));
			assign(step, 'destination', text('destination'));
			break;
		case 'test-results':
			assign(step, 'paths', optionalList(text('path')));
			break;
		case 'ssh-keys':
			assign(step, 'fingerprints', list('fingerprints'));
			break;
	}
	if (builtIn.kind !== 'run') step.name = text('name') ?? builtIn.label;
	return step;
}

/**
 * A built-in step's settings as a map. `run` also takes its command as a plain string;
 * a list of single-key maps (`- at: .`) is a common slip, read as the map it was meant to be.
 */
function builtInArgs(keyword: string, args: YamlValue | undefined, env: StepEnv): YamlMap | undefined {
	if (isNull(args)) return undefined;
	if (args.kind === 'map') return args;
	if (args.kind === 'scalar' && (keyword === 'run' || keyword === 'deploy')) {
		return { kind: 'map', entries: [{ key: 'command', keyLocation: args.location, value: args }], location: args.location };
	}
	env.ctx.report.error('invalid-type', `\`${keyword}\` takes a map of settings, not ${describeValue(args)}`, args.location, keyword === 'run' ? undefined : `Write \`${keyword}:\` followed by indented \`key: value\` lines, without \`-\`.`);
	if (args.kind === 'seq' && args.items.every((item) => item.kind === 'map')) {
		return { kind: 'map', entries: args.items.flatMap((item) => (item.kind === 'map' ? item.entries : [])), location: args.location };
	}
	return undefined;
}

// --- when / unless ----------------------------------------------------------------------

function conditionalStep(keyword: 'when' | 'unless', args: YamlValue, id: string, location: SourceLocation, env: StepEnv): Step {
	const { report } = env.ctx;
	if (env.ctx.version !== '2.1') report.error('version-feature', `\`${keyword}\` steps need \`version: 2.1\``, location);
	const step = baseStep(id, 'conditional', keyword, keyword, location);
	if (args.kind !== 'map') {
		report.error('invalid-type', `\`${keyword}\` takes \`condition\` and \`steps\`, not ${describeValue(args)}`, args.location);
		return step;
	}
	checkKeys(args, 'conditionalStep', report);
	const condition = valueOf(args, 'condition');
	if (condition === undefined) {
		report.error('missing-key', `\`${keyword}\` needs a \`condition\``, args.location);
	} else {
		step.condition = keyword === 'when' ? renderCondition(condition) : renderUnless(condition);
		step.name = `${keyword} ${renderCondition(condition)}`;
	}
	const steps = valueOf(args, 'steps');
	if (steps === undefined) report.error('missing-key', `\`${keyword}\` needs \`steps\``, args.location);
	else step.children = buildSteps(steps.kind === 'seq' ? steps : { kind: 'seq', items: [steps], location: steps.location }, env, `${id}.`);
	return step;
}

/**
 * `- steps: << parameters.x >>` whose parameter has no value (a job shown without the
 * arguments a workflow gives it): a placeholder where those steps will go.
 */
function unboundStepsParameter(args: YamlValue, id: string, location: SourceLocation, env: StepEnv): Step {
	const text = args.kind === 'scalar' ? scalarText(args) ?? '' : renderInline(args);
	if (!text.includes('<<')) env.ctx.report.error('invalid-type', `\`steps\` must be a list of steps, not ${describeValue(args)}`, args.location);
	return baseStep(id, 'other', text, 'steps', location);
}

// --- Commands and orb commands ----------------------------------------------------------

function invocationStep(name: string, args: YamlValue | undefined, id: string, location: SourceLocation, env: StepEnv): Step {
	const { report, version } = env.ctx;
	const resolution = resolve(env.scope, 'commands', name);
	const given = args !== undefined && args.kind === 'map' ? args : undefined;
	const withArgs = Object.fromEntries((given?.entries ?? []).map((entry) => [entry.key, renderText(entry.value)]));
	if (!resolution) {
		reportUnknownStep(name, location, env);
		return { ...baseStep(id, 'other', name, name, location), with: withArgs };
	}
	if (args !== undefined && !given && !isNull(args)) {
		report.error('invalid-type', `The arguments of \`${name}\` must be a map, not ${describeValue(args)}`, args.location);
	}
	if (version !== '2.1') report.error('version-feature', `Reusable commands and orbs (\`${name}\`) need \`version: 2.1\``, location);
	const { def, orb } = resolution;
	const kind: StepKind = orb ? 'orb-command' : 'command';
	const step: Step = { ...baseStep(id, kind, name, name, location), with: withArgs };
	if (orb?.ref) step.uses = orb.ref;
	const origin = (expanded: boolean): StepOrigin => {
		const o: StepOrigin = { type: orb ? 'orb' : 'command', name, expanded };
		if (orb?.ref) o.ref = orb.ref;
		return o;
	};
	if (!def) {
		if (orb?.scope) {
			report.error('unknown-command', `Orb \`${orb.alias}\` has no command \`${name.slice(name.indexOf('/') + 1)}\``, location, orb.sourcePath ? `Commands in ${orb.sourcePath}: ${[...orb.scope.commands.keys()].join(', ') || 'none'}.` : undefined);
		}
		step.origin = origin(false);
		return step;
	}
	const identity = `${def.scope.orb?.ref ?? def.scope.orb?.alias ?? ''}:${def.name}`;
	if (env.stack.includes(identity) || env.stack.length >= MAX_COMMAND_DEPTH) {
		const chain = [...env.stack, identity].map((entry) => `\`${entry.slice(entry.indexOf(':') + 1)}\``).join(' -> ');
		report.error('recursive-command', `Command \`${name}\` invokes itself (${chain}); it cannot be expanded`, location, 'CircleCI rejects a command that calls itself, directly or through other commands.');
		step.origin = origin(false);
		return step;
	}
	step.origin = origin(true);
	const description = scalarText(valueOf(def.body, 'description'));
	if (description) step.origin.description = description;
	step.children = expandCommand(def, name, given, id, location, { ...env, scope: def.scope, stack: [...env.stack, identity] });
	return step;
}

function expandCommand(def: Definition, name: string, args: YamlMap | undefined, id: string, location: SourceLocation, env: StepEnv): Step[] {
	const { report } = env.ctx;
	if (def.body.kind !== 'map') {
		report.error('invalid-type', `Command \`${def.name}\` must be a map with \`steps\``, def.body.location);
		return [];
	}
	checkKeys(def.body, 'command', report);
	const decls = readParameterDecls(valueOf(def.body, 'parameters'), report);
	const bindings = bindArguments(decls, args, report, { target: `command \`${name}\``, location, requireAll: true });
	const steps = valueOf(def.body, 'steps');
	if (steps === undefined) {
		report.error('missing-key', `Command \`${def.name}\` has no \`steps\``, def.location);
		return [];
	}
	const declared = new Set(decls.map((decl) => decl.name));
	const expanded = substitute(steps, 'parameters', bindings, (parameter, at) => {
		if (!declared.has(parameter)) report.error('undeclared-parameter', `\`<< parameters.${parameter} >>\` is not a parameter of command \`${def.name}\``, at);
	});
	return buildSteps(expanded, env, `${id}.`);
}

function reportUnknownStep(name: string, location: SourceLocation, env: StepEnv): void {
	const { report } = env.ctx;
	const slash = name.indexOf('/');
	if (slash > 0) {
		const alias = name.slice(0, slash);
		report.error('unknown-orb', `\`${name}\` uses orb \`${alias}\`, which the config does not import`, location, `Add it under \`orbs:\` (\`${alias}: namespace/${alias}@version\`).`);
		return;
	}
	const candidates = [...Object.keys(BUILT_INS), 'when', 'unless', ...env.scope.commands.keys(), ...(env.scope.root?.commands.keys() ?? [])];
	const intended = closestKey(name, candidates);
	report.error(
		'unknown-step',
		`\`${name}\` is neither a built-in step nor a command defined in this config`,
		location,
		intended ? `Did you mean \`${intended}\`?` : env.ctx.version === '2.1' ? 'Define it under `commands:` or import the orb that provides it.' : 'Reusable commands need `version: 2.1`.',
	);
}

// --- Small helpers ----------------------------------------------------------------------

function textOf(value: YamlValue, what: string, env: StepEnv): string {
	if (value.kind !== 'scalar') {
		env.ctx.report.error('invalid-type', `\`${what}\` must be text, not ${describeValue(value)}`, value.location);
		return renderInline(value);
	}
	return scalarText(value) ?? '';
}

function textList(value: YamlValue | undefined, what: string, env: StepEnv): string[] | undefined {
	if (isNull(value)) return undefined;
	if (value.kind === 'scalar') return [scalarText(value) ?? ''];
	if (value.kind === 'map') {
		env.ctx.report.error('invalid-type', `\`${what}\` must be a list, not a map`, value.location);
		return undefined;
	}
	return value.items.map((item) => textOf(item, what, env));
}

function optionalList(text: string | undefined): string[] | undefined {
	return text === undefined ? undefined : [text];
}

function firstLine(text: string): string | undefined {
	const line = text.split('\n').find((l) => l.trim() !== '');
	return line?.trim();
}

function assign<K extends keyof Step>(step: Step, key: K, value: Step[K] | undefined): void {
	if (value !== undefined) step[key] = value;
}
