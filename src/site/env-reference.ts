import { slugify } from '../ingest/slug';
import { byCodePoint } from '../ingest/order';
import { builtinVar, BUILTIN_CATALOGS, type BuiltinProvider } from '../knowledge/env';
import { conditionTexts, definitionReads, stepReads, variablesIn } from '../ingest/env-usage';
import { allSteps, type EnvScope, type EnvVar, type Job, type Pipeline, type Run, type SourceLocation } from '../model';

/** How a reader should think of a variable: who gives it its value. */
export type EnvKind = 'builtin' | 'defined' | 'secret' | 'project';

export const ENV_KIND_LABELS: Record<EnvKind, string> = {
	builtin: 'Built in',
	defined: 'Defined in the config',
	secret: 'Secret',
	project: 'Project setting',
};

/** An entry's kind in words: a secret the CI itself provides (GitLab's `CI_REGISTRY_PASSWORD`) says both. */
export function envKindLabel(entry: Pick<EnvEntry, 'kind' | 'description'>): string {
	// Only the CI's catalog gives an entry a description.
	return entry.kind === 'secret' && entry.description !== undefined ? 'Built-in secret' : ENV_KIND_LABELS[entry.kind];
}

export interface EnvDefinition {
	scope: EnvScope;
	/** Absent for secrets, always. */
	value?: string;
	/** A secret's value as written when it only names other variables (names, never a value). */
	valueFrom?: string;
	jobId?: string;
	stepId?: string;
	location?: SourceLocation;
}

export interface EnvEntry {
	pipelineId: string;
	name: string;
	/** Unique on the `/env/` page. */
	anchor: string;
	kind: EnvKind;
	secret: boolean;
	description?: string;
	/** The CI's reference page when the variable is built in. */
	reference?: string;
	definitions: EnvDefinition[];
	usedBy: { jobId: string; stepId: string }[];
	/**
	 * The config's own variables whose value reads this one (`POSTGRES_PASSWORD: $TEST_DB_PASSWORD`
	 * of a service): a step's own variables count as that step's reads (`usedBy`) instead.
	 */
	givenTo: GivenTo[];
	/** Steps a workflow adds around a job's own (CircleCI's `pre-steps`, `post-steps`) that read it. */
	readAround: ReadAround[];
	/**
	 * GitLab passes a job's variables, its own and the pipeline's, to the job's services as well:
	 * the services of the jobs that get this variable from the config, by image (`POSTGRES_DB`
	 * configures `postgres:16`, which no step reads). Empty elsewhere: GitHub's and CircleCI's
	 * services have environments of their own (`givenTo`).
	 */
	services: { image: string; jobIds: string[] }[];
	/** The jobs whose conditions (rules, `if:`, `when`) read it, in pipeline order. */
	inConditions: string[];
	/** Recorded runs whose logs mention the name (never its value). */
	runs: string[];
	/**
	 * A pipeline's or workflow's variable that is also a parameter of the pipeline, with its
	 * description and choices: GitLab's prefilled variables (`description:`, `options:`),
	 * Bitbucket's custom pipeline variables.
	 */
	offered?: { description?: string; options?: string[] };
}

/** A variable of the config that takes its value from another, and where it is defined. */
export interface GivenTo {
	name: string;
	/** The container whose environment it is (its name, else its image), if it is one's. */
	container?: { name: string; service: boolean };
	/** A pipeline's own variable: for a workflow (GitHub) or the whole pipeline. */
	scope?: 'workflow' | 'pipeline';
	/** The jobs it belongs to; none for the pipeline's own variables. */
	jobIds: string[];
}

/** A step a workflow adds before or after a job's own steps, reading a variable. */
export interface ReadAround {
	/** The step's name. */
	step: string;
	workflowId: string;
	workflowName: string;
	/** The job it runs in. */
	jobId?: string;
	before: boolean;
}

export const envAnchor = (pipelineId: string, name: string) => `${slugify(pipelineId)}--${slugify(name)}`;
export const builtinAnchor = (name: string) => slugify(name);

/** A name as a log line may mention it. */
const WORD = /[A-Za-z_][A-Za-z0-9_.]*/g;

/**
 * Every name a run's logs mention, once: looking up each variable is then a set lookup. One
 * pattern walked with `exec`, not `matchAll` per line (a copy of the pattern and an iterator for
 * each of 500,000 lines at size M: 640 -> 490 ms).
 */
function wordsOf(run: Run): Set<string> {
	let words = runWords.get(run);
	if (words) return words;
	words = new Set<string>();
	for (const step of run.steps) {
		for (const line of step.lines) {
			WORD.lastIndex = 0;
			for (let m = WORD.exec(line); m; m = WORD.exec(line)) words.add(m[0]);
		}
	}
	runWords.set(run, words);
	return words;
}

/** Per run: the search records, the variables page and each provider's page all ask (1.7 s at 500k log lines). */
const runWords = new WeakMap<Run, Set<string>>();

/**
 * The variables of one pipeline, merged by name across the levels that define them
 * (pipeline, workflow, job, step), with the steps that read them and the runs that mention them.
 */
export function envEntries(pipeline: Pipeline, runs: readonly Run[] = []): EnvEntry[] {
	const byName = new Map<string, { vars: EnvVar[]; definitions: EnvDefinition[]; usedBy: Set<string> }>();
	const add = (v: EnvVar, where: { jobId?: string; stepId?: string }) => {
		const entry = byName.get(v.name) ?? { vars: [], definitions: [], usedBy: new Set<string>() };
		entry.vars.push(v);
		for (const ref of v.usedBy) entry.usedBy.add(ref);
		if (v.scope !== 'builtin' && v.scope !== 'project' && (v.definedAt || v.value !== undefined)) {
			entry.definitions.push({ scope: v.scope, ...(v.secret || v.value === undefined ? {} : { value: v.value }), ...(v.valueFrom ? { valueFrom: v.valueFrom } : {}), ...where, ...(v.definedAt ? { location: v.definedAt } : {}) });
		}
		byName.set(v.name, entry);
	};
	const reads = definitionReads(pipeline.provider);
	// By the variable it reads, then by the variable given to (one executor's variable serves many jobs).
	const givenTo = new Map<string, Map<string, GivenTo>>();
	const give = (v: EnvVar, { jobId, container }: { jobId?: string; container?: GivenTo['container'] }) => {
		for (const name of new Set(reads(v).map((use) => use.name))) {
			// `VERCEL_TOKEN: ${{ secrets.VERCEL_TOKEN }}`: the one name, said once.
			if (name === v.name) continue;
			const to = givenTo.get(name) ?? new Map<string, GivenTo>();
			const scope = !jobId && (v.scope === 'workflow' || v.scope === 'pipeline') ? v.scope : undefined;
			// A job's variable apart from the pipeline's of the same name: "for the whole pipeline" is not "in job X".
			const key = `${v.name}\0${container?.name ?? ''}\0${jobId ? 'job' : (scope ?? '')}`;
			const given = to.get(key) ?? { name: v.name, ...(container ? { container } : {}), ...(scope ? { scope } : {}), jobIds: [] };
			if (jobId && !given.jobIds.includes(jobId)) given.jobIds.push(jobId);
			givenTo.set(name, to.set(key, given));
		}
	};
	const readsOfStep = stepReads(pipeline.provider);
	const inConditions = new Map<string, Set<string>>();
	const readAround = new Map<string, ReadAround[]>();
	for (const workflow of pipeline.workflows) {
		for (const entry of workflow.entries) {
			if (entry.jobId) for (const use of conditionTexts(pipeline.provider, workflow, entry).flatMap(variablesIn)) inConditions.set(use.name, (inConditions.get(use.name) ?? new Set()).add(entry.jobId));
			for (const [steps, before] of [[entry.preSteps ?? [], true], [entry.postSteps ?? [], false]] as const) {
				for (const step of allSteps(steps)) {
					// Its own variables are defined in that job (the step has no anchor of its own to link to).
					for (const v of step.env) add(v, entry.jobId ? { jobId: entry.jobId } : {});
					for (const name of new Set(readsOfStep(step).map((use) => use.name))) {
						const read: ReadAround = { step: step.name, workflowId: workflow.id, workflowName: workflow.name, ...(entry.jobId ? { jobId: entry.jobId } : {}), before };
						const known = readAround.get(name) ?? [];
						// One workflow may run the job twice (two entries), with the same pre-step.
						if (!known.some((r) => r.step === read.step && r.workflowId === read.workflowId && r.jobId === read.jobId && r.before === read.before)) readAround.set(name, [...known, read]);
					}
				}
			}
		}
	}
	for (const v of pipeline.env) {
		add(v, {});
		give(v, {});
	}
	for (const job of pipeline.jobs) {
		for (const v of job.env) {
			add(v, { jobId: job.id });
			give(v, { jobId: job.id });
		}
		for (const [images, service] of [[job.executor.images, false], [job.services, true]] as const) {
			for (const image of images) for (const v of image.env ?? []) give(v, { jobId: job.id, container: { name: image.name ?? image.image, service } });
		}
		for (const step of allSteps(job.steps)) for (const v of step.env) add(v, { jobId: job.id, stepId: step.id });
	}
	const mine = runs.filter((r) => r.pipelineId === pipeline.id).map((run) => ({ id: run.id, words: wordsOf(run) }));
	const withServices = pipeline.provider === 'gitlab' ? pipeline.jobs.filter((job) => job.services.length > 0) : [];
	const catalog = pipeline.provider in BUILTIN_CATALOGS ? BUILTIN_CATALOGS[pipeline.provider as BuiltinProvider] : undefined;
	return [...byName]
		.sort(([a], [b]) => byCodePoint(a, b))
		.map(([name, { vars, definitions, usedBy }]) => {
			const secret = vars.some((v) => v.secret);
			const builtin = vars.some((v) => v.scope === 'builtin');
			const known = builtinVar(pipeline.provider, name);
			const kind: EnvKind = secret ? 'secret' : definitions.length > 0 ? 'defined' : builtin ? 'builtin' : 'project';
			return {
				pipelineId: pipeline.id,
				name,
				anchor: envAnchor(pipeline.id, name),
				kind,
				secret,
				...(known ? { description: known.description } : {}),
				...(known && catalog ? { reference: catalog.reference } : {}),
				// One level marking it secret hides every level's value: a name is secret or it is not.
				definitions: secret ? definitions.map(({ value: _hidden, ...rest }) => rest) : definitions,
				usedBy: [...usedBy].sort(byCodePoint).map((ref) => {
					const at = ref.lastIndexOf('#');
					return { jobId: ref.slice(0, at), stepId: ref.slice(at + 1) };
				}),
				givenTo: [...(givenTo.get(name)?.values() ?? [])],
				readAround: readAround.get(name) ?? [],
				services: servicesGiven(withServices, definitions),
				inConditions: [...(inConditions.get(name) ?? [])],
				runs: mine.filter((r) => r.words.has(name)).map((r) => r.id),
				...offeredAs(pipeline, name, vars),
			};
		});
}

/** The services of `jobs` that the config's `definitions` of a variable reach (see EnvEntry.services). */
function servicesGiven(jobs: readonly Job[], definitions: readonly EnvDefinition[]): EnvEntry['services'] {
	const everyJob = definitions.some((d) => d.jobId === undefined && (d.scope === 'pipeline' || d.scope === 'workflow'));
	const byImage = new Map<string, string[]>();
	for (const job of jobs) {
		// A job's `secrets:` (Vault's and the like) are not passed to its services.
		if (!everyJob && !definitions.some((d) => d.jobId === job.id && d.scope === 'job')) continue;
		for (const service of job.services) {
			const jobIds = byImage.get(service.image) ?? [];
			if (!jobIds.includes(job.id)) byImage.set(service.image, [...jobIds, job.id]);
		}
	}
	return [...byImage].map(([image, jobIds]) => ({ image, jobIds }));
}

/** The pipeline parameter a pipeline-wide variable is, when it is one (see EnvEntry.offered). */
function offeredAs(pipeline: Pipeline, name: string, vars: readonly EnvVar[]): Pick<EnvEntry, 'offered'> {
	const parameter = vars.some((v) => v.scope === 'pipeline' || v.scope === 'workflow') ? pipeline.parameters.find((p) => p.name === name) : undefined;
	if (!parameter || (parameter.description === undefined && !parameter.enum)) return {};
	return { offered: { ...(parameter.description !== undefined ? { description: parameter.description } : {}), ...(parameter.enum ? { options: parameter.enum } : {}) } };
}

export interface DefinitionGroup {
	scope: EnvScope;
	value?: string;
	valueFrom?: string;
	location?: SourceLocation;
	/** Jobs (and steps) that share this one definition: an executor or YAML anchor applies to many. */
	places: { jobId?: string; stepId?: string }[];
}

/** Definitions with the same value at the same place, merged so a shared executor's variable reads once. */
export function definitionGroups(definitions: readonly EnvDefinition[]): DefinitionGroup[] {
	const groups = new Map<string, DefinitionGroup>();
	for (const d of definitions) {
		const key = `${d.scope}|${d.value ?? ''}|${d.valueFrom ?? ''}|${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : ''}`;
		const group = groups.get(key) ?? { scope: d.scope, ...(d.value !== undefined ? { value: d.value } : {}), ...(d.valueFrom ? { valueFrom: d.valueFrom } : {}), ...(d.location ? { location: d.location } : {}), places: [] };
		if (d.jobId) group.places.push({ jobId: d.jobId, ...(d.stepId ? { stepId: d.stepId } : {}) });
		groups.set(key, group);
	}
	return [...groups.values()];
}
