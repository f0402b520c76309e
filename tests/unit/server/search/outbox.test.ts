// Layer: unit (real SQLite file with the search triggers; the sink is a recording object that
// fails on cue, and the Meilisearch sink talks HTTP to a loopback stub).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import { buildDocuments, type RoomDocument } from '../../../../src/lib/server/search/documents';
import { createMeilisearchIndex } from '../../../../src/lib/server/search/meilisearch';
import { ROOM_INDEX_SETTINGS } from '../../../../src/lib/server/search/meilisearch-query';
import {
	computeBackoffMs,
	createOutboxWorker,
	MAX_ATTEMPTS,
	SearchSinkRejectedError,
	type OutboxTimers,
	type OutboxWorkerOptions,
	type SearchSink,
} from '../../../../src/lib/server/search/outbox';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const T0 = Date.parse('2026-06-06T04:00:00Z');
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface OutboxRowView {
	roomId: number;
	changedAt: number;
	attempts: number;
	nextAttemptAt: number;
	lastError: string | null;
}

function setup(roomCount: number) {
	const temp = createTempDb();
	cleanups.push(temp.cleanup);
	const { db } = temp;
	const world = createFestivalWorld(db);
	const ids = Array.from({ length: roomCount }, (_, i) =>
		createRoom(db, {
			festivalId: world.festival.id,
			merchantId: world.merchant.id,
			districtId: world.district.id,
			categoryId: world.category.id,
			startAt: new Date(T0 + i * 3_600_000),
		}),
	).map((r) => r.id);
	const clock = { ms: T0, now: () => new Date(clock.ms) };
	return { db, ids, clock };
}

function readOutbox(db: Db): OutboxRowView[] {
	return db.all<OutboxRowView>(sql`SELECT room_id AS roomId, changed_at AS changedAt,
		attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError
		FROM search_outbox ORDER BY room_id`);
}

/** An engine in memory: applies confirmed writes, or fails the way it is told to. */
class RecordingSink implements SearchSink {
	readonly index = new Map<number, RoomDocument>();
	readonly batches: number[][] = [];
	down = false;
	rejectIf: (ids: number[]) => boolean = () => false;
	beforeWrite: () => void = () => {};

	private fail(ids: number[]): void {
		this.beforeWrite();
		if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
		if (this.rejectIf(ids)) throw new SearchSinkRejectedError('invalid document');
		this.batches.push(ids);
	}
	async upsertDocuments(documents: RoomDocument[]): Promise<void> {
		this.fail(documents.map((d) => d.id));
		for (const doc of documents) this.index.set(doc.id, doc);
	}
	async deleteDocuments(ids: number[]): Promise<void> {
		this.fail(ids);
		for (const id of ids) this.index.delete(id);
	}
}

function createWorker(db: Db, sink: SearchSink, clock: { now(): Date }, over = {}) {
	const options: OutboxWorkerOptions = { db, sink, clock, random: () => 0.5, log: () => {} };
	return createOutboxWorker({ ...options, ...over });
}

describe('createOutboxWorker', () => {
	it('upserts public rooms, deletes the others, and removes rows once the engine confirmed', async () => {
		const { db, ids, clock } = setup(3);
		db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, ids[2]!)).run();
		const sink = new RecordingSink();

		const tick = await createWorker(db, sink, clock).runOnce();

		expect(tick).toEqual({ outcome: 'sent', claimed: 3, removed: 3, nextDelayMs: 0 });
		expect([...sink.index.values()]).toEqual(buildDocuments(db, ids.slice(0, 2)).documents);
		expect(sink.batches).toEqual([ids.slice(0, 2), [ids[2]]]);
		expect(readOutbox(db)).toEqual([]);
	});

	it('keeps every row through an hour-long outage, uncharged, and then delivers them all', async () => {
		const { db, ids, clock } = setup(4);
		const sink = new RecordingSink();
		sink.down = true;
		const worker = createWorker(db, sink, clock, { basePauseMs: 1000, maxPauseMs: 60_000 });
		const pauses: number[] = [];

		while (clock.ms < T0 + 3_600_000) {
			const tick = await worker.runOnce();
			expect(tick.outcome).toBe('unavailable');
			pauses.push(tick.nextDelayMs);
			expect((await worker.runOnce()).outcome).toBe('paused');
			clock.ms += tick.nextDelayMs;
		}
		const during = readOutbox(db);
		sink.down = false;
		const removed = await worker.drain();

		// random() = 0.5: each pause is 3/4 of 1 s, 2 s, 4 s … capped at 60 s.
		expect(pauses.slice(0, 8)).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 45_000, 45_000]);
		expect(during.map((r) => [r.roomId, r.attempts, r.nextAttemptAt])).toEqual(
			ids.map((id) => [id, 0, 0]),
		);
		expect(during[0]!.lastError).toBe('connect ECONNREFUSED 127.0.0.1:7700');
		expect(removed).toBe(4);
		expect([...sink.index.keys()]).toEqual(ids);
		expect(readOutbox(db)).toEqual([]);
	});

	it('backs a rejected row off exponentially up to the cap, and keeps retrying it', async () => {
		const { db, ids, clock } = setup(1);
		const sink = new RecordingSink();
		sink.rejectIf = () => true;
		const worker = createWorker(db, sink, clock, {
			random: () => 0,
			baseDelayMs: 1000,
			maxDelayMs: 600_000,
		});
		const delays: number[] = [];

		for (let i = 0; i < MAX_ATTEMPTS + 5; i++) {
			expect((await worker.runOnce()).outcome).toBe('rejected');
			const [row] = readOutbox(db);
			delays.push(row!.nextAttemptAt - clock.ms);
			expect((await worker.runOnce()).outcome).toBe('idle');
			clock.ms = row!.nextAttemptAt;
		}

		// random() = 0: each delay is half of 1 s, 2 s, 4 s … capped at 600 s.
		expect(delays.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
		expect(delays.at(-1)).toBe(300_000);
		expect(readOutbox(db)).toEqual([
			{
				roomId: ids[0],
				changedAt: expect.any(Number),
				attempts: MAX_ATTEMPTS,
				nextAttemptAt: clock.ms, // the loop moved the clock to the next try
				lastError: 'invalid document',
			},
		]);
	});

	it('sends a room again when it changed while its push was in flight', async () => {
		const { db, ids, clock } = setup(1);
		const sink = new RecordingSink();
		sink.beforeWrite = () => {
			sink.beforeWrite = () => {};
			db.update(room).set({ title: '改过的标题' }).where(eq(room.id, ids[0]!)).run();
		};
		const worker = createWorker(db, sink, clock);

		const first = await worker.runOnce();
		const pending = readOutbox(db);
		const second = await worker.runOnce();

		expect(first).toMatchObject({ outcome: 'sent', claimed: 1, removed: 0 });
		expect(pending.map((r) => [r.roomId, r.nextAttemptAt])).toEqual([[ids[0], 0]]);
		expect(second).toMatchObject({ outcome: 'sent', claimed: 1, removed: 1 });
		expect(sink.index.get(ids[0]!)?.title).toBe('改过的标题');
		expect(readOutbox(db)).toEqual([]);
	});

	it('notices a change stamped with the same millisecond as the one being pushed', async () => {
		const { db, ids, clock } = setup(1);
		const sink = new RecordingSink();
		sink.beforeWrite = () => {
			sink.beforeWrite = () => {};
			// What the triggers run, with an identical changed_at.
			db.run(sql`INSERT INTO search_outbox(room_id, changed_at)
				SELECT room_id, changed_at FROM search_outbox WHERE room_id = ${ids[0]!}
				ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0,
					next_attempt_at = 0, last_error = NULL`);
		};

		const tick = await createWorker(db, sink, clock).runOnce();

		expect(tick.removed).toBe(0);
		expect(readOutbox(db)).toHaveLength(1);
	});

	it('isolates a bad document so the rest of its batch gets through', async () => {
		const { db, ids, clock } = setup(8);
		const poison = ids[5]!;
		const sink = new RecordingSink();
		sink.rejectIf = (batch) => batch.includes(poison);
		const worker = createWorker(db, sink, clock, { batchSize: 8, random: () => 0 });

		for (let round = 0; round < 12 && readOutbox(db).length > 1; round++) {
			await worker.drain();
			clock.ms = Math.min(...readOutbox(db).map((r) => r.nextAttemptAt));
		}

		expect([...sink.index.keys()].sort((a, b) => a - b)).toEqual(ids.filter((id) => id !== poison));
		expect(readOutbox(db).map((r) => r.roomId)).toEqual([poison]);
	});

	it('leaves a row another worker has claimed alone until that push settles', async () => {
		const { db, ids, clock } = setup(1);
		let release: () => void = () => {};
		const slow: SearchSink = {
			upsertDocuments: () => new Promise((resolve) => (release = resolve)),
			deleteDocuments: async () => {},
		};
		const first = createWorker(db, slow, clock).runOnce();
		await new Promise((resolve) => setImmediate(resolve));

		const second = await createWorker(db, new RecordingSink(), clock).runOnce();
		release();

		expect(second.outcome).toBe('idle');
		expect((await first).removed).toBe(1);
		expect(readOutbox(db).map((r) => r.roomId)).not.toContain(ids[0]);
	});

	it('runs on its timers after start and stops after the batch in flight', async () => {
		const { db, ids, clock } = setup(2);
		const scheduled: { run: () => void; ms: number }[] = [];
		const timers: OutboxTimers = {
			setTimeout: (run, ms) => scheduled.push({ run, ms }),
			clearTimeout: () => scheduled.splice(0),
		};
		const sink = new RecordingSink();
		const worker = createWorker(db, sink, clock, { timers, pollMs: 5000 });

		worker.start();
		scheduled.shift()!.run();
		await new Promise((resolve) => setImmediate(resolve));
		scheduled.shift()!.run();
		await worker.stop();

		expect([...sink.index.keys()]).toEqual(ids);
		expect(scheduled).toEqual([]);
	});
});

describe('computeBackoffMs', () => {
	it('doubles from the base, caps, and jitters within [delay/2, delay)', () => {
		expect([1, 2, 3, 4].map((n) => computeBackoffMs(n, 100, 1000, () => 0))).toEqual([
			50, 100, 200, 400,
		]);
		expect(computeBackoffMs(99, 100, 1000, () => 0.999)).toBe(999);
		expect(computeBackoffMs(1000, 100, 1000, () => 0)).toBe(500);
	});
});

/**
 * A stand-in for Meilisearch's task API: every write is enqueued as a task that succeeds, except
 * document writes, which answer per `script` first; `onWrite` sees each write as it arrives.
 */
async function startTaskStub(
	script: ('503' | 'invalid')[],
	onWrite: (method: string, url: string) => void = () => {},
) {
	const requests: { method: string; url: string; body: unknown }[] = [];
	const tasks = new Map<number, object>();
	let uid = 0;
	const server: Server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const url = req.url ?? '';
			requests.push({ method: req.method ?? '', url, body: raw ? JSON.parse(raw) : undefined });
			const send = (status: number, body: object) =>
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			const task = /^\/tasks\/(\d+)$/.exec(url);
			if (task) return send(200, tasks.get(Number(task[1]))!);
			onWrite(req.method ?? '', url);
			const isDocuments = url.includes('/documents');
			const next = isDocuments ? script.shift() : undefined;
			if (next === '503') return send(503, { message: 'overloaded', code: 'internal' });
			const error =
				next === 'invalid'
					? { message: 'bad id', code: 'invalid_document_id', type: 'invalid_request', link: '' }
					: null;
			uid += 1;
			tasks.set(uid, { uid, status: error ? 'failed' : 'succeeded', type: 'x', error });
			send(202, { taskUid: uid, indexUid: 'rooms', status: 'enqueued', type: 'x', enqueuedAt: '' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, requests };
}

describe('the Meilisearch sink (over HTTP to a stub of the task API)', () => {
	it('pauses on a 503, backs off on a failed task, and removes rows once a task succeeded', async () => {
		const { db, ids, clock } = setup(2);
		const stub = await startTaskStub(['503', 'invalid']);
		const sink = createMeilisearchIndex(db, { url: stub.url, key: 'secret', index: 'rooms' });
		const worker = createWorker(db, sink, clock, { basePauseMs: 10, baseDelayMs: 10 });

		const outage = await worker.runOnce();
		const afterOutage = readOutbox(db).map((r) => r.attempts);
		clock.ms += outage.nextDelayMs;
		const rejected = await worker.runOnce();
		const afterRejection = readOutbox(db).map((r) => r.attempts);
		clock.ms += 60_000;
		const sent = await worker.runOnce();

		expect([outage.outcome, rejected.outcome, sent.outcome]).toEqual([
			'unavailable',
			'rejected',
			'sent',
		]);
		expect(afterOutage).toEqual([0, 0]);
		expect(afterRejection).toEqual([1, 1]);
		expect(readOutbox(db)).toEqual([]);
		const writes = stub.requests.filter((r) => r.method !== 'GET');
		expect(writes.slice(0, 2)).toEqual([
			{ method: 'POST', url: '/indexes', body: { uid: 'rooms', primaryKey: 'id' } },
			{ method: 'PATCH', url: '/indexes/rooms/settings', body: ROOM_INDEX_SETTINGS },
		]);
		expect(writes.at(-1)).toEqual({
			method: 'POST',
			url: '/indexes/rooms/documents?primaryKey=id',
			body: buildDocuments(db, ids).documents,
		});
	});
});

describe('rebuildBySwap (over HTTP to a stub of the task API)', () => {
	it('builds, swaps, re-sends what changed meanwhile and clears only the rows it covered', async () => {
		const { db, ids } = setup(3);
		let building = true;
		const stub = await startTaskStub([], (method, url) => {
			if (!building || !url.startsWith('/indexes/rooms_') || !url.includes('/documents')) return;
			building = false; // while the new index is being filled: one edit, one unpublish
			db.update(room).set({ title: '改过的标题' }).where(eq(room.id, ids[0]!)).run();
			db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, ids[1]!)).run();
		});
		const index = createMeilisearchIndex(db, { url: stub.url, index: 'rooms' });
		const before = buildDocuments(db, ids).documents;

		const summary = await index.rebuildBySwap();

		const writes = stub.requests.filter((r) => r.method !== 'GET');
		const next = (writes[0]!.body as { uid: string }).uid;
		expect(next).toMatch(/^rooms_\d{14}$/);
		expect(writes).toEqual([
			{ method: 'POST', url: '/indexes', body: { uid: next, primaryKey: 'id' } },
			{ method: 'PATCH', url: `/indexes/${next}/settings`, body: ROOM_INDEX_SETTINGS },
			{ method: 'POST', url: `/indexes/${next}/documents?primaryKey=id`, body: before },
			{ method: 'POST', url: '/indexes', body: { uid: 'rooms', primaryKey: 'id' } },
			{
				method: 'POST',
				url: '/swap-indexes',
				body: [{ indexes: ['rooms', next], rename: false }],
			},
			{
				method: 'POST',
				url: '/indexes/rooms/documents?primaryKey=id',
				body: buildDocuments(db, [ids[0]!]).documents,
			},
			{ method: 'POST', url: '/indexes/rooms/documents/delete-batch', body: [ids[1]] },
			{ method: 'DELETE', url: `/indexes/${next}`, body: undefined },
		]);
		expect(summary).toEqual({ index: 'rooms', documents: 3, caughtUp: 2, outboxCleared: 1 });
		expect(readOutbox(db).map((r) => r.roomId)).toEqual([ids[0], ids[1]]);
	});
});
