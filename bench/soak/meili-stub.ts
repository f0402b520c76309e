/**
 * A stand-in Meilisearch for the soak, in the soak's own process: enough of the HTTP API for the
 * portal's adapter (src/lib/server/search/meilisearch.ts) and its outbox worker — health, index
 * creation, settings, document upserts and deletes (tasks that succeed at once), task look-ups,
 * and multi-search answered by a crude substring match over the first documents it was sent. No test
 * module offers one (tests/integration/search/fallback.test.ts keeps its stub inline).
 *
 * Its faults are what issue 9 asks the portal to survive: `down` closes the listening socket and
 * every connection (new connections are refused), `hang` accepts requests and never answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type StubMode = 'up' | 'down' | 'hang';

export interface MeiliStub {
	url: string;
	readonly mode: StubMode;
	setMode(mode: StubMode): Promise<void>;
	/** Requests answered, by kind (`search`, `documents`, `task` …), and those left hanging. */
	counts: Record<string, number>;
	close(): Promise<void>;
}

interface SearchQuery {
	q?: string;
	page?: number;
	hitsPerPage?: number;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

/** Documents a search looks at, at most (see `search`). */
const SCANNED_DOCUMENTS = 5_000;

/** Starts the stand-in on a free loopback port, answering (`up`). */
export async function startMeiliStub(): Promise<MeiliStub> {
	/** Document id → its JSON text, which searches match against. */
	const documents = new Map<number, string>();
	const counts: Record<string, number> = {};
	const sockets = new Set<Socket>();
	let mode: StubMode = 'up';
	let taskUid = 0;
	const count = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);

	const enqueue = (res: ServerResponse, type: string, indexUid: string | null) => {
		const uid = ++taskUid;
		sendJson(res, 202, {
			taskUid: uid,
			indexUid,
			status: 'enqueued',
			type,
			enqueuedAt: new Date().toISOString(),
		});
	};

	/**
	 * A substring match over at most SCANNED_DOCUMENTS documents: the stand-in shares the load
	 * generator's event loop, and a scan of every room the outbox sends it (tens of ms per search
	 * at 270,000 rooms, 1,500 searches a run) takes that loop from the load itself.
	 */
	const search = (query: SearchQuery) => {
		const q = (query.q ?? '').trim();
		const ids: number[] = [];
		let scanned = 0;
		for (const [id, text] of documents) {
			if (++scanned > SCANNED_DOCUMENTS) break;
			if (q === '' || text.includes(q)) ids.push(id);
		}
		const size = query.hitsPerPage ?? 20;
		const from = ((query.page ?? 1) - 1) * size;
		return {
			hits: ids.slice(from, from + size).map((id) => ({ id })),
			totalHits: ids.length,
			facetDistribution: {},
		};
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		if (mode === 'hang') return void count('hung');
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://stub');
		const parts = url.pathname.split('/').filter(Boolean);
		const method = req.method ?? 'GET';
		if (parts[0] === 'health') return sendJson(res, 200, { status: 'available' });
		if (parts[0] === 'multi-search' && method === 'POST') {
			count('search');
			const { queries } = JSON.parse(body) as { queries: SearchQuery[] };
			return sendJson(res, 200, { results: queries.map(search) });
		}
		if (parts[0] === 'tasks' && parts[1]) {
			count('task');
			const uid = Number(parts[1]);
			const at = new Date().toISOString();
			return sendJson(res, 200, {
				uid,
				indexUid: null,
				status: 'succeeded',
				type: 'documentAdditionOrUpdate',
				error: null,
				duration: 'PT0S',
				enqueuedAt: at,
				startedAt: at,
				finishedAt: at,
			});
		}
		if (parts[0] === 'indexes') {
			const index = parts[1] ?? (JSON.parse(body || '{}') as { uid?: string }).uid ?? null;
			if (parts.length === 1 && method === 'POST') return enqueue(res, 'indexCreation', index);
			if (parts[2] === 'settings') return enqueue(res, 'settingsUpdate', index);
			if (parts[2] === 'documents' && parts[3] === 'delete-batch') {
				count('documents');
				for (const id of JSON.parse(body) as number[]) documents.delete(Number(id));
				return enqueue(res, 'documentDeletion', index);
			}
			if (parts[2] === 'documents' && method === 'POST') {
				count('documents');
				for (const doc of JSON.parse(body) as { id: number }[])
					documents.set(Number(doc.id), JSON.stringify(doc));
				return enqueue(res, 'documentAdditionOrUpdate', index);
			}
		}
		count('unknown');
		sendJson(res, 404, {
			message: 'not in the stand-in',
			code: 'not_found',
			type: 'invalid_request',
		});
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) =>
			sendJson(res, 500, { message: String(error), code: 'internal', type: 'internal' }),
		);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	const listen = (port: number) =>
		new Promise<number>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve((server.address() as { port: number }).port);
			});
		});
	const stopListening = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			if (server.listening) server.close(() => resolve());
			else resolve();
		});
	const port = await listen(0);

	return {
		url: `http://127.0.0.1:${port}`,
		get mode() {
			return mode;
		},
		async setMode(next) {
			if (next === mode) return;
			// Leaving `hang` or going `down`: drop every connection, hung requests included.
			if (next === 'down' || mode === 'hang') for (const socket of sockets) socket.destroy();
			if (next === 'down') await stopListening();
			if (mode === 'down') await listen(port);
			mode = next;
		},
		counts,
		close: stopListening,
	};
}
