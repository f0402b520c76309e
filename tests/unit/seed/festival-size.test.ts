/**
 * Unit (real SQLite files): the demo grown to a larger festival (`npm run db:seed -- --rooms=N`,
 * db/seed/festival.ts) — deterministic, shaped like the demo (evening peak, products and merchants
 * per room, rooms that are not public), its search index and tallies consistent with its rows —
 * and the size options refused with a message naming the option.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFestival } from '../../../db/seed/festival';
import { festivalSizeSchema, describeSizeIssues } from '../../../db/seed/festival-size';
import { getZonedParts } from '../../../src/lib/shared/time';
import { createTempDb } from '../../support/temp-db';

const ROOMS = 12_000;
const temps = [createTempDb(), createTempDb()];
afterAll(() => temps.forEach((t) => t.cleanup()));

/** A digest of every row of the tables the seed writes, in id order. */
function digest(db: (typeof temps)[number]['db']): string {
	const hash = createHash('sha256');
	for (const table of ['merchant', 'room', 'room_product', 'showcase_host']) {
		hash.update(
			JSON.stringify(db.$client.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().all()),
		);
	}
	return hash.digest('hex');
}

describe('seedFestival with --rooms', () => {
	it('gives the same rows twice and the asked number of public rooms', async () => {
		const reports = [];
		for (const t of temps) reports.push(await seedFestival(t.db, { rooms: ROOMS }));
		expect(reports.map((r) => r.summary.publicRooms)).toEqual([ROOMS, ROOMS]);
		expect(digest(temps[0]!.db)).toBe(digest(temps[1]!.db));
	}, 120_000);

	it('is shaped like the demo: evening peak, products, merchants, rooms under review', () => {
		const sqlite = temps[0]!.db.$client;
		const starts = sqlite
			.prepare('SELECT start_at FROM room WHERE is_public = 1')
			.pluck()
			.all() as number[];
		const evening = starts.filter((t) => {
			const hour = getZonedParts(new Date(t), 'Asia/Shanghai').hour;
			return hour >= 19 && hour <= 22;
		}).length;
		const products = sqlite.prepare('SELECT count(*) FROM room_product').pluck().get() as number;
		const merchants = sqlite.prepare('SELECT count(*) FROM merchant').pluck().get() as number;
		const hidden = sqlite
			.prepare("SELECT count(*) FROM room WHERE review_status <> 'approved'")
			.pluck()
			.get() as number;
		const showcases = sqlite
			.prepare("SELECT count(*) FROM room WHERE kind = 'showcase'")
			.pluck()
			.get() as number;
		// Four evening hours of sixteen hold well over a quarter of the rooms.
		expect(evening / starts.length).toBeGreaterThan(0.35);
		expect(products / starts.length).toBeGreaterThan(2);
		expect(ROOMS / merchants).toBeGreaterThan(5);
		expect(ROOMS / merchants).toBeLessThan(8);
		expect(hidden).toBeGreaterThan(ROOMS * 0.05);
		expect(showcases).toBeGreaterThan(24);
	});

	it('leaves the search index, the public flag and the tallies in step with the rows', () => {
		const sqlite = temps[0]!.db.$client;
		const one = (source: string) => sqlite.prepare(source).pluck().get() as number;
		const brute = one(`SELECT count(*) FROM room r LEFT JOIN merchant m ON m.id = r.merchant_id
			WHERE r.review_status = 'approved' AND (r.merchant_id IS NULL OR m.status = 'approved')`);
		expect({
			flag: one('SELECT count(*) FROM room WHERE is_public = 1'),
			starts: one('SELECT sum(starts) FROM room_slot_tally'),
			ends: one('SELECT sum(ends) FROM room_tally'),
			spans: one('SELECT sum(rooms) FROM room_span_tally'),
			index: one('SELECT count(*) FROM room_search_source'),
		}).toEqual({ flag: brute, starts: brute, ends: brute, spans: brute, index: brute });
		// Both index tables hold one row per public room.
		expect([
			one('SELECT count(*) FROM room_fts_han_docsize'),
			one('SELECT count(*) FROM room_fts_latin_docsize'),
		]).toEqual([brute, brute]);
	});
});

describe('festival size options', () => {
	it('refuses sizes below the demo, non-numbers and too few merchants, naming the option', () => {
		const messages = [{ rooms: '500' }, { rooms: 'lots' }, { rooms: '270000', merchants: '3' }].map(
			(input) => {
				const parsed = festivalSizeSchema.safeParse(input);
				return parsed.success ? 'accepted' : describeSizeIssues(parsed.error);
			},
		);
		expect(messages.every((m) => m !== 'accepted')).toBe(true);
		expect(messages[0]).toMatch(/--rooms/);
		expect(messages[1]).toMatch(/--rooms/);
		expect(messages[2]).toMatch(/--merchants/);
	});

	it('accepts 270,000 written with separators', () => {
		const parsed = festivalSizeSchema.safeParse({ rooms: '270,000' });
		expect(parsed.success && parsed.data.rooms).toBe(270_000);
	});
});
