/**
 * The festival's ordinary writes during the throughput runs, through the real Astro Actions with
 * the sessions bench/scale/world.ts made: in turn a staff review decision (`staff.decideRoom` on
 * a submitted room), a merchant's room edit (`rooms.save`, a new title, same times) and a status
 * update (`rooms.import` of one `getliveinfo` row that only changes the room's live status, as a
 * sync does). Sent at a fixed rate on their own agent; a merchant's writes never overlap.
 */
import http from 'node:http';
import { readResponse } from '../../tests/support/net';
import { summarizeLatency, type LatencySummary } from '../search/stats';
import { buildRoomForm, postRoomSave } from '../soak/writes';
import { BENCH_ANCHOR, BENCH_PRODUCT, type ScaleMerchant, type ScaleWorld } from './world';

export type WriteKind = 'decision' | 'edit' | 'status';
const KINDS: WriteKind[] = ['decision', 'edit', 'status'];

export interface WriteKindSummary {
	kind: WriteKind;
	sent: number;
	ok: number;
	/** 4xx answers, by their first words (a refusal is not an error of the server). */
	refused: number;
	/** 5xx answers and socket errors. */
	errors: number;
	latency: LatencySummary;
	samples: string[];
}

export interface WriteSummary {
	ratePerS: number;
	elapsedS: number;
	kinds: WriteKindSummary[];
}

interface Tally {
	sent: number;
	ok: number;
	refused: number;
	errors: number;
	latencies: number[];
	samples: string[];
}

type Send = (
	options: http.RequestOptions,
	body: string,
) => Promise<{ status: number; body: string }>;

/** One live-status row of `room` as WeChat's plugin lists it: the same fields, `status` new. */
export function buildStatusPayload(
	room: ScaleMerchant['statusRooms'][number],
	liveStatus: number,
): string {
	return JSON.stringify({
		errcode: 0,
		total: 1,
		room_info: [
			{
				roomid: room.wxRoomId,
				name: room.title,
				live_status: liveStatus,
				start_time: room.start.getTime() / 1000,
				end_time: room.end.getTime() / 1000,
				anchor_name: BENCH_ANCHOR,
				goods: [{ name: BENCH_PRODUCT.name, price: BENCH_PRODUCT.priceFen, price_type: 1 }],
			},
		],
	});
}

/** A form POST to an action with a session cookie and our Origin. */
function postAction(
	send: Send,
	origin: string,
	action: string,
	token: string,
	form: URLSearchParams,
): Promise<{ status: number; body: string }> {
	const body = form.toString();
	return send(
		{
			method: 'POST',
			path: `/_actions/${action}`,
			headers: {
				Origin: origin,
				Cookie: `livefest_session=${token}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				'Content-Length': Buffer.byteLength(body),
			},
		},
		body,
	);
}

export interface Writer {
	stop(): Promise<WriteSummary>;
}

/** Starts writing `ratePerS` times a second until stopped. */
export function startWriter(origin: string, world: ScaleWorld, ratePerS: number): Writer {
	const target = new URL(origin);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
	const send: Send = (options, body) =>
		new Promise((resolve, reject) => {
			const req = http.request(
				{ ...options, host: target.hostname, port: target.port, agent },
				(res) =>
					readResponse(res).then(
						(a) => resolve({ status: a.status, body: a.body.toString('utf8') }),
						reject,
					),
			);
			req.on('error', reject);
			req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
			req.end(body);
		});
	const tallies = new Map<WriteKind, Tally>(
		KINDS.map((k) => [k, { sent: 0, ok: 0, refused: 0, errors: 0, latencies: [], samples: [] }]),
	);
	const queues = new Map<number, Promise<void>>();
	const inFlight = new Set<Promise<void>>();
	let serial = 0;
	const tag = Math.random().toString(36).slice(2, 6);

	const write = async (
		kind: WriteKind,
		merchant: ScaleMerchant | undefined,
		n: number,
	): Promise<void> => {
		let answer: Promise<{ status: number; body: string }>;
		if (kind === 'decision') {
			const item = world.decisions.shift();
			if (!item) return;
			const form = new URLSearchParams({
				roomId: String(item.roomId),
				decision: n % 5 === 4 ? 'reject' : 'approve',
				reason: n % 5 === 4 ? '压测：信息不全' : '',
				seenStatus: 'submitted',
				seenAt: String(item.seenAt),
			});
			answer = postAction(send, origin, 'staff.decideRoom', world.staffToken, form);
		} else if (kind === 'edit') {
			const room = merchant!.rooms[n % merchant!.rooms.length]!;
			const form = buildRoomForm(`压测编辑 ${tag}-${n}`, room, world.timezone, room.id);
			answer = postRoomSave(send, merchant!, origin, form, 'edit');
		} else {
			const room = merchant!.statusRooms[n % merchant!.statusRooms.length]!;
			const payload = buildStatusPayload(room, n % 2 === 0 ? 101 : 102);
			answer = postAction(
				send,
				origin,
				'rooms.import',
				merchant!.token,
				new URLSearchParams({ payload }),
			);
		}
		const tally = tallies.get(kind)!;
		tally.sent += 1;
		const started = performance.now();
		try {
			const { status, body } = await answer;
			tally.latencies.push(performance.now() - started);
			if (status === 200) tally.ok += 1;
			else if (status < 500) tally.refused += 1;
			else tally.errors += 1;
			if (status !== 200 && tally.samples.length < 5)
				tally.samples.push(`${status} ${body.slice(0, 160).replace(/\s+/g, ' ')}`);
		} catch (error) {
			tally.latencies.push(performance.now() - started);
			tally.errors += 1;
			if (tally.samples.length < 5) tally.samples.push(`socket: ${(error as Error).message}`);
		}
	};

	const tick = () => {
		const n = serial++;
		const kind = KINDS[n % KINDS.length]!;
		const merchant = world.merchants[Math.floor(n / KINDS.length) % world.merchants.length];
		const key = kind === 'decision' ? -1 : merchant!.merchantId;
		const turn = (queues.get(key) ?? Promise.resolve()).then(() => write(kind, merchant, n));
		queues.set(key, turn);
		inFlight.add(turn);
		void turn.then(() => inFlight.delete(turn));
	};
	const started = performance.now();
	// Catches up when the timer fires late (autocannon shares this process), so the rate holds.
	const timer = setInterval(() => {
		const due = Math.floor(((performance.now() - started) / 1000) * ratePerS) + 1;
		while (serial < due) tick();
	}, 20);
	return {
		async stop() {
			clearInterval(timer);
			await Promise.all(inFlight);
			agent.destroy();
			const elapsedS = (performance.now() - started) / 1000;
			return {
				ratePerS: +([...tallies.values()].reduce((s, t) => s + t.sent, 0) / elapsedS).toFixed(2),
				elapsedS: +elapsedS.toFixed(1),
				kinds: KINDS.map((kind) => {
					const t = tallies.get(kind)!;
					return {
						kind,
						sent: t.sent,
						ok: t.ok,
						refused: t.refused,
						errors: t.errors,
						latency: summarizeLatency(t.latencies),
						samples: t.samples,
					};
				}),
			};
		},
	};
}
