/**
 * Unit (real SQLite): the staff's room queue sorts by start time — what starts soonest first —
 * with sessions already over kept apart, read on room_schedule_idx.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { countEndedInQueue, listRoomQueue } from '../../../../src/lib/server/review/queue';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());
const { db } = temp;

const NOW = new Date('2026-06-07T13:40:00Z'); // 21:40 on the middle day, Shanghai
const at = (local: string) => new Date(`${local}+08:00`);
const w = createFestivalWorld(db);
const submitted = (title: string, start: string, end: string, updated: string) =>
	createRoom(db, {
		festivalId: w.festival.id,
		merchantId: w.merchant.id,
		districtId: w.district.id,
		categoryId: w.category.id,
		reviewStatus: 'submitted',
		title,
		startAt: at(start),
		endAt: at(end),
		// Submitted long ago for the ended ones: oldest-first would have put them on top.
		updatedAt: new Date(updated),
	});
submitted('上午已结束', '2026-06-07T09:00', '2026-06-07T10:00', '2026-06-01T00:00:00Z');
submitted('昨天已结束', '2026-06-06T20:00', '2026-06-06T22:00', '2026-06-01T01:00:00Z');
submitted('明天中午', '2026-06-08T12:00', '2026-06-08T14:00', '2026-06-02T00:00:00Z');
submitted('今晚十点', '2026-06-07T22:00', '2026-06-07T23:00', '2026-06-07T13:00:00Z');
submitted('正在播', '2026-06-07T21:00', '2026-06-07T22:30', '2026-06-05T00:00:00Z');
submitted('深夜跨零点', '2026-06-08T23:30', '2026-06-09T01:30', '2026-06-03T00:00:00Z');

describe('the room review queue', () => {
	it('lists sessions not yet over by start time, the ended ones apart, most recent first', () => {
		const open = listRoomQueue(db, w.festival, {}, 1, NOW);
		const ended = listRoomQueue(db, w.festival, { ended: true }, 1, NOW);
		expect({
			open: open.items.map((i) => i.title),
			openTotal: open.total,
			ended: ended.items.map((i) => i.title),
			endedCount: countEndedInQueue(db, w.festival, NOW),
		}).toEqual({
			open: ['正在播', '今晚十点', '明天中午', '深夜跨零点'],
			openTotal: 4,
			ended: ['上午已结束', '昨天已结束'],
			endedCount: 2,
		});
	});

	it('is read and counted on room_schedule_idx', () => {
		const plans = [
			`SELECT id FROM room WHERE festival_id = 1 AND review_status = 'submitted'
				AND start_at > 0 AND end_at > 0 ORDER BY start_at, id LIMIT 50`,
			`SELECT count(*) FROM room WHERE festival_id = 1 AND review_status = 'submitted'
				AND end_at <= 0`,
		].map((q) =>
			(db.$client.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[])
				.map((p) => p.detail)
				.join('; '),
		);
		expect(plans.map((p) => p.includes('room_schedule_idx'))).toEqual([true, true]);
	});
});
