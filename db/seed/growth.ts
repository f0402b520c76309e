import type Database from 'better-sqlite3';
import { createBulkRows, loadFestivalReference, type BulkCounts } from './bulk-rows';
import { countAddedShowcases, countDefaultMerchants } from './festival-size';
import { drawMerchantStatuses, planGrownMerchant, type MerchantRegistry } from './grown-merchants';
import {
	drawGrownSlot,
	planPublicRoomCounts,
	planRoomStatuses,
	planUnapprovedRooms,
} from './grown-rooms';
import {
	addCarrier,
	planGrownShowcases,
	type CarrierPool,
	type OfficialRegistry,
} from './grown-showcases';
import { planRoomsOf } from './merchant-rooms';
import { createRandom } from './random';
import { WxRoomCounters } from './room-plan';

export interface GrowthOptions {
	/** Public rooms the current festival should have afterwards. */
	rooms: number;
	/** Merchants (every status) it should have afterwards; default ~1 per 6.5 rooms. */
	merchants?: number;
	seed: number;
}

/** What a growth added. */
export type Growth = BulkCounts;

/**
 * Grows the current festival to `rooms` public rooms with merchants, rooms, products and showcase
 * sessions drawn as the demo's are (db/seed/merchant-rooms.ts and friends), including the demo's
 * share of pending, rejected and suspended merchants and of rooms that never reach the schedule.
 * Rows stream in merchant by merchant, so memory stays flat at any size. Deterministic for the
 * same database and options. The caller owns the transaction and the search index (see
 * db/seed/search-load.ts); `room.is_public` and `room_tally` follow by their triggers.
 */
export function growFestival(sqlite: Database.Database, options: GrowthOptions): Growth {
	const ref = loadFestivalReference(sqlite);
	const rows = createBulkRows(sqlite, ref);
	const publicNow = sqlite
		.prepare('SELECT count(*) FROM room WHERE festival_id = ? AND is_public = 1')
		.pluck()
		.get(ref.festivalId) as number;
	const addedRooms = options.rooms - publicNow;
	if (addedRooms <= 0) return rows.counts;
	const merchantsNow = sqlite.prepare('SELECT count(*) FROM merchant').pluck().get() as number;
	const addedMerchants = (options.merchants ?? countDefaultMerchants(options.rooms)) - merchantsNow;
	const addedShowcases = countAddedShowcases(addedRooms);
	if (addedMerchants < 1) {
		throw new RangeError(`growFestival: ${addedRooms} more rooms need merchants to run them`);
	}

	const random = createRandom(options.seed);
	const registry = readRegistry(sqlite);
	const counters = new WxRoomCounters();
	const carriers: CarrierPool = { byDistrict: new Map(), byTrade: new Map() };
	const statuses = drawMerchantStatuses(random, addedMerchants);
	const approved = statuses.filter((s) => s === 'approved').length;
	const { counts, chains } = planPublicRoomCounts(random, approved, addedRooms - addedShowcases);
	let approvedIndex = 0;

	for (const status of statuses) {
		const merchant = planGrownMerchant(random, ref.calendar, registry, status);
		const id = rows.addMerchant(merchant);
		const isApproved = status === 'approved';
		let roomStatuses;
		let chain = false;
		if (isApproved) {
			chain = chains[approvedIndex] === 1;
			roomStatuses = planRoomStatuses(random, counts[approvedIndex]!);
			approvedIndex += 1;
			addCarrier(carriers, id, merchant.district.code, merchant.category.code);
		} else {
			roomStatuses = planUnapprovedRooms(random, merchant);
		}
		let next = 0;
		const rooms = planRoomsOf(
			random,
			ref.calendar,
			{
				merchant,
				merchantIndex: id,
				count: roomStatuses.length,
				chain,
				status: () => roomStatuses[next++]!,
				slot: drawGrownSlot,
			},
			counters,
		);
		for (const room of rooms) rows.addRoom(room, id, isApproved);
	}

	const officials = readOfficials(sqlite);
	const showcases = planGrownShowcases(
		random,
		ref.calendar,
		addedShowcases,
		carriers,
		officials,
		counters,
	);
	for (const { plan, carrierId } of showcases) rows.addRoom(plan, carrierId, true);
	return rows.counts;
}

/** Every name and identifier merchants already hold, so the new ones stay unique. */
function readRegistry(sqlite: Database.Database): MerchantRegistry {
	const column = (name: string): Set<string> =>
		new Set(sqlite.prepare(`SELECT ${name} FROM merchant`).pluck().all() as string[]);
	return {
		usedLegalNames: column('legal_name'),
		usedShopNames: column('name_zh'),
		usedCodes: column('credit_code'),
		usedAppIds: column('app_id'),
	};
}

/** The officials the demo's showcase sessions already named, one person per office. */
function readOfficials(sqlite: Database.Database): OfficialRegistry {
	const hosts = sqlite
		.prepare('SELECT name, name_en AS nameEn, title FROM showcase_host ORDER BY id')
		.all() as { name: string; nameEn: string; title: string }[];
	const byTitle = new Map<string, { name: string; nameEn: string }>();
	for (const h of hosts) {
		if (!byTitle.has(h.title)) byTitle.set(h.title, { name: h.name, nameEn: h.nameEn });
	}
	return { byTitle, usedNames: new Set(hosts.map((h) => h.name)) };
}
