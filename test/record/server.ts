import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
}

export interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
}

export interface ReplayServer {
	url: string;
	requests: SeenRequest[];
	close(): Promise<void>;
}

/** A server on 127.0.0.1 answering recorded API responses by path (query included); 404 for anything else. */
export async function replayServer(answer: (request: SeenRequest) => Reply | undefined): Promise<ReplayServer> {
	const requests: SeenRequest[] = [];
	const server: Server = createServer((req, res) => {
		const seen = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
		requests.push(seen);
		const reply = answer(seen) ?? { status: 404, body: '{"message":"Not Found"}' };
		res.writeHead(reply.status ?? 200, reply.headers ?? { 'content-type': 'application/json' });
		res.end(reply.body ?? '');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise<void>((done) => server.close(() => done())),
	};
}

export function json(value: unknown, status = 200): Reply {
	return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
