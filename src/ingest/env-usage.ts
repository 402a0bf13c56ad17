import { allSteps, type Diagnostic, type EnvScope, type EnvVar, type Pipeline, type Provider, type SourceLocation, type Step, type Workflow, type WorkflowEntry } from '../model';
import { isSecretName } from '../redact/secret-names';

/** A variable a step reads, as written: `$NAME`, `${{ secrets.NAME }}`, `<< pipeline.git.branch >>`. */
export interface VariableUse {
	name: string;
	/** `secrets.X` and `vars.X` say where the value comes from; plain `$X` does not. */
	source: 'shell' | 'env' | 'secrets' | 'vars' | 'pipeline';
}

const SHELL_VAR = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:#%/^,][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const CONTEXT_REF = /\b(env|secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)/g;
const PIPELINE_VALUE = /<<\s*(pipeline\.[A-Za-z0-9_.-]+)\s*>>/g;
/** Names a script gives values itself (`TAG=…`, `export X=…`, `for X in`, `read X`): not inputs. */
const ASSIGNED = /(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=|\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b|\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables one piece of text reads. Expressions are read first so `${{ … }}` is not taken for `${…}`. */
export function variablesIn(text: string): VariableUse[] {
	// Most texts read nothing (a path, an action's input): every pattern below needs a `$` or `<<`.
	if (!text.includes('$') && !text.includes('<<')) return [];
	const uses: VariableUse[] = [];
	const withoutExpressions = text.replace(EXPRESSION, (_, body: string) => {
		for (const m of body.matchAll(CONTEXT_REF)) uses.push({ name: m[2]!, source: m[1] as 'env' | 'secrets' | 'vars' });
		return ' ';
	});
	const assigned = new Set([...withoutExpressions.matchAll(ASSIGNED)].map((m) => m[1] ?? m[2] ?? m[3]!));
	for (const m of withoutExpressions.matchAll(PIPELINE_VALUE)) uses.push({ name: m[1]!, source: 'pipeline' });
	for (const m of withoutExpressions.matchAll(SHELL_VAR)) {
		const name = m[1] ?? m[2]!;
		if (!assigned.has(name)) uses.push({ name, source: 'shell' });
	}
	return uses;
}

/** What the CI's catalog says of a variable it sets itself. */
export interface Builtin {
	secret?: boolean;
}

/**
 * GitLab's `parallel:matrix` values are environment variables of each instance: the job
 * defines them (with every value it takes), so reading them is not "undefined".
 */
function withMatrixVariables(pipeline: Pipeline): Pipeline {
	if (pipeline.provider !== 'gitlab') return pipeline;
	const values = new Map<string, Map<string, Set<string>>>();
	for (const entry of pipeline.workflows.flatMap((w) => w.entries)) {
		if (!entry.jobId || !entry.matrix) continue;
		const job = values.get(entry.jobId) ?? new Map<string, Set<string>>();
		for (const [name, value] of Object.entries(entry.matrix)) job.set(name, (job.get(name) ?? new Set()).add(value));
		values.set(entry.jobId, job);
	}
	return {
		...pipeline,
		jobs: pipeline.jobs.map((job) => {
			const matrix = values.get(job.id);
			if (!matrix) return job;
			const own = new Set(job.env.map((v) => v.name));
			const added = [...matrix].filter(([name]) => !own.has(name)).map(([name, set]): EnvVar => ({ name, value: [...set].join(' | '), secret: false, scope: 'job', usedBy: [] }));
			return { ...job, env: [...job.env, ...added] };
		}),
	};
}

function stepTexts(step: Step): string[] {
	const texts: string[] = [];
	if (step.command !== undefined) texts.push(step.command);
	if (step.condition !== undefined) texts.push(step.condition);
	if (step.uses !== undefined) texts.push(step.uses);
	texts.push(...Object.values(step.with));
	if (step.keys) texts.push(...step.keys);
	if (step.paths) texts.push(...step.paths);
	return texts;
}

/**
 * Which reads of a variable's value in the config the CI performs (see ../providers/env-value.ts):
 * CircleCI's `environment:` takes `$X` as written and expands only its own `<< pipeline.… >>`;
 * GitHub expands expressions, not `$X`; the others expand `$X` too.
 */
export function valueReads(provider: Provider): (use: VariableUse) => boolean {
	if (provider === 'circleci') return (use) => use.source === 'pipeline';
	if (provider === 'github-actions') return (use) => use.source !== 'shell';
	if (provider === 'gitlab' || provider === 'bitbucket') return () => true;
	// Heroku's config vars are taken as written.
	return () => false;
}

/** What a variable's definition gives the reader to scan: its value, or a secret's references (none when taken as written). */
const valueText = (v: EnvVar) => (v.literal ? undefined : (v.value ?? v.valueFrom));

/** The variables a step reads: its texts, and its own variables' values as `provider` expands them. */
export function stepReads(provider: Provider, scan: (text: string) => VariableUse[] = variablesIn): (step: Step) => VariableUse[] {
	const value = definitionReads(provider, scan);
	return (step) => {
		const reads: VariableUse[] = [];
		for (const text of stepTexts(step)) for (const use of scan(text)) reads.push(use);
		for (const v of step.env) for (const use of value(v)) reads.push(use);
		return reads;
	};
}

/**
 * The conditions deciding whether an entry runs, as texts to scan: its `if:`/`when`, GitLab's
 * `rules: if`, its workflow's condition or `workflow:rules`. A GitHub `if:` is an expression with or without `${{ }}`.
 */
export function conditionTexts(provider: Provider, workflow: Workflow, entry: WorkflowEntry): string[] {
	const rules = [...(workflow.rules ?? []), ...(entry.filters?.rules ?? [])];
	const texts = [workflow.condition, entry.condition, entry.filters?.expression, ...rules.map((r) => r.if)].filter((t): t is string => t !== undefined);
	return provider === 'github-actions' ? texts.map((t) => (/\$\{\{/.test(t) ? t : `\${{ ${t} }}`)) : texts;
}

/** The variables a definition's value reads, as `provider` expands it. */
export function definitionReads(provider: Provider, scan: (text: string) => VariableUse[] = variablesIn): (v: EnvVar) => VariableUse[] {
	const expanded = valueReads(provider);
	return (v) => {
		const text = valueText(v);
		return text === undefined ? [] : scan(text).filter(expanded);
	};
}

/**
 * Fills `usedBy` of every variable and adds the ones steps read but no config defines:
 * built-in (when `builtin` knows it), secret (by `secrets.X` or its name) or a project setting
 * a newcomer must ask for (with an info diagnostic). Pure: returns a new pipeline.
 */
export function withVariableUses(pipeline: Pipeline, builtin: (name: string) => Builtin | undefined = () => undefined): Pipeline {
	// `at`: where it is first read, for the note on a variable defined nowhere.
	const uses = new Map<string, { source: VariableUse['source']; steps: string[]; listed: Set<string>; at: SourceLocation }>();
	// Expanded commands and templates repeat the same texts across jobs: each is scanned once.
	const scanned = new Map<string, VariableUse[]>();
	const usesOf = (text: string) => {
		let found = scanned.get(text);
		if (found === undefined) {
			found = variablesIn(text);
			scanned.set(text, found);
		}
		return found;
	};
	const valueUses = definitionReads(pipeline.provider, usesOf);
	const readsOf = stepReads(pipeline.provider, usesOf);
	// Read by the config itself, not by a job's step (a definition's value, a condition, a pre-step):
	// listed, though no step reads it; `at` where it is read, for the note on one defined nowhere.
	const listed = (use: VariableUse, at: SourceLocation | undefined) => {
		if (!uses.has(use.name) && at) uses.set(use.name, { source: use.source, steps: [], listed: new Set<string>(), at });
	};
	const readByConfig = (vars: readonly EnvVar[], fallback?: SourceLocation) => {
		for (const v of vars) for (const use of valueUses(v)) listed(use, v.definedAt ?? fallback);
	};
	readByConfig(pipeline.env);
	for (const job of pipeline.jobs) {
		for (const step of allSteps(job.steps)) {
			const reads = readsOf(step);
			if (reads.length === 0) continue;
			const ref = `${job.id}#${step.id}`;
			for (const use of reads) {
				let record = uses.get(use.name);
				if (record === undefined) {
					record = { source: use.source, steps: [], listed: new Set<string>(), at: step.location };
					uses.set(use.name, record);
				}
				if (use.source === 'secrets' || use.source === 'vars') record.source = use.source;
				// A set beside the list: a variable read by every step made the lookup quadratic.
				if (!record.listed.has(ref)) {
					record.listed.add(ref);
					record.steps.push(ref);
				}
			}
		}
		// The job's and its containers' own environment read variables too (Bitbucket's service
		// `POSTGRES_PASSWORD: $TEST_DB_PASSWORD`).
		readByConfig([...job.env, ...[...job.executor.images, ...job.services].flatMap((c) => c.env ?? [])], job.location);
	}
	// What decides whether a job runs reads variables too (GitLab's `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`).
	for (const workflow of pipeline.workflows) {
		for (const entry of workflow.entries) {
			for (const use of conditionTexts(pipeline.provider, workflow, entry).flatMap(usesOf)) listed(use, entry.filters?.location ?? entry.location);
		}
	}
	// The steps a CircleCI workflow adds around a job's own (`pre-steps`, `post-steps`) run in
	// that job: what they read is listed too (the variables page says which step reads it).
	const aroundSteps = pipeline.workflows.flatMap((w) => w.entries).flatMap((e) => allSteps([...(e.preSteps ?? []), ...(e.postSteps ?? [])]));
	for (const step of aroundSteps) for (const use of readsOf(step)) listed(use, step.location);
	pipeline = withMatrixVariables(pipeline);
	const usedBy = (name: string) => uses.get(name)?.steps ?? [];
	const mark = (v: EnvVar): EnvVar => ({ ...v, usedBy: [...new Set([...v.usedBy, ...usedBy(v.name)])] });
	const defined = new Set(
		[...pipeline.env, ...pipeline.jobs.flatMap((j) => [...j.env, ...allSteps(j.steps).flatMap((s) => s.env)]), ...aroundSteps.flatMap((s) => s.env)].map((e) => e.name),
	);
	const added: EnvVar[] = [];
	const diagnostics: Diagnostic[] = [];
	for (const [name, use] of [...uses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		if (defined.has(name)) continue;
		const known = builtin(name);
		const scope: EnvScope = known ? 'builtin' : use.source === 'secrets' || isSecretName(name) ? 'secret' : 'project';
		added.push({ name, secret: scope === 'secret' || known?.secret === true, scope, usedBy: use.steps });
		if (scope === 'project' && use.source !== 'pipeline') {
			diagnostics.push({
				severity: 'info',
				code: 'undefined-variable',
				message: `\`${name}\` is read but defined nowhere in the configuration and is not built in: it is probably a project or context setting`,
				location: use.at,
				hint: 'Ask who owns the CI project where it is set, and document it in content/docs.',
			});
		}
	}
	// A step's own variables too (the e2e step that sets BASE_URL and waits on it was said to read
	// nothing), read only by that step and the steps inside it.
	const markSteps = (jobId: string, steps: readonly Step[]): Step[] =>
		steps.map((step) => {
			const own = `${jobId}#${step.id}`;
			const inStep = (ref: string) => ref === own || ref.startsWith(`${own}.`);
			return { ...step, env: step.env.map((v) => ({ ...v, usedBy: [...new Set([...v.usedBy, ...usedBy(v.name).filter(inStep)])] })), children: markSteps(jobId, step.children) };
		});
	return {
		...pipeline,
		env: [...pipeline.env.map(mark), ...added],
		// Steps copied only in a job where one sets a variable: readPipelines is on the cold build's path.
		jobs: pipeline.jobs.map((job) => ({ ...job, env: job.env.map(mark), steps: allSteps(job.steps).some((s) => s.env.length > 0) ? markSteps(job.id, job.steps) : job.steps })),
		diagnostics: [...pipeline.diagnostics, ...diagnostics],
	};
}
