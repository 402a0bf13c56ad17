import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { existingExplanations } from '../../src/cli/scaffold';
import { selectAuthored } from '../../src/explain/authored';
import { readPipelines } from '../../src/ingest/read';
import { explainStep } from '../../src/knowledge/explain';
import type { Step } from '../../src/model';

const root = fileURLToPath(new URL('../../', import.meta.url));
const all = (steps: readonly Step[]): Step[] => steps.flatMap((s) => [s, ...all(s.children)]);

describe('the example site', () => {
	it('explains every step of every example pipeline, in the team’s words or built in', async () => {
		const pipelines = await readPipelines(`${root}pipelines`);
		const authored = await existingExplanations(`${root}content/explanations`);
		const missing: string[] = [];
		let count = 0;
		for (const pipeline of pipelines) {
			for (const job of pipeline.jobs) {
				const workflowIds = pipeline.workflows.filter((w) => w.entries.some((e) => e.jobId === job.id)).map((w) => w.id);
				for (const step of all(job.steps)) {
					count++;
					const own = selectAuthored({ level: 'step', pipelineId: pipeline.id, workflowIds, jobId: job.id, step }, authored);
					if (!own && !explainStep(step, { provider: pipeline.provider, job, pipeline })) missing.push(`${pipeline.id} ${job.id} #${step.id} ${step.name}`);
				}
			}
		}
		expect(count).toBeGreaterThan(100);
		expect(missing).toEqual([]);
	});
});
