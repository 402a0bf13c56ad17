import { variablesIn } from '../ingest/env-usage';
import type { Pipeline, Run, Step } from '../model';
import { builtinAnchor, ENV_KIND_LABELS, envEntries } from '../site/env-reference';
import { stripAnsi } from '../site/log-html';
import type { SearchKind } from './kinds';
import { PROVIDER_NAMES } from '../site/providers';
import { stepAnchor } from '../site/runs';
import { BUILTIN_CATALOGS } from '../knowledge/env';

/** Search results of their own for things that live inside a page (a step, a variable), linking to their anchor. */
export interface SearchRecord {
	/** Site path without the base, with the anchor: `/pipelines/x/jobs/y/#step-3`. */
	url: string;
	kind: SearchKind;
	title: string;
	/** Plain text; the title is repeated in it so the exact name also matches the body. */
	body: string[];
	provider?: string;
	pipeline?: string;
}

function* allSteps(steps: readonly Step[]): Generator<Step> {
	for (const step of steps) {
		yield step;
		yield* allSteps(step.children);
	}
}

function readsOf(step: Step): string[] {
	const names = [...new Set([step.command, ...Object.values(step.with)].flatMap((text) => (text ? variablesIn(text).map((u) => u.name) : [])))];
	return names.length > 0 ? [`Reads ${names.join(' ')}`] : [];
}

/**
 * One record per config step, per variable of each pipeline, per built-in variable of each
 * CI's catalog, and per recorded run step. Built only from the model, whose secrets carry no
 * value, and from run logs that were redacted on ingestion.
 */
export function searchRecords(pipelines: readonly Pipeline[], runs: readonly Run[], jobPath: (p: Pipeline, j: Pipeline['jobs'][number]) => string): SearchRecord[] {
	const records: SearchRecord[] = [];
	for (const pipeline of pipelines) {
		const common = { provider: PROVIDER_NAMES[pipeline.provider], pipeline: pipeline.title };
		for (const job of pipeline.jobs) {
			for (const step of allSteps(job.steps)) {
				records.push({
					...common,
					kind: 'step',
					url: `${jobPath(pipeline, job)}#step-${step.id}`,
					title: step.name,
					body: [
						`Step ${step.id} of job ${job.name} in ${pipeline.title}.`,
						...(step.uses ? [step.uses] : []),
						...(step.command && step.command !== step.name ? [step.command] : []),
						...Object.entries(step.with).map(([k, v]) => `${k}: ${v}`),
						...(step.keys ?? []),
						...(step.paths ?? []),
						// `--label x=${CIRCLE_BRANCH}` is one word to the index: the names it reads, on their own.
						...readsOf(step),
					],
				});
			}
		}
		for (const entry of envEntries(pipeline, runs)) {
			records.push({
				...common,
				kind: 'variable',
				url: `/env/#${entry.anchor}`,
				title: entry.name,
				body: [
					`${entry.name}: ${ENV_KIND_LABELS[entry.kind].toLowerCase()} environment variable of ${pipeline.title}.`,
					...(entry.description ? [entry.description] : []),
					...entry.definitions.flatMap((d) => (d.value !== undefined ? [`${entry.name}=${d.value}`] : [])),
					...(entry.usedBy.length > 0 ? [`Read by ${entry.usedBy.length} step${entry.usedBy.length === 1 ? '' : 's'}.`] : []),
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
		const pipeline = pipelines.find((p) => p.id === run.pipelineId);
		for (const step of run.steps) {
			records.push({
				kind: 'run',
				...(pipeline ? { provider: PROVIDER_NAMES[pipeline.provider], pipeline: pipeline.title } : {}),
				url: `/pipelines/${run.pipelineId}/runs/${run.id}/#${stepAnchor(step)}`,
				title: `${step.name} (run ${run.id})`,
				// The first lines say what the step did; the whole log would drown every other result.
				body: [`Step ${step.index} of the recorded ${run.status} run ${run.id} of ${run.job}.`, ...step.lines.slice(0, 40).map(stripAnsi)],
			});
		}
	}
	return records;
}
