import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 standing in for WeChat's API and merchants' feed servers. Each
 * test sets `handle`, which sees the path, query and JSON body of a request and answers with
 * JSON, raw bytes, a redirect or a delay; every request is logged for assertions.
 */

export interface StubRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	json: unknown;
}

export interface StubAnswer {
	status?: number;
	json?: unknown;
	raw?: string | Buffer;
	headers?: Record<string, string>;
	/** Wait this long before answering (for timeouts). */
	delayMs?: number;
}

export interface WechatStub {
	origin: string;
	handle: (req: StubRequest) => StubAnswer;
	requests: StubRequest[];
	stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
}

export async function startWechatStub(): Promise<WechatStub> {
	const stub: WechatStub = {
		origin: '',
		handle: () => ({ status: 404, json: { errcode: -1 } }),
		requests: [],
		stop: async () => {},
	};
	const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://stub');
		const logged: StubRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			json: await readBody(req),
		};
		stub.requests.push(logged);
		const answer = stub.handle(logged);
		if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
		if (res.destroyed) return;
		const body =
			answer.raw ?? (answer.json === undefined ? '' : Buffer.from(JSON.stringify(answer.json)));
		res.writeHead(answer.status ?? 200, {
			'content-type': 'application/json',
			...answer.headers,
		});
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stub.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	stub.stop = () =>
		new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return stub;
}

/** A `getliveinfo` room in WeChat's format, with the fields the portal reads. */
export function liveRoom(roomid: number, over: Record<string, unknown> = {}) {
	return {
		name: `测试直播间${roomid}`,
		roomid,
		cover_img: `https://mmbiz.example/cover/${roomid}.jpg`,
		live_status: 102,
		start_time: Date.parse('2026-06-06T10:00:00Z') / 1000,
		end_time: Date.parse('2026-06-06T12:00:00Z') / 1000,
		anchor_name: '主播',
		goods: [],
		...over,
	};
}

/** A whole `getliveinfo` answer listing `rooms`. */
export function liveInfo(rooms: unknown[], total = rooms.length) {
	return { errcode: 0, errmsg: 'ok', total, room_info: rooms };
}
