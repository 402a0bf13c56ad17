/**
 * The Heroku provider: `app.json` and `Procfile` into the provider-neutral model.
 *
 * Heroku has no pipeline file: a Heroku pipeline is the apps of a repository (review apps,
 * staging, production) and what happens on the way between them. It is read as one workflow
 * (`heroku`) whose entries follow a change: Heroku CI (`environments.test`), the slug build
 * (buildpacks), the release phase (Procfile `release:`), review apps, then one entry per deploy
 * target that `pipeline.yml` names, in tier order. A target reached by a promotion is shown as a
 * gate (`approval`): the slug of the stage before is promoted, not rebuilt.
 *
 * The Procfile's other process types are what the apps run once released, not a stage of the
 * pipeline: they form the job `processes`, which no workflow entry runs.
 *
 * Pure and total: never throws, problems become located diagnostics.
 */
import type { EnvVar, Image, Parameter, SourceLocation, Step, Trigger, Workflow, WorkflowEntry } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { Reporter } from '../report';
import { closestKey } from '../spelling';
import type { ProviderJob, ProviderOutput, SourceFile } from '../types';
import { describeJson, member, parseJson, type JsonEntry, type JsonNode } from './json';
import { locator } from '../locator';
import { parseProcfile, type ProcessType } from './procfile';

export interface HerokuTarget {
	id: string;
	name: string;
	tier: string;
}

export interface HerokuPromotion {
	from: string;
	to: string;
	description?: string;
}

export interface HerokuOptions {
	/** The deploy targets of `pipeline.yml` (the apps of the Heroku pipeline). */
	targets?: readonly HerokuTarget[];
	/** The promotions of `pipeline.yml`: a target reached by one is promoted to, not deployed to. */
	promotions?: readonly HerokuPromotion[];
}

export interface HerokuFiles {
	appJson?: SourceFile;
	procfile?: SourceFile;
}

/** The keys of the app.json schema (devcenter.heroku.com/articles/app-json-schema). */
const APP_KEYS = ['name', 'description', 'keywords', 'website', 'repository', 'logo', 'success_url', 'scripts', 'env', 'formation', 'image', 'addons', 'buildpacks', 'environments', 'stack'];
const ENVIRONMENT_KEYS = ['addons', 'buildpacks', 'env', 'formation', 'scripts'];
const ENV_KEYS = ['description', 'value', 'required', 'generator'];
const SCRIPTS: Record<string, string[]> = { app: ['postdeploy', 'pr-predestroy'], test: ['test-setup', 'test'], review: ['postdeploy', 'pr-predestroy'] };

/** When Heroku builds (and then deploys) on a push; the app's settings say which branch, not app.json. */
const DEPLOYING = 'the push reaches Heroku: the branch its automatic deploys follow, or a push to the app with git';

/** Where a tier sits on the way to production. */
const TIER_ORDER: Record<string, number> = { development: 0, review: 1, other: 2, staging: 3, preproduction: 4, production: 5 };

/** Reads a Heroku app (app.json and/or Procfile). Pure and total: never throws. */
export function parseHerokuApp(files: HerokuFiles, options: HerokuOptions = {}): ProviderOutput {
	const report = new Reporter();
	try {
		return readApp(files, options, report);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		report.error('internal-error', `Pipeline Atlas failed to read this Heroku app: ${reason}`, start(files), 'This is a bug in Pipeline Atlas.');
		return { sources: sources(files), jobs: [], diagnostics: report.diagnostics };
	}
}

function start(files: HerokuFiles): SourceLocation {
	return { file: files.appJson?.path ?? files.procfile?.path ?? 'app.json', line: 1, column: 1 };
}

function sources(files: HerokuFiles): ProviderOutput['sources'] {
	return [files.appJson, files.procfile].filter((f): f is SourceFile => f !== undefined).map((f) => ({ path: f.path, role: 'config' as const }));
}

interface Context {
	report: Reporter;
	at: (offset: number) => SourceLocation;
}

function readApp(files: HerokuFiles, options: HerokuOptions, report: Reporter): ProviderOutput {
	const origin = start(files);
	let root: JsonNode | undefined;
	let ctx: Context = { report, at: () => origin };
	if (files.appJson) {
		const file = files.appJson;
		ctx = { report, at: locator(file.path, file.text) };
		if (file.text.trim() === '') report.warning('empty-config', 'app.json is empty', ctx.at(0), 'Write `{}` at least, or remove the file.');
		else {
			const parsed = parseJson(file.text);
			if (!parsed.ok) report.error('json-syntax', `app.json is not valid JSON: ${parsed.message}`, ctx.at(parsed.offset), 'Fix the JSON syntax; Heroku rejects an app.json it cannot parse.');
			else if (parsed.root.kind !== 'object') report.error('invalid-type', `app.json must be an object, not ${describeJson(parsed.root)}`, ctx.at(parsed.root.offset));
			else root = parsed.root;
		}
	}
	if (root) checkKeys(root, APP_KEYS, 'app.json', ctx);
	const processes = files.procfile ? parseProcfile(files.procfile, report) : [];
	const release = processes.find((p) => p.name === 'release');

	const stack = text(member(root, 'stack'), ctx) ?? text(member(root, 'image'), ctx);
	const images: Image[] = stack ? [{ image: stack }] : [];
	const env = readEnv(member(root, 'env'), 'pipeline', ctx);
	const parameters = readParameters(member(root, 'env'), ctx);
	const appAddons = readAddons(member(root, 'addons'), ctx);
	const environments = member(root, 'environments');
	if (environments) {
		if (environments.value.kind !== 'object') invalid(environments, 'an object of environments (`test`, `review`)', ctx);
		else checkKeys(environments.value, ['test', 'review'], '`environments`', ctx);
	}
	const test = objectMember(environments?.value, 'test', ctx);
	const review = objectMember(environments?.value, 'review', ctx);
	for (const e of [test, review]) if (e) checkKeys(e.value, ENVIRONMENT_KEYS, `\`environments.${e.key}\``, ctx);
	const scripts = readScripts(member(root, 'scripts'), 'app', ctx);

	const jobs: ProviderJob[] = [];
	const entries: WorkflowEntry[] = [];
	const add = (job: ProviderJob, entry: Omit<WorkflowEntry, 'id' | 'jobId' | 'approval' | 'contexts' | 'parameters' | 'requires'> & { requires?: string[]; approval?: boolean }) => {
		jobs.push(job);
		entries.push({
			id: job.id,
			jobId: job.id,
			requires: (entry.requires ?? []).map((r) => ({ entry: r, status: ['success'] })),
			approval: entry.approval ?? false,
			contexts: [],
			parameters: {},
			location: entry.location,
			...(entry.condition !== undefined ? { condition: entry.condition } : {}),
		});
	};

	// The app's buildpacks: its builds', and its test runs' unless `environments.test` names others.
	const buildpacksEntry = member(root, 'buildpacks');
	const buildpacks = readBuildpacks(buildpacksEntry, ctx);

	// --- Heroku CI --------------------------------------------------------------------------
	if (test) {
		const location = ctx.at(test.keyOffset);
		const testScripts = readScripts(member(test.value, 'scripts'), 'test', ctx);
		const steps: Step[] = [];
		const ownBuildpacks = readBuildpacks(member(test.value, 'buildpacks'), ctx);
		const testBuildpacks = ownBuildpacks.length ? ownBuildpacks : buildpacks;
		steps.push(otherStep(steps.length, testBuildpacks.length ? `Compile with ${testBuildpacks.map((b) => b.url).join(', ')}` : 'Compile with the buildpack Heroku detects from the source', 'buildpack', location));
		const setup = testScripts.get('test-setup');
		if (setup) steps.push(runStep(steps.length, 'test-setup', setup.command, setup.location));
		const run = testScripts.get('test');
		if (run) steps.push(runStep(steps.length, 'test', run.command, run.location));
		else steps.push(otherStep(steps.length, 'test (the command the buildpack detects)', 'test', location));
		const addonsEntry = member(test.value, 'addons');
		const services = addonsEntry ? readAddons(addonsEntry, ctx) : appAddons;
		const job: ProviderJob = {
			id: 'heroku-ci',
			name: 'Heroku CI',
			description: 'Heroku CI runs the test scripts of app.json `environments.test` in a disposable test dyno on every push to the connected GitHub repository; the add-ons are provisioned for the test run.',
			executor: { kind: 'unknown', name: 'Heroku CI test dyno', images, location },
			services,
			env: readEnv(member(test.value, 'env'), 'job', ctx),
			steps,
			location,
		};
		const quantity = formationQuantity(member(test.value, 'formation'), 'test');
		if (quantity !== undefined && quantity > 1) job.parallelism = quantity;
		add(job, { location });
	}

	// --- build ------------------------------------------------------------------------------
	{
		const location = buildpacksEntry ? ctx.at(buildpacksEntry.keyOffset) : origin;
		const steps: Step[] = buildpacks.length
			? buildpacks.map((b, i) => ({ ...otherStep(i, b.url, 'buildpack', b.location), uses: b.url }))
			: [otherStep(0, 'The buildpack Heroku detects from the source', 'buildpack', location)];
		add(
			{
				id: 'build',
				name: 'Build',
				description: `Heroku compiles a slug: ${buildpacks.length ? 'the buildpacks of app.json run in order' : 'the buildpack is auto-detected from the source'} on the pushed commit, and the slug is what every app of the pipeline runs.`,
				executor: { kind: 'unknown', name: 'Heroku build', images, location },
				steps,
				location,
			},
			// Heroku builds what it deploys: a push to the branch its automatic deploys follow, or a
			// push to the app's own git (what a CI's deploy job does). Neither is in app.json.
			{ location, requires: test ? ['heroku-ci'] : [], condition: DEPLOYING },
		);
	}
	let previous = 'build';

	// --- release phase ----------------------------------------------------------------------
	if (release) {
		add(
			{
				id: 'release-phase',
				name: 'Release phase',
				description: 'The Procfile `release` command runs in a one-off dyno before each new release (deploy, promotion or config change) goes live; if it fails, the release is not deployed.',
				executor: { kind: 'unknown', name: 'Heroku one-off dyno', images, location: release.location },
				steps: [runStep(0, 'release', release.command, release.location)],
				location: release.location,
			},
			{ location: release.location, requires: [previous] },
		);
		previous = 'release-phase';
	}

	// --- review apps ------------------------------------------------------------------------
	const reviewScripts = review ? readScripts(member(review.value, 'scripts'), 'review', ctx) : new Map<string, Script>();
	const postdeploy = reviewScripts.get('postdeploy') ?? scripts.get('postdeploy');
	const predestroy = reviewScripts.get('pr-predestroy') ?? scripts.get('pr-predestroy');
	if (review || postdeploy || predestroy) {
		const location = review ? ctx.at(review.keyOffset) : (postdeploy ?? predestroy)!.location;
		const steps: Step[] = [];
		if (postdeploy) steps.push({ ...runStep(0, 'postdeploy', postdeploy.command, postdeploy.location), condition: 'once, after the first deploy of the app' });
		if (predestroy) steps.push({ ...runStep(steps.length, 'pr-predestroy', predestroy.command, predestroy.location), condition: 'before the review app is destroyed' });
		const addonsEntry = review ? member(review.value, 'addons') : undefined;
		add(
			{
				id: 'review-app',
				name: 'Review app',
				description: 'A temporary app built from each pull request, with the add-ons and config of app.json; `postdeploy` runs once after its first deploy, `pr-predestroy` before it is removed.',
				executor: { kind: 'unknown', name: 'Heroku review app', images, location },
				services: addonsEntry ? readAddons(addonsEntry, ctx) : appAddons,
				env: review ? readEnv(member(review.value, 'env'), 'job', ctx) : [],
				steps,
				location,
			},
			{ location, requires: [previous] },
		);
	}
	// Review apps are built from a pull request, whatever the branch: their own workflow, which
	// builds (and runs the release phase) as the push workflow does, without its condition.
	const reviewEntries: WorkflowEntry[] = [];
	const reviewAt = entries.findIndex((e) => e.id === 'review-app');
	if (reviewAt >= 0) {
		const [reviewApp] = entries.splice(reviewAt, 1);
		for (const { condition: _, ...entry } of entries.filter((e) => e.id === 'build' || e.id === 'release-phase')) {
			reviewEntries.push({ ...entry, requires: entry.requires.filter((r) => r.entry !== 'heroku-ci') });
		}
		reviewEntries.push(reviewApp!);
	}

	// --- deploy targets ---------------------------------------------------------------------
	const targets = [...(options.targets ?? [])]
		.map((target, index) => ({ target, index }))
		.sort((a, b) => (TIER_ORDER[a.target.tier] ?? 2) - (TIER_ORDER[b.target.tier] ?? 2) || a.index - b.index)
		.map((t) => t.target);
	const entryOfTarget = new Map<string, string>();
	const usedIds = new Set(entries.map((e) => e.id));
	let lastTargetEntry: string | undefined;
	for (const target of targets) {
		const promotion = (options.promotions ?? []).find((p) => p.to === target.id);
		const base = `${promotion ? 'promote' : 'deploy'}-${target.id}`;
		let id = base;
		for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
		usedIds.add(id);
		if (promotion) {
			const fromName = targets.find((t) => t.id === promotion.from)?.name ?? promotion.from;
			const requires = entryOfTarget.get(promotion.from) ?? lastTargetEntry ?? previous;
			if (!entryOfTarget.has(promotion.from) && !targets.some((t) => t.id === promotion.from)) {
				report.warning('unknown-target', `The promotion to "${target.id}" comes from "${promotion.from}", which is not a deploy target`, origin, 'Name the source app of the promotion among the deploy targets of pipeline.yml.');
			}
			add(
				{
					id,
					name: `Promote to ${target.name}`,
					description: `The slug running on ${fromName} is copied to ${target.name}, not rebuilt${release ? ', and the release phase runs again there' : ''}.${promotion.description ? ` ${promotion.description.trim()}` : ''}`,
					executor: { kind: 'unknown', name: 'Heroku pipeline promotion', location: origin },
					steps: [{ ...otherStep(0, `Promote the ${fromName} slug to ${target.name}`, 'promote', origin), with: { from: promotion.from, to: target.id } }],
					deployTarget: target.id,
					location: origin,
				},
				{ location: origin, requires: [requires], approval: true },
			);
		} else {
			add(
				{
					id,
					name: `Deploy to ${target.name}`,
					description: `The built slug is released to ${target.name}${release ? ' once the release phase succeeds' : ''}.`,
					executor: { kind: 'unknown', name: 'Heroku', location: origin },
					steps: [otherStep(0, `Release the slug to ${target.name}`, 'deploy', origin)],
					deployTarget: target.id,
					location: origin,
				},
				{ location: origin, requires: [previous] },
			);
		}
		entryOfTarget.set(target.id, id);
		lastTargetEntry = id;
	}
	for (const promotion of options.promotions ?? []) {
		if (!targets.some((t) => t.id === promotion.to)) {
			report.warning('unknown-target', `A promotion goes to "${promotion.to}", which is not a deploy target`, origin, 'Add it to the deploy targets of pipeline.yml.');
		}
	}

	// --- processes --------------------------------------------------------------------------
	const running = processes.filter((p) => p.name !== 'release');
	if (running.length) {
		const formation = member(root, 'formation');
		const location = running[0]!.location;
		jobs.push({
			id: 'processes',
			name: 'Processes',
			description: 'What the dynos of each app run once a release is live (Procfile process types, scaled by the app.json `formation`). Not a pipeline stage: Heroku starts them after every release.',
			executor: { kind: 'unknown', name: 'Heroku dynos', images, location },
			steps: running.map((p, i) => {
				const step = runStep(i, p.name, p.command, p.location);
				const scale = formationOf(formation, p.name);
				return Object.keys(scale).length ? { ...step, with: scale } : step;
			}),
			location,
		});
	}
	checkFormation(member(root, 'formation'), processes, files.procfile !== undefined, ctx);

	// Heroku follows branches: Heroku CI tests every pushed branch, and a tag deploys nothing.
	const trigger: Trigger = { event: 'push', name: 'git push', filters: { branches: { only: [{ kind: 'glob', value: '**' }] }, location: origin }, location: origin };
	// An entry is shown by its id (the diagram, what runs when): Heroku's stages have names, not
	// ids, so their entries take the names the jobs table and the sidebar show ("Deploy to
	// Staging (Heroku)", not `deploy-staging`). The jobs keep their ids for their addresses.
	// Two targets may share a name (two apps called "Production"): an entry id is unique.
	const names = new Map<string, string>();
	const taken = new Set<string>();
	for (const job of jobs) {
		const base = job.name ?? job.id;
		let name = base;
		for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
		taken.add(name);
		names.set(job.id, name);
	}
	const named = (list: WorkflowEntry[]) => list.map((e) => ({ ...e, id: names.get(e.id) ?? e.id, requires: e.requires.map((r) => ({ ...r, entry: names.get(r.entry) ?? r.entry })) }));
	const workflows: Workflow[] = [{ id: 'heroku', name: 'Heroku pipeline', triggers: [trigger], entries: named(entries), location: origin }];
	const triggers = [trigger];
	if (reviewEntries.length > 0) {
		const opened: Trigger = { event: 'pull_request', name: 'review apps', location: reviewEntries.at(-1)!.location };
		workflows.push({ id: 'review-apps', name: 'Review apps', triggers: [opened], entries: named(reviewEntries), location: opened.location });
		triggers.push(opened);
	}
	if (!files.appJson && !files.procfile) report.info('empty-config', 'Neither app.json nor a Procfile was given; the pipeline only shows what Heroku does by default', origin);
	return { sources: sources(files), triggers, workflows, jobs, env, parameters, diagnostics: report.diagnostics };
}

// --- helpers --------------------------------------------------------------------------------

interface Script {
	command: string;
	location: SourceLocation;
}

function runStep(index: number, name: string, command: string, location: SourceLocation): Step {
	return { id: String(index + 1), kind: 'run', name, keyword: name, command, with: {}, env: [], location, children: [] };
}

function otherStep(index: number, name: string, keyword: string, location: SourceLocation): Step {
	return { id: String(index + 1), kind: 'other', name, keyword, with: {}, env: [], location, children: [] };
}

function invalid(entry: JsonEntry, expected: string, ctx: Context): void {
	ctx.report.warning('invalid-type', `\`${entry.key}\` must be ${expected}, not ${describeJson(entry.value)}; it is ignored`, ctx.at(entry.value.offset));
}

function checkKeys(node: JsonNode, known: readonly string[], where: string, ctx: Context): void {
	if (node.kind !== 'object') return;
	for (const entry of node.entries) {
		if (known.includes(entry.key)) continue;
		const intended = closestKey(entry.key, known);
		ctx.report.info(
			'not-modelled',
			`\`${entry.key}\` in ${where} is not an app.json key Pipeline Atlas models; it is not shown`,
			ctx.at(entry.keyOffset),
			intended ? `Did you mean \`${intended}\`?` : `Known keys: ${known.join(', ')}.`,
		);
	}
}

function objectMember(node: JsonNode | undefined, key: string, ctx: Context): (JsonEntry & { value: Extract<JsonNode, { kind: 'object' }> }) | undefined {
	const entry = member(node, key);
	if (!entry) return undefined;
	if (entry.value.kind !== 'object') {
		invalid(entry, 'an object', ctx);
		return undefined;
	}
	return entry as JsonEntry & { value: Extract<JsonNode, { kind: 'object' }> };
}

function text(entry: JsonEntry | undefined, ctx: Context): string | undefined {
	if (!entry) return undefined;
	if (entry.value.kind === 'string') return entry.value.value;
	invalid(entry, 'a string', ctx);
	return undefined;
}

function readScripts(entry: JsonEntry | undefined, kind: keyof typeof SCRIPTS, ctx: Context): Map<string, Script> {
	const scripts = new Map<string, Script>();
	if (!entry) return scripts;
	if (entry.value.kind !== 'object') {
		invalid(entry, 'an object of scripts', ctx);
		return scripts;
	}
	const known = SCRIPTS[kind]!;
	const where = kind === 'app' ? '`scripts`' : `\`environments.${kind}.scripts\``;
	for (const script of entry.value.entries) {
		if (!known.includes(script.key)) {
			const hint = kind === 'app' && script.key.startsWith('test') ? 'Heroku CI reads its scripts from `environments.test.scripts`.' : `Known scripts here: ${known.join(', ')}.`;
			ctx.report.info('not-modelled', `Script \`${script.key}\` in ${where} is not one Heroku runs there; it is not shown`, ctx.at(script.keyOffset), hint);
			continue;
		}
		const command = text(script, ctx);
		if (command !== undefined) scripts.set(script.key, { command, location: ctx.at(script.value.offset) });
	}
	return scripts;
}

function readBuildpacks(entry: JsonEntry | undefined, ctx: Context): { url: string; location: SourceLocation }[] {
	if (!entry) return [];
	if (entry.value.kind !== 'array') {
		invalid(entry, 'a list of `{ "url": ... }` objects', ctx);
		return [];
	}
	const out: { url: string; location: SourceLocation }[] = [];
	for (const item of entry.value.items) {
		const url = member(item, 'url');
		if (url?.value.kind === 'string') out.push({ url: url.value.value, location: ctx.at(item.offset) });
		else if (item.kind === 'string') out.push({ url: item.value, location: ctx.at(item.offset) });
		else ctx.report.warning('invalid-type', `A buildpack must be an object with a \`url\`, not ${describeJson(item)}; it is ignored`, ctx.at(item.offset));
	}
	return out;
}

function readAddons(entry: JsonEntry | undefined, ctx: Context): Image[] {
	if (!entry) return [];
	if (entry.value.kind !== 'array') {
		invalid(entry, 'a list of add-on plans', ctx);
		return [];
	}
	const out: Image[] = [];
	for (const item of entry.value.items) {
		if (item.kind === 'string') out.push({ image: item.value });
		else {
			const plan = member(item, 'plan');
			if (plan?.value.kind !== 'string') {
				ctx.report.warning('invalid-type', `An add-on must be a plan name or an object with a \`plan\`, not ${describeJson(item)}; it is ignored`, ctx.at(item.offset));
				continue;
			}
			const as = member(item, 'as');
			out.push(as?.value.kind === 'string' ? { image: plan.value.value, name: as.value.value } : { image: plan.value.value });
		}
	}
	return out;
}

/** `env`: each key is a config var, written as a string or `{ value, description, required, generator }`. */
function readEnv(entry: JsonEntry | undefined, scope: 'pipeline' | 'job', ctx: Context): EnvVar[] {
	if (!entry) return [];
	if (entry.value.kind !== 'object') {
		invalid(entry, 'an object of config vars', ctx);
		return [];
	}
	const out: EnvVar[] = [];
	for (const item of entry.value.entries) {
		const definedAt = ctx.at(item.keyOffset);
		let value: string | undefined;
		let generated = false;
		if (item.value.kind === 'object') {
			checkKeys(item.value, ENV_KEYS, `config var \`${item.key}\``, ctx);
			const v = member(item.value, 'value');
			if (v) value = scalar(v.value);
			const generator = member(item.value, 'generator');
			if (generator) {
				if (generator.value.kind === 'string' && generator.value.value === 'secret') generated = true;
				else ctx.report.warning('invalid-value', `\`generator\` of \`${item.key}\` must be "secret", not ${describeJson(generator.value)}`, ctx.at(generator.value.offset));
			}
		} else if (item.value.kind === 'null') value = undefined;
		else value = scalar(item.value);
		if (value === undefined && item.value.kind !== 'object' && item.value.kind !== 'null' && item.value.kind !== 'string') {
			ctx.report.warning('invalid-type', `Config var \`${item.key}\` must be a string or an object, not ${describeJson(item.value)}`, ctx.at(item.value.offset));
		}
		const secret = generated || isSecretName(item.key);
		out.push(secret || value === undefined ? { name: item.key, secret, scope: secret ? 'secret' : scope, definedAt, usedBy: [] } : { name: item.key, value, secret: false, scope, definedAt, usedBy: [] });
	}
	return out;
}

function scalar(node: JsonNode): string | undefined {
	if (node.kind === 'string') return node.value;
	if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
	return undefined;
}

/**
 * The config vars someone creating an app from app.json is asked for: what each is for and
 * whether it is required (app.json `required` defaults to true). Secret values never appear.
 */
function readParameters(entry: JsonEntry | undefined, ctx: Context): Parameter[] {
	if (entry?.value.kind !== 'object') return [];
	const out: Parameter[] = [];
	for (const item of entry.value.entries) {
		if (item.value.kind !== 'object') continue;
		const description = member(item.value, 'description');
		const required = member(item.value, 'required');
		const generated = member(item.value, 'generator');
		const value = member(item.value, 'value');
		const isRequired = required ? required.value.kind === 'boolean' && required.value.value : true;
		const notes = [
			description?.value.kind === 'string' ? description.value.value.trim() : undefined,
			generated ? 'Generated by Heroku as a random secret.' : isRequired ? 'Required when an app is created.' : 'Optional.',
		].filter(Boolean);
		const parameter: Parameter = { name: item.key, type: 'config var', description: notes.join(' '), location: ctx.at(item.keyOffset) };
		const text = value ? scalar(value.value) : undefined;
		if (text !== undefined && !generated && !isSecretName(item.key)) parameter.default = text;
		out.push(parameter);
	}
	return out;
}

function formationOf(formation: JsonEntry | undefined, processType: string): Record<string, string> {
	const out: Record<string, string> = {};
	const node = formation?.value;
	let item: JsonNode | undefined;
	if (node?.kind === 'object') item = member(node, processType)?.value;
	else if (node?.kind === 'array') item = node.items.find((i) => scalar(member(i, 'process')?.value ?? { kind: 'null', offset: 0 }) === processType);
	if (!item) return out;
	for (const key of ['quantity', 'size']) {
		const v = member(item, key);
		const s = v ? scalar(v.value) : undefined;
		if (s !== undefined) out[key] = s;
	}
	return out;
}

function formationQuantity(formation: JsonEntry | undefined, processType: string): number | undefined {
	const q = formationOf(formation, processType).quantity;
	const n = q === undefined ? NaN : Number(q);
	return Number.isSafeInteger(n) ? n : undefined;
}

/** A formation for a process type the Procfile does not define scales nothing. */
function checkFormation(formation: JsonEntry | undefined, processes: ProcessType[], haveProcfile: boolean, ctx: Context): void {
	if (!formation) return;
	if (formation.value.kind !== 'object' && formation.value.kind !== 'array') {
		invalid(formation, 'an object of process types', ctx);
		return;
	}
	if (!haveProcfile || formation.value.kind !== 'object') return;
	const names = new Set(processes.map((p) => p.name));
	for (const entry of formation.value.entries) {
		if (!names.has(entry.key)) ctx.report.warning('unknown-process', `\`formation\` scales \`${entry.key}\`, which the Procfile does not define`, ctx.at(entry.keyOffset), `Procfile process types: ${[...names].join(', ') || 'none'}.`);
	}
}

