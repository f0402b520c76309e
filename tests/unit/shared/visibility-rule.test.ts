/**
 * Unit (real SQLite): the visibility rule, declared once in shared/visibility-rule.ts, is what the
 * triggers of migration 0009 compute (their text is the compiled rule), and `room.is_public` equals
 * the in-memory check for every combination of room and merchant status, before and after changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { merchant, room } from '../../../db/schema';
import { MIGRATIONS_DIR } from '../../../src/lib/server/db';
import { MERCHANT_STATUSES, REVIEW_STATUSES } from '../../../src/lib/shared/status';
import { compileVisibilitySql, isRoomPublic } from '../../../src/lib/shared/visibility-rule';
import { createFestivalWorld, createMerchant, createRoom } from '../../support/factories';
import { createTempDb } from '../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());
const { db } = temp;
const squash = (text: string) => text.replace(/\s+/g, ' ');

function compare() {
	const rows = db
		.select({ isPublic: room.isPublic, reviewStatus: room.reviewStatus, status: merchant.status })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.all();
	return {
		rows: rows.length,
		public: rows.filter((r) => r.isPublic).length,
		wrong: rows.filter(
			(r) => r.isPublic !== isRoomPublic(r, r.status === null ? null : { status: r.status }),
		),
	};
}

describe('the visibility rule', () => {
	it('is compiled into the triggers of migration 0009, word for word', () => {
		const migration = squash(
			readFileSync(path.join(MIGRATIONS_DIR, '0009_public_tally.sql'), 'utf8'),
		);
		const compiled = squash(compileVisibilitySql('NEW'));
		expect(migration.split(compiled).length - 1).toBe(4);
	});

	it('agrees with room.is_public for every room and merchant status, and after they change', () => {
		const w = createFestivalWorld(db);
		const merchants = MERCHANT_STATUSES.map((status) =>
			createMerchant(db, { districtId: w.district.id, categoryId: w.category.id, status }),
		);
		const base = {
			festivalId: w.festival.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: new Date('2026-06-07T12:00:00Z'),
		};
		for (const reviewStatus of REVIEW_STATUSES) {
			for (const m of merchants) createRoom(db, { ...base, merchantId: m.id, reviewStatus });
			createRoom(db, { ...base, kind: 'showcase', reviewStatus });
		}
		const before = compare();
		db.update(merchant).set({ status: 'suspended' }).where(eq(merchant.status, 'approved')).run();
		db.update(merchant).set({ status: 'approved' }).where(eq(merchant.status, 'pending')).run();
		db.update(room)
			.set({ reviewStatus: 'approved' })
			.where(eq(room.reviewStatus, 'rejected'))
			.run();
		expect([before, compare()]).toEqual([
			// Approved rooms of the approved merchant, and the approved showcase.
			{ rows: 25, public: 2, wrong: [] },
			// Now approved and rejected-then-approved rooms of the once-pending merchant, and both showcases.
			{ rows: 25, public: 4, wrong: [] },
		]);
	});
});
