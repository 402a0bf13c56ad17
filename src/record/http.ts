import { RecordError } from './errors';

/** No single response may be larger: a run's logs are a few MB, a runaway answer is not a run. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 120_000;

export interface Client {
	/** The body of a GET, after redirects. */
	bytes(url: string, what: string): Promise<Uint8Array>;
	json(url: string, what: string): Promise<unknown>;
}

export interface ClientOptions {
	/** Credentials go to this origin only: a redirect to storage (S3, Azure) must not carry them. */
	apiOrigin: string;
	authHeaders: Record<string, string>;
	/** An HTTP error as a message; the response body is never shown. */
	failure(status: number, statusText: string, headers: Headers, what: string): RecordError;
	fetch?: typeof fetch;
}

/**
 * A thin GET client over global fetch: follows redirects itself (so it decides where the token
 * goes), refuses plain http except to this machine, and caps every body at MAX_DOWNLOAD_BYTES.
 */
export function createClient(options: ClientOptions): Client {
	const doFetch = options.fetch ?? fetch;
	const get = async (url: string, what: string, accept: string): Promise<Uint8Array> => {
		let current = checkedUrl(url, what);
		for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
			const headers: Record<string, string> = { Accept: accept, 'User-Agent': 'pipeline-atlas-record' };
			if (current.origin === options.apiOrigin) Object.assign(headers, options.authHeaders);
			let response: Response;
			try {
				response = await doFetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
			} catch (error) {
				throw new RecordError(`could not reach ${current.host} fetching ${what}: ${reason(error)}`);
			}
			if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
				await response.body?.cancel();
				current = checkedUrl(new URL(response.headers.get('location')!, current).href, what);
				continue;
			}
			if (!response.ok) {
				await response.body?.cancel();
				throw options.failure(response.status, response.statusText, response.headers, what);
			}
			return await readLimited(response, what);
		}
		throw new RecordError(`too many redirects fetching ${what}`);
	};
	return {
		bytes: (url, what) => get(url, what, '*/*'),
		async json(url, what) {
			const body = await get(url, what, 'application/json');
			try {
				return JSON.parse(new TextDecoder().decode(body)) as unknown;
			} catch {
				throw new RecordError(`${what} is not JSON: is --api pointing at the right server?`);
			}
		},
	};
}

/** https anywhere; plain http only to this machine (tests, a local proxy), where no one can listen in. */
export function checkedUrl(url: string, what: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new RecordError(`not a URL for ${what}: ${url}`);
	}
	if (parsed.protocol === 'https:') return parsed;
	if (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return parsed;
	throw new RecordError(`refusing to fetch ${what} from ${parsed.protocol}//${parsed.host}: only https (or http to this machine) can carry a token safely`);
}

async function readLimited(response: Response, what: string): Promise<Uint8Array> {
	const declared = Number(response.headers.get('content-length'));
	if (declared > MAX_DOWNLOAD_BYTES) {
		await response.body?.cancel();
		throw tooLarge(what);
	}
	if (!response.body) return new Uint8Array(0);
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body) {
		size += chunk.byteLength;
		if (size > MAX_DOWNLOAD_BYTES) throw tooLarge(what);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

function tooLarge(what: string): RecordError {
	return new RecordError(`${what} is larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MiB: not recorded`);
}

function reason(error: unknown): string {
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
	return cause ?? (error instanceof Error ? error.message : String(error));
}
