import { RecordError } from './errors';
import type { CiApi } from './targets';

export interface HttpFailure {
	status: number;
	statusText: string;
	headers: Headers;
	/** What was asked for, as a user would name it (`the run`, `the logs archive`). */
	what: string;
	/** The command-line arguments that named it, for a 404. */
	arguments: string;
}

/** An HTTP failure as a message that says what to do. Never quotes the response body: it may echo the request. */
export function describeFailure(api: CiApi, f: HttpFailure, now = Date.now()): RecordError {
	const error = new RecordError(failureMessage(api, f, now));
	error.status = f.status;
	return error;
}

function failureMessage(api: CiApi, f: HttpFailure, now: number): string {
	const code = `HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}`;
	const wait = retryAfter(f.headers, now);
	if (f.status === 429 || (f.status === 403 && f.headers.get('x-ratelimit-remaining') === '0')) {
		return `${api.name} rate limit reached fetching ${f.what} (${code}): try again ${wait ?? 'later'}. An authenticated token has a higher limit.`;
	}
	switch (f.status) {
		case 401:
			return `${api.name} rejected the token in ${api.tokenEnv} fetching ${f.what} (${code}): it is wrong, expired or revoked. To fix: ${api.tokenHelp}.`;
		case 403:
			return `${api.name} refused access to ${f.what} (${code}): the token in ${api.tokenEnv} lacks a permission. To fix: ${api.tokenHelp}.`;
		case 404:
			return `${api.name} could not find ${f.what} (${code}): check ${f.arguments}. A private project also answers 404 when the token in ${api.tokenEnv} cannot see it.`;
		case 410:
			return `${api.name} no longer keeps ${f.what} (${code}): logs and artifacts expire (GitHub keeps them 90 days by default).`;
		default:
			return `${api.name} failed fetching ${f.what} (${code})${f.status >= 500 ? ': try again later' : ''}.`;
	}
}

function retryAfter(headers: Headers, now: number): string | undefined {
	const seconds = Number(headers.get('retry-after'));
	if (Number.isFinite(seconds) && seconds > 0) return `in ${Math.ceil(seconds)} s`;
	// GitHub's x-ratelimit-reset and GitLab's ratelimit-reset are epoch seconds.
	const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) return `after ${new Date(Math.max(reset * 1000, now)).toISOString()}`;
	return undefined;
}
