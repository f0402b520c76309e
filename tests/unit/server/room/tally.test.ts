/**
 * Unit (real SQLite): the tally-based counts of room/tally.ts equal a brute-force count over the
 * rows with deriveLivePhase, for every day, filter, phase and a grid of instants — including rooms
 * that straddle midnight, last up to 24 hours, carry fresh or stale plugin statuses, or belong to
 * a suspended merchant — and stay equal after rooms move, leave review or are deleted (triggers).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { merchant, room } from '../../../../db/schema';
import { getPhaseFilterSql } from '../../../../src/lib/server/room/phase-sql';
import {
	countDayPhase,
	countLiveNow,
	countPublicStarts,
	type TallyFilter,
} from '../../../../src/lib/server/room/tally';
import { deriveLivePhase } from '../../../../src/lib/shared/live-phase';
import { PHASE_FILTERS, type PhaseFilter } from '../../../../src/lib/shared/status';
import { getDayBounds } from '../../../../src/lib/shared/time';
import { isRoomPublic } from '../../../../src/lib/shared/visibility-rule';
import {
	createCategory,
	createDistrict,
	createFestival,
	createMerchant,
	createRoom,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());

const { db } = temp;
const DAYS = ['2026-06-05', '2026-06-06', '2026-06-07'];
const MINUTE = 60_000;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function createRandom(seed: number): () => number {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const festival = createFestival(db, {
	startDate: DAYS[0],
	endDate: DAYS[2],
	timezone: 'Asia/Shanghai',
});
const districts = [createDistrict(db), createDistrict(db)];
const categories = [createCategory(db), createCategory(db)];
const merchants = [0, 1, 2].map((i) =>
	createMerchant(db, { districtId: districts[i % 2]!.id, categoryId: categories[0]!.id }),
);
const base = getDayBounds(DAYS[0]!, 'Asia/Shanghai').start.getTime();
const random = createRandom(13);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

for (let i = 0; i < 700; i++) {
	// Any minute of the three days and the evening before; up to 24 hours long, mostly short.
	const startAt = base - 6 * 60 * MINUTE + Math.floor(random() * 78 * 60) * MINUTE;
	const minutes = random() < 0.1 ? 30 + Math.floor(random() * 1410) : pick([30, 60, 90, 240]);
	const showcase = random() < 0.15;
	const status = random() < 0.25 ? pick([101, 102, 103, 105, 107]) : null;
	createRoom(db, {
		festivalId: festival.id,
		merchantId: showcase ? undefined : pick(merchants).id,
		kind: showcase ? 'showcase' : 'merchant',
		districtId: pick(districts).id,
		categoryId: pick(categories).id,
		startAt: new Date(startAt),
		endAt: new Date(startAt + minutes * MINUTE),
		reviewStatus: random() < 0.85 ? 'approved' : pick(['submitted', 'rejected', 'cancelled']),
		liveStatus: status,
		// Statuses read a few minutes to an hour and a half around the instants checked below.
		liveStatusAt:
			status === null ? null : new Date(startAt + Math.floor(random() * 90 - 30) * MINUTE),
		replayUrl: random() < 0.3 ? 'https://example.com/replay.mp4' : null,
	});
}

/** Every public room, read plainly, for the brute-force side. */
function publicRooms() {
	return db
		.select({ room, merchantStatus: merchant.status })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(eq(room.festivalId, festival.id))
		.all()
		.filter((r) =>
			isRoomPublic(r.room, r.merchantStatus === null ? null : { status: r.merchantStatus }),
		)
		.map((r) => r.room);
}

type Row = ReturnType<typeof publicRooms>[number];

function matches(r: Row, filter: TallyFilter): boolean {
	return (
		(filter.districtId === undefined || r.districtId === filter.districtId) &&
		(filter.categoryId === undefined || r.categoryId === filter.categoryId) &&
		(filter.kind === undefined || r.kind === filter.kind)
	);
}

function inPhase(r: Row, phase: PhaseFilter, now: Date): boolean {
	const p = deriveLivePhase(r, now);
	return phase === 'ended' ? p === 'ended' || p === 'replay' : p === phase;
}

const FILTERS: TallyFilter[] = [
	{},
	{ districtId: districts[0]!.id },
	{ categoryId: categories[1]!.id },
	{ kind: 'showcase' },
	{ kind: 'merchant' },
	{ districtId: districts[1]!.id, categoryId: categories[0]!.id, kind: 'merchant' },
];
// Every 97 minutes from the evening before the festival to the morning after it.
const INSTANTS = Array.from(
	{ length: 60 },
	(_, i) => new Date(base - 5 * 60 * MINUTE + i * 97 * MINUTE),
);

/** Each count of room/tally.ts next to the brute-force count it must equal. */
function compareAll(): { what: string; tally: number; brute: number }[] {
	const rooms = publicRooms();
	const out: { what: string; tally: number; brute: number }[] = [];
	for (const now of INSTANTS) {
		for (const filter of FILTERS) {
			out.push({
				what: `live at ${now.toISOString()} ${JSON.stringify(filter)}`,
				tally: countLiveNow(db, festival.id, now, filter),
				brute: rooms.filter((r) => matches(r, filter) && deriveLivePhase(r, now) === 'live').length,
			});
		}
	}
	for (const day of DAYS) {
		const { start, end } = getDayBounds(day, 'Asia/Shanghai');
		const range = { from: start.getTime(), to: end.getTime() };
		const ofDay = rooms.filter((r) => r.startAt >= start && r.startAt < end);
		for (const filter of FILTERS) {
			const chosen = ofDay.filter((r) => matches(r, filter));
			out.push({
				what: `${day} ${JSON.stringify(filter)}`,
				tally: countPublicStarts(db, festival.id, range.from, range.to, filter),
				brute: chosen.length,
			});
			for (const now of INSTANTS.filter((_, i) => i % 3 === 0)) {
				for (const phase of PHASE_FILTERS) {
					out.push({
						what: `${day} ${phase} at ${now.toISOString()} ${JSON.stringify(filter)}`,
						tally: countDayPhase(db, festival.id, range, phase, now, filter),
						brute: chosen.filter((r) => inPhase(r, phase, now)).length,
					});
				}
			}
		}
	}
	return out;
}

describe('room tally counts', () => {
	it('equal brute-force counts for every day, filter, phase and instant', () => {
		const results = compareAll();
		expect(results.length).toBeGreaterThan(900);
		expect(results.filter((r) => r.tally !== r.brute)).toEqual([]);
		// Not vacuous: the grid holds live, upcoming and ended rooms in numbers.
		expect(results.filter((r) => r.brute > 20).length).toBeGreaterThan(200);
	}, 60_000);

	it('stay equal after rooms move, leave review or are deleted and a merchant is suspended', () => {
		const ids = db
			.select({ id: room.id })
			.from(room)
			.all()
			.map((r) => r.id);
		for (const id of ids.filter((_, i) => i % 7 === 0)) {
			db.update(room)
				.set({
					startAt: new Date(base + (id % 50) * 60 * MINUTE),
					endAt: new Date(base + ((id % 50) * 60 + 45) * MINUTE),
				})
				.where(eq(room.id, id))
				.run();
		}
		for (const id of ids.filter((_, i) => i % 11 === 0)) {
			db.update(room).set({ reviewStatus: 'submitted' }).where(eq(room.id, id)).run();
		}
		for (const id of ids.filter((_, i) => i % 13 === 0)) {
			db.update(room)
				.set({ districtId: districts[1]!.id, kind: 'merchant', merchantId: merchants[2]!.id })
				.where(eq(room.id, id))
				.run();
		}
		db.delete(room)
			.where(and(eq(room.festivalId, festival.id), eq(room.id, ids[5]!)))
			.run();
		db.update(merchant).set({ status: 'suspended' }).where(eq(merchant.id, merchants[0]!.id)).run();
		const results = compareAll();
		expect(results.filter((r) => r.tally !== r.brute)).toEqual([]);
	}, 60_000);

	it('list the same rooms for a phase filter as the phase itself names', () => {
		const rooms = publicRooms();
		const misses: string[] = [];
		for (const now of INSTANTS.filter((_, i) => i % 4 === 0)) {
			for (const phase of PHASE_FILTERS) {
				const listed = db
					.select({ id: room.id })
					.from(room)
					.where(
						and(
							eq(room.festivalId, festival.id),
							eq(room.isPublic, true),
							getPhaseFilterSql(phase, now),
						),
					)
					.all()
					.map((r) => r.id)
					.sort((a, b) => a - b);
				const expected = rooms
					.filter((r) => inPhase(r, phase, now))
					.map((r) => r.id)
					.sort((a, b) => a - b);
				if (JSON.stringify(listed) !== JSON.stringify(expected))
					misses.push(`${phase} ${now.toISOString()}`);
			}
		}
		expect(misses).toEqual([]);
	});
});
