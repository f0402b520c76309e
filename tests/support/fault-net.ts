import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';

/**
 * Network faults for tests/integration/faults/: a server that accepts connections and never
 * answers, and a Meilisearch stand-in that can be started late on a given port.
 */

export interface SilentServer {
	origin: string;
	port: number;
	/** Connections accepted so far (each left hanging). */
	connections(): number;
	/** The first line of every request received, e.g. `GET /feed HTTP/1.1`. */
	requestLines(): string[];
	/** Closes the listener and every connection it left hanging. */
	stop(): Promise<void>;
}

/** Listens on `port` (a free one when 0) and reads whatever comes, never writing a byte back. */
export async function startSilentServer(port = 0): Promise<SilentServer> {
	const sockets = new Set<Socket>();
	const lines: string[] = [];
	let accepted = 0;
	const server = createTcpServer((socket) => {
		accepted += 1;
		sockets.add(socket);
		let head = '';
		socket.on('data', (chunk) => {
			if (head.includes('\r\n')) return;
			head += chunk.toString('latin1');
			if (head.includes('\r\n')) lines.push(head.slice(0, head.indexOf('\r\n')));
		});
		socket.on('error', () => {});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const bound = (server.address() as { port: number }).port;
	return {
		origin: `http://127.0.0.1:${bound}`,
		port: bound,
		connections: () => accepted,
		requestLines: () => [...lines],
		stop: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

export interface MeilisearchStandIn {
	/** Every document id the portal upserted, and deleted, in order. */
	upserted: number[];
	deleted: number[];
	stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : undefined;
}

/**
 * Just enough of Meilisearch's HTTP API for the portal's outbox worker: every write is a task
 * that has already succeeded when asked about; searches find nothing. Listens on `port`.
 */
export async function startMeilisearchStandIn(port: number): Promise<MeilisearchStandIn> {
	const standIn: MeilisearchStandIn = { upserted: [], deleted: [], stop: async () => {} };
	let taskUid = 0;
	const server = createHttpServer(async (req, res) => {
		const body = await readJson(req);
		const path = new URL(req.url ?? '/', 'http://meili').pathname;
		const send = (status: number, json: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		if (req.method === 'GET' && path.startsWith('/tasks/')) {
			const uid = Number(path.slice('/tasks/'.length));
			return send(200, { uid, status: 'succeeded', type: 'documentAdditionOrUpdate' });
		}
		if (req.method === 'POST' && path === '/multi-search') {
			const queries = (body as { queries: unknown[] }).queries;
			return send(200, {
				results: queries.map(() => ({ hits: [], totalHits: 0, facetDistribution: {} })),
			});
		}
		if (req.method === 'POST' && /\/documents$/.test(path)) {
			standIn.upserted.push(...(body as { id: number }[]).map((d) => d.id));
		}
		if (req.method === 'POST' && /\/documents\/delete-batch$/.test(path)) {
			standIn.deleted.push(...(body as number[]));
		}
		taskUid += 1;
		send(202, { taskUid, indexUid: null, status: 'enqueued', type: 'unknown', enqueuedAt: '' });
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	standIn.stop = () =>
		new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return standIn;
}
