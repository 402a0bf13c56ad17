import { RecordError } from './errors';
import type { Client } from './http';
import { field, list, type RecordedFile } from './recording';
import type { Target } from './targets';

type CircleTarget = Extract<Target, { ci: 'circleci' }>;

/** API v1.1 spells the VCS out; v2 slugs abbreviate it. */
const V1_VCS: Record<string, string> = { gh: 'github', github: 'github', bb: 'bitbucket', bitbucket: 'bitbucket' };

export function circleciUrls(t: CircleTarget, base: string): { job: string; build: string; workflow: (id: string) => string } {
	const seg = encodeURIComponent;
	return {
		job: `${base}/api/v2/project/${seg(t.vcs)}/${seg(t.org)}/${seg(t.repo)}/job/${t.job}`,
		build: `${base}/api/v1.1/project/${seg(V1_VCS[t.vcs] ?? t.vcs)}/${seg(t.org)}/${seg(t.repo)}/${t.job}`,
		workflow: (id) => `${base}/api/v2/workflow/${seg(id)}`,
	};
}

/** API v2 job statuses of a job that has not finished (`not_run`, `blocked` never will: they are final). */
const UNFINISHED = new Set(['running', 'queued', 'not_running', 'on_hold']);

/** The status of a job still to finish, or undefined when it has. */
export function circleciUnfinished(job: unknown, build?: unknown): string | undefined {
	const status = field(job, 'status');
	if (typeof status === 'string' && UNFINISHED.has(status)) return status;
	const lifecycle = field(build, 'lifecycle');
	if (typeof lifecycle === 'string' && !['finished', 'not_run'].includes(lifecycle)) return lifecycle;
	return undefined;
}

/** Each action's output, as the file the parser reads: `output-<step>-<container>.json`. */
export function circleciOutputs(build: unknown): { url: string; path: string; what: string }[] {
	return list(field(build, 'steps')).flatMap((step, i) =>
		list(field(step, 'actions')).flatMap((action, j) => {
			const url = field(action, 'output_url');
			if (typeof url !== 'string' || url === '') return [];
			const index = field(action, 'index');
			const container = typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : j;
			const name = field(step, 'name');
			return [{ url, path: `output-${i}-${container}.json`, what: `the output of step ${i + 1}${typeof name === 'string' ? ` (${name})` : ''}` }];
		}),
	);
}

/** CircleCI's ids are UUIDs: anything else from its answer is not put in a URL sent with the token. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `note` is told what was left out and why, where the run is recorded without it. */
export async function fetchCircleci(t: CircleTarget, base: string, client: Client, note: (text: string) => void = () => {}): Promise<RecordedFile[]> {
	const urls = circleciUrls(t, base);
	const job = await client.json(urls.job, 'the job');
	notFinished(t, circleciUnfinished(job));
	const build = await client.json(urls.build, 'the build (API v1.1)');
	notFinished(t, circleciUnfinished(job, build));
	const files: RecordedFile[] = [
		{ path: 'job.json', json: job },
		{ path: 'build.json', json: build },
	];
	// How the whole workflow ended, or how it stood: it may still run when its job is recorded
	// (the run page then says so). Only that: the run is recorded without it when it cannot be
	// fetched.
	const workflow = field(field(job, 'latest_workflow'), 'id');
	if (typeof workflow === 'string' && UUID.test(workflow)) {
		try {
			files.push({ path: 'workflow.json', json: await client.json(urls.workflow(workflow), 'the workflow') });
		} catch (error) {
			if (!(error instanceof RecordError)) throw error;
			// A 404 here is the workflow's, not the arguments' (they found the job): no advice to check them.
			const why = error.status === 404 ? `CircleCI has no workflow ${workflow} (HTTP 404)` : error.message;
			note(`recorded without its workflow's details (how the whole workflow ended): ${why}`);
		}
	}
	// One at a time: output URLs are pre-signed storage links, and a job has tens of steps, not thousands.
	for (const output of circleciOutputs(build)) files.push({ path: output.path, json: await client.json(output.url, output.what) });
	return files;
}

function notFinished(t: CircleTarget, status: string | undefined): void {
	if (status) throw new RecordError(`CircleCI job ${t.job} is ${status}: record it once it has finished (its output is incomplete until then)`);
}
