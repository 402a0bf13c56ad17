import { stringify } from 'yaml';
import { slugify } from '../ingest/slug';
import type { Job, Pipeline, Step } from '../model';
import { selectAuthored, type ExplanationMatch } from './authored';

export interface Stub {
	/** Relative to the content folder: `explanations/<pipeline>/<job>/<nn>-<step>.md`. */
	path: string;
	text: string;
}

export interface ScaffoldOptions {
	/** Also stub steps that have a built-in explanation (to replace it with the team's words). */
	all?: boolean;
	/** Whether Pipeline Atlas explains a step by itself. */
	hasBuiltin: (step: Step, job: Job, pipeline: Pipeline) => boolean;
}

function* leafSteps(steps: readonly Step[]): Generator<Step> {
	for (const step of steps) {
		if (step.children.length > 0) yield* leafSteps(step.children);
		else yield step;
	}
}

/**
 * Stub explanations for steps that have none, one file per step, grouped in a folder per
 * pipeline and job so a team can fill them in job by job. Pure: the caller writes the files,
 * never over an existing one.
 */
export function scaffoldStubs(pipelines: readonly Pipeline[], existing: readonly { id: string; match: ExplanationMatch }[], options: ScaffoldOptions): Stub[] {
	const stubs: Stub[] = [];
	for (const pipeline of pipelines) {
		for (const job of pipeline.jobs) {
			const workflowIds = pipeline.workflows.filter((w) => w.entries.some((e) => e.jobId === job.id)).map((w) => w.id);
			let n = 0;
			for (const step of leafSteps(job.steps)) {
				n++;
				if (selectAuthored({ level: 'step', pipelineId: pipeline.id, provider: pipeline.provider, workflowIds, jobId: job.id, step }, existing)) continue;
				if (!options.all && options.hasBuiltin(step, job, pipeline)) continue;
				const match: ExplanationMatch = { pipeline: pipeline.id, job: job.id, step: step.name };
				const frontmatter = stringify({ title: `Why: ${step.name}`, match }, { lineWidth: 0 }).trimEnd();
				const body = [
					`<!-- Stub written by \`pipeline-atlas scaffold\`. Say what this step does for us and why it is`,
					`     here; the job page shows this text in place of the built-in one. Delete the file to drop it. -->`,
					'',
					`What does *${step.name.replace(/[*_`<>]/g, '')}* do in \`${job.name.replace(/`/g, '')}\`, and what should a newcomer do when it fails?`,
				].join('\n');
				stubs.push({
					path: `explanations/${slugify(pipeline.id)}/${slugify(job.id)}/${String(n).padStart(2, '0')}-${slugify(step.name).slice(0, 60).toLowerCase()}.md`,
					text: `---\n${frontmatter}\n---\n\n${body}\n`,
				});
			}
		}
	}
	return stubs;
}
