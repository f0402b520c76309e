import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import { MIGRATIONS_DIR } from '../../../../src/lib/server/db';
import { applyVenueSpecs } from '../../../../src/lib/server/venue/apply-venues';
import { buildMembershipMigration } from '../../../../src/lib/server/venue/membership-sql';
import { isVenueMember, type VenueRule } from '../../../../src/lib/shared/venue-rule';
import {
	createCategory,
	createDistrict,
	createFestivalWorld,
	createMerchant,
	createRoom,
	createUser,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

/**
 * Unit (real SQLite): venue membership is declared once (membership-sql.ts) and written out as
 * migration 0051; the triggers' room_venue must equal what `isVenueMember` (shared/venue-rule.ts)
 * says for every room, after any rule, pick and room change.
 */
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const TAGS = ['老字号', '助农', '夜市', '新品'];
const T = new Date('2026-06-07T04:00:00Z');

describe('venue membership', () => {
	it('migration 0051 is the module written out', () => {
		const file = readFileSync(path.join(MIGRATIONS_DIR, '0051_venue_membership.sql'), 'utf8');
		expect(file).toBe(buildMembershipMigration());
	});

	it('queues a room for the external search engine when a venue takes it in or lets it go (0053)', () => {
		const temp = createTempDb();
		cleanup = temp.cleanup;
		const { db } = temp;
		const w = createFestivalWorld(db);
		const r = createRoom(db, {
			festivalId: w.festival.id,
			merchantId: w.merchant.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: T,
		});
		const outbox = () =>
			db.$client.prepare('SELECT room_id FROM search_outbox').pluck().all() as number[];
		const spec = (districts: string[]) => ({
			slug: 'theme',
			kind: 'themed' as const,
			name: { zh: '主题馆', en: 'Theme' },
			rule: { districts },
		});
		const ctx = { actor: { userId: null, name: 'test' }, now: T, audit: false };
		db.$client.prepare('DELETE FROM search_outbox').run();
		applyVenueSpecs(db, w.festival, [spec([w.district.code])], ctx);
		const joined = outbox();
		db.$client.prepare('DELETE FROM search_outbox').run();
		applyVenueSpecs(db, w.festival, [spec([])], ctx);
		expect([joined, outbox()]).toEqual([[r.id], [r.id]]);
	});

	it('room_venue holds exactly the members the rule, picks and exclusions give, through changes', () => {
		const roomArb = fc.record({
			district: fc.nat({ max: 2 }),
			category: fc.nat({ max: 2 }),
			tags: fc.subarray(TAGS, { maxLength: 2 }),
			approved: fc.boolean(),
		});
		const ruleArb = fc.record({
			districts: fc.subarray([0, 1, 2], { maxLength: 2 }),
			categories: fc.subarray([0, 1, 2], { maxLength: 2 }),
			tags: fc.subarray(TAGS, { maxLength: 2 }),
		});
		const scenario = fc.record({
			rooms: fc.array(roomArb, { minLength: 1, maxLength: 12 }),
			rule: ruleArb,
			newRule: ruleArb,
			picks: fc.array(fc.nat({ max: 11 }), { maxLength: 3 }),
			excludes: fc.array(fc.nat({ max: 11 }), { maxLength: 3 }),
			moved: fc.nat({ max: 11 }),
		});
		fc.assert(
			fc.property(scenario, (s) => {
				const temp = createTempDb();
				cleanup = temp.cleanup;
				const { db } = temp;
				const w = createFestivalWorld(db);
				const districts = [w.district, createDistrict(db), createDistrict(db)];
				const categories = [w.category, createCategory(db), createCategory(db)];
				const merchants = districts.map((d) =>
					createMerchant(db, {
						ownerUserId: createUser(db).id,
						districtId: d.id,
						categoryId: w.category.id,
						status: 'approved',
					}),
				);
				const rooms = s.rooms.map((r, i) =>
					createRoom(db, {
						festivalId: w.festival.id,
						merchantId: merchants[r.district]!.id,
						districtId: districts[r.district]!.id,
						categoryId: categories[r.category]!.id,
						tags: r.tags,
						reviewStatus: r.approved ? 'approved' : 'submitted',
						startAt: new Date(T.getTime() + i * 600_000),
					}),
				);
				const ids = rooms.map((r) => r.id);
				const picks = [...new Set(s.picks.filter((i) => i < ids.length))];
				const excludes = [
					...new Set(s.excludes.filter((i) => i < ids.length && !picks.includes(i))),
				];
				const spec = (rule: typeof s.rule) => ({
					slug: 'theme',
					kind: 'themed' as const,
					name: { zh: '主题馆', en: 'Theme' },
					rule: {
						districts: rule.districts.map((i) => districts[i]!.code),
						categories: rule.categories.map((i) => categories[i]!.code),
						tags: rule.tags,
					},
					picks: picks.map((i) => ids[i]!),
					excludes: excludes.map((i) => ids[i]!),
				});
				const ctx = { actor: { userId: null, name: 'test' }, now: T, audit: false };
				const expected = (rule: typeof s.rule) => {
					const asRule: VenueRule = {
						districtIds: rule.districts.map((i) => districts[i]!.id),
						categoryIds: rule.categories.map((i) => categories[i]!.id),
						tags: rule.tags,
					};
					const current = db.select().from(room).all();
					return current
						.filter((r) => r.isPublic)
						.filter((r) => {
							const at = ids.indexOf(r.id);
							const pick = picks.includes(at)
								? 'include'
								: excludes.includes(at)
									? 'exclude'
									: undefined;
							return isVenueMember(asRule, r, pick);
						})
						.map((r) => r.id)
						.sort((a, b) => a - b);
				};
				const members = () =>
					db.$client
						.prepare('SELECT room_id FROM room_venue ORDER BY room_id')
						.pluck()
						.all() as number[];

				const created = applyVenueSpecs(db, w.festival, [spec(s.rule)], ctx);
				const afterCreate = [members(), expected(s.rule)];
				applyVenueSpecs(db, w.festival, [spec(s.newRule)], ctx);
				const afterRule = [members(), expected(s.newRule)];
				// A room moves to another district and gets another tag: membership follows.
				const moved = rooms[s.moved % rooms.length]!;
				db.update(room)
					.set({ districtId: districts[2]!.id, merchantId: merchants[2]!.id, tags: ['夜市'] })
					.where(eq(room.id, moved.id))
					.run();
				const afterMove = [members(), expected(s.newRule)];
				temp.cleanup();
				cleanup = undefined;
				return (
					created.ok &&
					JSON.stringify(afterCreate[0]) === JSON.stringify(afterCreate[1]) &&
					JSON.stringify(afterRule[0]) === JSON.stringify(afterRule[1]) &&
					JSON.stringify(afterMove[0]) === JSON.stringify(afterMove[1])
				);
			}),
			// Each run migrates a fresh file (~0.25 s): enough runs to cover rule, pick and move mixes.
			{ numRuns: 15 },
		);
	}, 60_000);
});
