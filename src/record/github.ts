import { extractArchive } from './archive';
import { RecordError } from './errors';
import type { Client } from './http';
import { field, list, type RecordedFile } from './recording';
import type { Target } from './targets';

type GithubTarget = Extract<Target, { ci: 'github' }>;

const PER_PAGE = 100;
/** A run with more jobs than this is not one a page can show anyway. */
const MAX_PAGES = 10;

export function githubUrls(t: GithubTarget, base: string): { run: string; jobs: (page: number) => string; logs: string } {
	const run = `${base}/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}/actions/runs/${t.run}`;
	return { run, jobs: (page) => `${run}/jobs?per_page=${PER_PAGE}&page=${page}`, logs: `${run}/logs` };
}

/** The run's status while it has not completed (`queued`, `in_progress`, `waiting`...). */
export function githubUnfinished(run: unknown): string | undefined {
	const status = field(run, 'status');
	return typeof status === 'string' && status !== 'completed' ? status : undefined;
}

/** Pages of `.../jobs` as one answer, the shape a single page has. */
export function mergeJobPages(pages: readonly unknown[]): { total_count: number; jobs: unknown[] } {
	const jobs = pages.flatMap((page) => list(field(page, 'jobs')));
	const total = field(pages[0], 'total_count');
	return { total_count: typeof total === 'number' ? total : jobs.length, jobs };
}

/** The files of the logs archive, beside run.json and jobs.json, which it must not replace. */
export function archiveFiles(zip: Uint8Array): RecordedFile[] {
	const files = extractArchive(zip);
	for (const own of ['run.json', 'jobs.json']) {
		if (files.has(own)) throw new RecordError(`the logs archive holds a file named ${own}: not recorded`);
	}
	return [...files].map(([path, bytes]) => ({ path, bytes }));
}

export async function fetchGithub(t: GithubTarget, base: string, client: Client): Promise<RecordedFile[]> {
	const urls = githubUrls(t, base);
	const run = await client.json(urls.run, 'the workflow run');
	const status = githubUnfinished(run);
	if (status) throw new RecordError(`GitHub run ${t.run} is ${status}: record it once it has completed (its logs archive exists only then)`);
	const pages = [await client.json(urls.jobs(1), "the run's jobs")];
	const total = Number(field(pages[0], 'total_count')) || 0;
	for (let page = 2; page <= Math.min(Math.ceil(total / PER_PAGE), MAX_PAGES); page++) pages.push(await client.json(urls.jobs(page), "the run's jobs"));
	const zip = await client.bytes(urls.logs, "the run's logs archive");
	return [{ path: 'run.json', json: run }, { path: 'jobs.json', json: mergeJobPages(pages) }, ...archiveFiles(zip)];
}
