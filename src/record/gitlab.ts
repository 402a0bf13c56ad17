import { GITLAB_GOING } from '../runs/status';
import { RecordError } from './errors';
import type { Client } from './http';
import type { RecordedFile } from './recording';
import { field } from './recording';
import type { Target } from './targets';

type GitlabTarget = Extract<Target, { ci: 'gitlab' }>;

export function gitlabUrls(t: GitlabTarget, base: string): { job: string; trace: string } {
	const job = `${base}/api/v4/projects/${encodeURIComponent(t.project)}/jobs/${t.job}`;
	return { job, trace: `${job}/trace` };
}

/** Statuses of a job that has not run to an end (`manual` waits for a click). */
const UNFINISHED = new Set<string>([...GITLAB_GOING, 'manual']);

export function gitlabUnfinished(job: unknown): string | undefined {
	const status = field(job, 'status');
	return typeof status === 'string' && UNFINISHED.has(status) ? status : undefined;
}

export async function fetchGitlab(t: GitlabTarget, base: string, client: Client): Promise<RecordedFile[]> {
	const urls = gitlabUrls(t, base);
	const job = await client.json(urls.job, 'the job');
	const status = gitlabUnfinished(job);
	if (status) throw new RecordError(`GitLab job ${t.job} is ${status}: record it once it has finished (its trace is incomplete until then)`);
	const trace = await client.bytes(urls.trace, "the job's trace");
	return [
		{ path: 'job.json', json: job },
		{ path: 'trace.log', bytes: trace },
	];
}
