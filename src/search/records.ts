import { variablesIn } from '../ingest/env-usage';
import { allSteps, type Pipeline, type Run, type RunStep, type Step } from '../model';
import { builtinAnchor, envEntries, envKindLabel } from '../site/env-reference';
import { stripAnsi } from '../site/log-html';
import type { SearchKind } from './kinds';
import { PROVIDER_NAMES } from '../site/providers';
import { runTitle, stepAnchor } from '../site/runs';
import { failureOf } from '../site/failure';
import { BUILTIN_CATALOGS } from '../knowledge/env';
import { plural } from '../knowledge/explain/text';
import { countSteps } from '../site/stats';
import { jobStepAnchor } from '../site/urls';

/** The id of the steps heading on a job's and a run's page, which their records link to. */
export const STEPS_ANCHOR = 'steps';

/** A part of a record with an anchor of its own on the page: a step of a job, a step of a run. */
export interface SearchSection {
	/** The element id on the page, without `#`. */
	anchor: string;
	title: string;
	/** Plain text. */
	body: string[];
}

/**
 * A search result of its own for what lives inside a page (a variable, a job's steps, a run's
 * steps, the team's explanation of steps). Pagefind filters are per document, so these need documents of their own; one per
 * variable, and one per job or run whose steps are sections: Pagefind lists the sections that
 * match under the result, each linking to its anchor (one document per step made the index
 * four times the documents, and Pagefind's time and memory grow with them).
 */
export interface SearchRecord {
	/** Site path without the base, with the anchor of a record of one thing: `/env/#app--TOKEN`. */
	url: string;
	kind: SearchKind;
	title: string;
	/** Plain text; a variable's name is repeated in it so the exact name also matches the body. */
	body: string[];
	sections?: SearchSection[];
	provider?: string;
	pipeline?: string;
}

/**
 * At most this many characters of one text in a record: a record's text goes whole into its
 * fragment, which a reader downloads for each result shown, and a 5,000-line inline script or a
 * minified log line would make every search that shows it slow. The page itself keeps (and the
 * index reads) the whole text; the names a command reads are taken from all of it.
 */
export const MAX_RECORD_TEXT = 2_000;
/** A log line in a run's record: the first lines say what a step did, not a megabyte of one line. */
export const MAX_RECORD_LINE = 500;
/**
 * The first lines of each step's log in its run's record: what the step did (its command, the
 * tool's banner and version). Past them a log is mostly progress, timestamps and digests, which
 * no one searches for and which made the index's vocabulary: at size M, 200 runs' first 40 lines
 * each were a sixth of the search index's time (3.3 of 19.5 s), their first 10 lines 0.9 s.
 */
export const RECORD_LOG_HEAD = 10;
/** A section's title: a step without a name is named after its command's first line, however long. */
export const MAX_RECORD_TITLE = 200;

/** `text` cut to `max` characters, with "…" when it was longer (never inside a surrogate pair). */
export function clip(text: string, max = MAX_RECORD_TEXT): string {
	if (text.length <= max) return text;
	const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
	return `${text.slice(0, end)}…`;
}

/**
 * What search reads of a run step's log: its first lines, then the lines its run's page quotes as
 * the reason it failed (`failed`, 1-based), wherever in the log they are: the error message a
 * newcomer pastes into search is at the end of the log, not at its start. The whole log would
 * drown every other result.
 */
function logForSearch(step: RunStep, failed: readonly { n: number }[]): string[] {
	const read = [...step.lines.slice(0, RECORD_LOG_HEAD), ...failed.filter(({ n }) => n > RECORD_LOG_HEAD).map(({ n }) => step.lines[n - 1]!)];
	return read.map((line) => clip(stripAnsi(line), MAX_RECORD_LINE));
}

function readsOf(step: Step): string[] {
	const names = [...new Set([step.command, ...Object.values(step.with)].flatMap((text) => (text ? variablesIn(text).map((u) => u.name) : [])))];
	return names.length > 0 ? [`Reads ${names.join(' ')}`] : [];
}

/** A step the team explained, as the explanation's record lists it: in a job, or a CI stage in a recorded run. */
export interface ExplainedPlace {
	pipeline: Pick<Pipeline, 'id' | 'title' | 'provider'>;
	/** What the step is part of, as the record names it: a job's name, a run's title. */
	within: string;
	/** The step's name, for an explanation without a title. */
	step: string;
	/** The step's place in the site, anchor and all (without the base). */
	url: string;
}

/** An explanation the team wrote (`content/explanations/`): its words, and the steps it explains. */
export interface StepExplanation {
	title?: string | undefined;
	/** Plain text, one string per block. */
	text: readonly string[];
	/** A config's steps in jobs, or a CI's stages in recorded runs. */
	of: 'step' | 'stage';
	/** In the order the pages show them: pipelines, their jobs or runs, their steps. */
	places: readonly ExplainedPlace[];
}

/**
 * One record per job and per recorded run, with their steps as sections; one per variable of
 * each pipeline and per built-in variable of each CI's catalog. Built only from the model,
 * whose secrets carry no value, and from run logs that were redacted on ingestion.
 *
 * A job's and a run's record link to the steps heading of the page (`#steps`), never to the
 * page itself: Pagefind keeps one document per address, and a record at the page's address
 * took the page's place in the index (its own words, a job's explanation, were not found). The
 * page leaves its steps to the record, as the variables page leaves its variables to theirs.
 */
export function searchRecords(
	pipelines: readonly Pipeline[],
	runs: readonly Run[],
	jobPath: (p: Pipeline, j: Pipeline['jobs'][number]) => string,
): SearchRecord[] {
	const records: SearchRecord[] = [];
	for (const pipeline of pipelines) {
		const common = { provider: PROVIDER_NAMES[pipeline.provider], pipeline: pipeline.title };
		for (const job of pipeline.jobs) {
			const steps = allSteps(job.steps);
			if (steps.length === 0) continue;
			records.push({
				...common,
				kind: 'step',
				url: `${jobPath(pipeline, job)}#${STEPS_ANCHOR}`,
				title: `Steps of ${job.name}`,
				// Counted as the job's page counts them; every step, nested ones too, is a section.
				body: [`Job ${job.name} of ${pipeline.title}: ${plural(countSteps(job.steps), 'step')}.`],
				sections: steps.map((step) => ({
					anchor: jobStepAnchor(step),
					title: clip(step.name, MAX_RECORD_TITLE),
					body: [
						...(step.uses ? [step.uses] : []),
						...(step.command && (step.command !== step.name || step.name.length > MAX_RECORD_TITLE) ? [clip(step.command)] : []),
						...Object.entries(step.with).map(([k, v]) => clip(`${k}: ${v}`)),
						...(step.keys ?? []).map((k) => clip(k)),
						...(step.paths ?? []).map((p) => clip(p)),
						// `--label x=${CIRCLE_BRANCH}` is one word to the index: the names it reads, on their own.
						...readsOf(step),
					],
				})),
			});
		}
		for (const entry of envEntries(pipeline, runs)) {
			records.push({
				...common,
				kind: 'variable',
				url: `/env/#${entry.anchor}`,
				title: entry.name,
				body: [
					`${entry.name}: ${envKindLabel(entry).toLowerCase()} environment variable of ${pipeline.title}.`,
					...(entry.description ? [clip(entry.description)] : []),
					...entry.definitions.flatMap((d) => (d.value !== undefined ? [clip(`${entry.name}=${d.value}`)] : d.valueFrom ? [clip(`${entry.name} is set from ${d.valueFrom}.`)] : [])),
					...(entry.usedBy.length > 0 ? [`Read by ${entry.usedBy.length} step${entry.usedBy.length === 1 ? '' : 's'}.`] : []),
					...entry.givenTo.map((to) => `Given to ${to.name}.`),
					...(entry.inConditions.length > 0 ? [`Read by the conditions of ${entry.inConditions.length} job${entry.inConditions.length === 1 ? '' : 's'}.`] : []),
					...entry.readAround.map((r) => `Read by ${r.step}, a step the workflow ${r.workflowName} adds ${r.before ? 'before' : 'after'} the job's own.`),
				],
			});
		}
	}
	for (const catalog of Object.values(BUILTIN_CATALOGS)) {
		for (const variable of catalog.variables) {
			records.push({
				kind: 'variable',
				provider: PROVIDER_NAMES[catalog.provider],
				url: `/env/${catalog.provider}/#${builtinAnchor(variable.name)}`,
				title: variable.name,
				body: [`${variable.name}: built-in ${PROVIDER_NAMES[catalog.provider]} variable.`, variable.description, ...(variable.availability ? [variable.availability] : [])],
			});
		}
	}
	for (const run of runs) {
		if (run.steps.length === 0) continue;
		const pipeline = pipelines.find((p) => p.id === run.pipelineId);
		const failure = failureOf(run);
		records.push({
			kind: 'run',
			...(pipeline ? { provider: PROVIDER_NAMES[pipeline.provider], pipeline: pipeline.title } : {}),
			url: `/pipelines/${run.pipelineId}/runs/${run.id}/#${STEPS_ANCHOR}`,
			// As the run's page is titled: the job the CI ran, and its number there.
			title: `Logs of ${runTitle(run)}`,
			body: [`The recorded ${run.status} run ${run.id} of ${run.job}: ${plural(run.steps.length, 'step')}.`],
			sections: run.steps.map((step) => ({
				anchor: stepAnchor(step),
				title: clip(step.name, MAX_RECORD_TITLE),
				body: logForSearch(step, failure?.step === step ? failure.lines : []),
			})),
		});
	}
	return records;
}

/** How many jobs or runs a record names by name before it counts the rest. */
const NAMED = 10;

/**
 * Each explanation the team wrote for steps (or a CI's stages) as one result, linking to the
 * first step it explains and saying which others (their pages show it with each). Once, not
 * in each step's section: one explanation often explains a step of every job (a checkout, a
 * cache), and a copy in each made every search for its words list every job.
 */
export function explanationRecords(explanations: readonly StepExplanation[]): SearchRecord[] {
	return explanations.flatMap((explanation) => {
		const [first] = explanation.places;
		return first ? [explanationRecord(explanation, first)] : [];
	});
}

function explanationRecord(explanation: StepExplanation, first: ExplainedPlace): SearchRecord {
	const within = [...new Map(explanation.places.map((place) => [`${place.pipeline.id}\0${place.within}`, place])).values()];
	const pipelinesOf = new Map(within.map(({ pipeline }) => [pipeline.id, pipeline]));
	const only = pipelinesOf.size === 1 ? first.pipeline : undefined;
	// Filtered by CI when all its pipelines have the same: "CircleCI" still finds it.
	const providers = new Set([...pipelinesOf.values()].map((p) => p.provider));
	const names = within.slice(0, NAMED).map((place) => (only ? place.within : `${place.within} (${place.pipeline.title})`));
	const more = within.length - names.length;
	const [one, group] = explanation.of === 'step' ? ['step', 'job'] : ['stage', 'run'];
	return {
		kind: explanation.of === 'step' ? 'step' : 'run',
		...(providers.size === 1 ? { provider: PROVIDER_NAMES[first.pipeline.provider] } : {}),
		...(only ? { pipeline: only.title } : {}),
		url: first.url,
		title: clip(explanation.title ?? `${first.step}: the team's explanation`, MAX_RECORD_TITLE),
		body: [
			...explanation.text.map((text) => clip(text)),
			`The team's explanation of ${plural(explanation.places.length, one!)} in ${plural(within.length, group!)}: ${names.join(', ')}${more > 0 ? ` and ${plural(more, 'other')}` : ''}.`,
		],
	};
}
