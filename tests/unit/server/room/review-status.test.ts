import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import {
	canTransition,
	ReviewTransitionError,
	setRoomReviewStatus,
} from '../../../../src/lib/server/room/review-status';
import { REVIEW_STATUSES } from '../../../../src/lib/shared/status';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

describe('review transitions', () => {
	it('canTransition allows exactly the merchant transitions', () => {
		const allowed = REVIEW_STATUSES.flatMap((from) =>
			REVIEW_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
		);
		expect(allowed).toEqual([
			'draft→submitted',
			'draft→cancelled',
			'submitted→submitted',
			'submitted→cancelled',
			'approved→submitted',
			'approved→cancelled',
			'rejected→submitted',
			'rejected→cancelled',
		]);
	});

	let temp: ReturnType<typeof createTempDb>;
	let db: Db;
	beforeEach(() => {
		temp = createTempDb();
		db = temp.db;
	});
	afterEach(() => temp.cleanup());

	it('setRoomReviewStatus on an approved room returns it to review, clears the note and drops it from search', () => {
		const w = createFestivalWorld(db);
		const r = createRoom(db, {
			festivalId: w.festival.id,
			merchantId: w.merchant.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: new Date('2026-06-07T11:00:00Z'),
			reviewNote: 'ok',
		});
		const indexedBefore = db.$client
			.prepare('select count(*) n from room_fts_han_docsize where id = ?')
			.get(r.id) as { n: number };
		setRoomReviewStatus(db, r, 'submitted', {
			actor: { kind: 'system', name: 't' },
			at: new Date('2026-06-05T00:00:00Z'),
		});
		const row = db.select().from(room).get()!;
		const indexedAfter = db.$client
			.prepare('select count(*) n from room_fts_han_docsize where id = ?')
			.get(r.id) as { n: number };
		expect([
			row.reviewStatus,
			row.reviewNote,
			row.updatedAt.toISOString(),
			indexedBefore.n,
			indexedAfter.n,
		]).toEqual(['submitted', null, '2026-06-05T00:00:00.000Z', 1, 0]);
	});

	it('setRoomReviewStatus from cancelled throws and changes nothing', () => {
		const w = createFestivalWorld(db);
		const r = createRoom(db, {
			festivalId: w.festival.id,
			merchantId: w.merchant.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: new Date('2026-06-07T11:00:00Z'),
			reviewStatus: 'cancelled',
		});
		expect(() =>
			setRoomReviewStatus(db, r, 'submitted', {
				actor: { kind: 'system', name: 't' },
				at: new Date(),
			}),
		).toThrow(ReviewTransitionError);
		expect(db.select().from(room).get()!.reviewStatus).toBe('cancelled');
	});
});
