import { join } from 'node:path';
import { createRedactor } from '../redact/redact';
import { fetchCircleci } from './circleci';
import { RecordError } from './errors';
import { describeFailure } from './failures';
import { fetchGithub } from './github';
import { fetchGitlab } from './gitlab';
import { checkedUrl, createClient } from './http';
import { redactRecording } from './redact-recording';
import type { RecordedFile } from './recording';
import { exists, refuseExisting, saveRunFolder } from './save';
import { CI_APIS, describeTarget, runFolderName, type Target } from './targets';

export interface RecordRequest {
	target: Target;
	/** `<pipelines>/<pipeline>`: the run goes to its `runs/` folder. */
	pipelineDir: string;
	/** Overrides the CI's API base URL (a self-hosted GitLab, GitHub Enterprise, a test server). */
	api?: string | undefined;
	force: boolean;
}

export interface RecordIo {
	env: Readonly<Record<string, string | undefined>>;
	fetch?: typeof fetch;
}

export interface Recorded {
	folder: string;
	files: string[];
	/** What was left out of the recording, and why (secrets redacted). */
	notes: string[];
}

/**
 * Fetches a finished run through its CI's API and saves it, redacted, as a run folder. The
 * token comes from the environment only and is itself redacted from everything saved.
 */
export async function recordRun(request: RecordRequest, io: RecordIo): Promise<Recorded> {
	const { target } = request;
	const api = CI_APIS[target.ci];
	const token = io.env[api.tokenEnv]?.trim();
	if (!token) {
		throw new RecordError(
			`${api.tokenEnv} is not set: ${api.tokenHelp}. The token is read from the environment only, so it stays out of shell history and process lists.`,
		);
	}
	// An HTTP library's complaint about a bad header value would quote the token.
	if (/[\x00-\x20\x7f]/.test(token)) throw new RecordError(`${api.tokenEnv} holds spaces or control characters: set it to the token alone`);
	const folder = join(request.pipelineDir, 'runs', runFolderName(target));
	// Before any request: a refusal should not cost a download.
	if (!request.force && (await exists(folder))) throw refuseExisting(folder);
	const base = apiBase(request.api ?? api.defaultBase, target);
	const args = argumentsOf(target);
	const client = createClient({
		apiOrigin: base.origin,
		authHeaders: api.authHeaders(token),
		failure: (status, statusText, headers, what) => describeFailure(api, { status, statusText, headers, what: `${what} (${describeTarget(target)})`, arguments: args }),
		...(io.fetch ? { fetch: io.fetch } : {}),
	});
	const baseUrl = base.href.replace(/\/+$/, '');
	let files: RecordedFile[];
	const notes: string[] = [];
	switch (target.ci) {
		case 'circleci':
			files = await fetchCircleci(target, baseUrl, client, (text) => notes.push(safeMessage(text, io.env, target)));
			break;
		case 'github':
			files = await fetchGithub(target, baseUrl, client);
			break;
		case 'gitlab':
			files = await fetchGitlab(target, baseUrl, client);
			break;
	}
	const saved = redactRecording(files, { secrets: [token], ciMasks: api.ciMasks });
	await saveRunFolder(folder, saved, { force: request.force });
	return { folder, files: saved.map((f) => f.path), notes };
}

/** Version paths the request URLs add themselves; GitHub Enterprise's `/api/v3` is its root, so it stays. */
const VERSION_PATH: Partial<Record<Target['ci'], RegExp>> = { gitlab: /\/api\/v4$/, circleci: /\/api\/v(?:2|1\.1)$/ };

/** The API root, without the version path a user may have pasted (`/api/v4`, `/api/v2`). */
function apiBase(base: string, target: Target): URL {
	const url = checkedUrl(base, `the ${CI_APIS[target.ci].name} API`);
	if (url.search || url.hash || url.username || url.password) throw new RecordError(`--api takes a base URL without credentials, query or fragment: ${url.origin}${url.pathname}`);
	const pasted = VERSION_PATH[target.ci];
	url.pathname = url.pathname.replace(/\/+$/, '');
	if (pasted) url.pathname = url.pathname.replace(pasted, '');
	return url;
}

function argumentsOf(target: Target): string {
	switch (target.ci) {
		case 'circleci':
			return `the project slug ${target.vcs}/${target.org}/${target.repo} and job number ${target.job}`;
		case 'github':
			return `the repository ${target.owner}/${target.repo} and run id ${target.run}`;
		case 'gitlab':
			return `the project ${target.project} and job id ${target.job}`;
	}
}

/** An error's text with the token (and any token shape) hidden: errors are printed. */
export function safeMessage(error: unknown, env: RecordIo['env'], target: Target | undefined): string {
	const message = error instanceof Error ? error.message : String(error);
	const tokens = target ? [env[CI_APIS[target.ci].tokenEnv] ?? ''] : Object.values(CI_APIS).map((api) => env[api.tokenEnv] ?? '');
	return createRedactor({ values: tokens.map((t) => t.trim()).filter(Boolean) }).redact(message);
}
