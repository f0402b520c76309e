/**
 * The merchants' own room feeds for the sync run: `GET /feed/<merchantId>` answers a
 * `getliveinfo` payload of `roomsPerFeed` rooms on the festival's last day, the same every time
 * (so a second pass finds them unchanged). Counts requests so the benchmark sees when a pass began.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_ANCHOR, BENCH_PRODUCT } from './world';

export interface FeedStub {
	origin: string;
	roomsPerFeed: number;
	requests: number;
	/** `performance.now()` of the first request, null before. */
	firstAt: number | null;
	/** Sets the festival's end, which the rooms' times hang from (known after the world is made). */
	setFestivalEnd(end: Date): void;
	close(): Promise<void>;
}

const HOUR_S = 3600;

/** Starts the feed server on a free loopback port. */
export async function startFeedStub(roomsPerFeed: number): Promise<FeedStub> {
	let endS = 0;
	const bodies = new Map<string, Buffer>();
	const stub: FeedStub = {
		origin: '',
		roomsPerFeed,
		requests: 0,
		firstAt: null,
		setFestivalEnd: (end) => {
			endS = Math.floor(end.getTime() / 1000);
			bodies.clear();
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	const build = (merchantId: string): Buffer =>
		Buffer.from(
			JSON.stringify({
				errcode: 0,
				total: roomsPerFeed,
				room_info: Array.from({ length: roomsPerFeed }, (_, n) => {
					const start = endS - 8 * HOUR_S + (n % 36) * 600;
					return {
						roomid: n + 1,
						name: `压测同步直播间 ${merchantId}-${n + 1}`,
						live_status: 102,
						start_time: start,
						end_time: start + HOUR_S,
						anchor_name: BENCH_ANCHOR,
						goods: [{ name: BENCH_PRODUCT.name, price: BENCH_PRODUCT.priceFen, price_type: 1 }],
					};
				}),
			}),
		);
	const server: Server = createServer((req, res) => {
		const id = /^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1];
		if (!id) {
			res.writeHead(404).end();
			return;
		}
		stub.requests += 1;
		stub.firstAt ??= performance.now();
		let body = bodies.get(id);
		if (!body) bodies.set(id, (body = build(id)));
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stub.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return stub;
}
