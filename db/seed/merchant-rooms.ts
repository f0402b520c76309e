import type { ReviewStatus } from '../../src/lib/shared/status';
import { DAY_MS, HOUR_MS, MINUTE_MS, type FestivalCalendar } from './calendar';
import { DISTRICTS } from './content/districts';
import { GIVEN_NAMES, NICKNAMES, SURNAMES } from './content/people';
import { PRODUCTS } from './content/products';
import { ROOM_REJECTION_NOTES } from './content/room-titles';
import type { MerchantPlan } from './merchants';
import { priceProduct } from './pricing';
import type { Random } from './random';
import type { RoomPlan, WxRoomCounters } from './room-plan';
import {
	buildRoomDescription,
	buildRoomTags,
	buildRoomTitle,
	measureTitleBytes,
	TITLE_MAX_BYTES,
} from './room-text';
import { toShanghaiInstant } from './shanghai-time';

/** Rooms of approved merchants; pending and suspended merchants add a few more. */
export const APPROVED_MERCHANT_ROOMS = 2200;

/** Start hours 08–23 with a lunchtime bump and the evening peak shoppers bring. */
const HOUR_WEIGHTS = [2, 4, 7, 6, 4, 4, 6, 6, 5, 5, 7, 12, 14, 12, 7, 2].map((weight, i) => ({
	hour: 8 + i,
	weight,
}));
const MINUTE_WEIGHTS = [
	{ minute: 0, weight: 45 },
	{ minute: 30, weight: 35 },
	{ minute: 15, weight: 10 },
	{ minute: 45, weight: 10 },
];
const DURATION_WEIGHTS = [
	{ minutes: 30, weight: 8 },
	{ minutes: 45, weight: 6 },
	{ minutes: 60, weight: 22 },
	{ minutes: 90, weight: 22 },
	{ minutes: 120, weight: 22 },
	{ minutes: 150, weight: 10 },
	{ minutes: 180, weight: 10 },
	{ minutes: 240, weight: 3 },
];
/** Review statuses of an approved merchant's rooms, per thousand. */
export const STATUS_WEIGHTS: readonly { status: ReviewStatus; weight: number }[] = [
	{ status: 'approved', weight: 895 },
	{ status: 'submitted', weight: 40 },
	{ status: 'rejected', weight: 30 },
	{ status: 'draft', weight: 15 },
	{ status: 'cancelled', weight: 20 },
];
const PRODUCT_COUNT_WEIGHTS = [8, 18, 26, 22, 16, 10].map((weight, i) => ({
	count: i + 1,
	weight,
}));
const STORES = DISTRICTS.flatMap((d) => d.places);

/** When a room runs: a festival day (0–2), its start in festival minutes, its length. */
export interface Slot {
	day: number;
	minuteOfDay: number;
	minutes: number;
}

/**
 * Schedules every merchant's rooms over the three days: chains broadcast from several stores at
 * once (overlapping rooms), most sessions run 30 min–3 h, a few all-day ones run 6–12 h.
 */
export function planMerchantRooms(
	random: Random,
	calendar: FestivalCalendar,
	merchants: readonly MerchantPlan[],
	counters: WxRoomCounters,
): RoomPlan[] {
	const counts = merchants.map((m) => {
		if (m.status === 'approved') return random.chance(0.08) ? random.int(14, 24) : random.int(3, 8);
		if (m.status === 'pending') return random.int(1, 3);
		return m.status === 'suspended' ? random.int(2, 4) : 0;
	});
	balanceApprovedCounts(random, merchants, counts);

	return merchants.flatMap((merchant, index) =>
		planRoomsOf(
			random,
			calendar,
			{
				merchant,
				merchantIndex: index,
				count: counts[index]!,
				chain: counts[index]! >= 14,
				status: () => drawStatus(random, merchant),
				slot: drawSlot,
			},
			counters,
		),
	);
}

/** One merchant's run of rooms, as `planRoomsOf` schedules it. */
export interface MerchantSchedule {
	merchant: MerchantPlan;
	merchantIndex: number;
	count: number;
	/** A chain broadcasts from several stores at once and names each store's host. */
	chain: boolean;
	/** The next room's review status; called once per room, after its slot is drawn. */
	status: () => ReviewStatus;
	/** Draws a fresh slot (a room that does not overlap the merchant's previous one). */
	slot: (random: Random) => Slot;
}

/**
 * Plans one merchant's rooms in order: each either overlaps the previous one (a chain's stores
 * going live together, another host half an hour apart) or takes a fresh slot. Shared by the demo
 * and the grown festival (db/seed/growth.ts), so rooms at any size are drawn the same way.
 */
export function planRoomsOf(
	random: Random,
	calendar: FestivalCalendar,
	schedule: MerchantSchedule,
	counters: WxRoomCounters,
): RoomPlan[] {
	const { merchant, merchantIndex, chain } = schedule;
	const rooms: RoomPlan[] = [];
	let previous: Slot | null = null;
	for (let n = 0; n < schedule.count; n += 1) {
		const slot: Slot =
			previous && random.chance(chain ? 0.5 : 0.05)
				? {
						...previous,
						minuteOfDay: overlapStart(previous, chain),
						minutes: drawDuration(random),
					}
				: schedule.slot(random);
		previous = slot;
		const reviewStatus = schedule.status();
		rooms.push(
			planRoom(random, calendar, { merchant, merchantIndex, slot, chain, reviewStatus }, counters),
		);
	}
	return rooms;
}

/** Nudges per-merchant counts so the approved merchants hold exactly the target number of rooms. */
function balanceApprovedCounts(
	random: Random,
	merchants: readonly MerchantPlan[],
	counts: number[],
): void {
	const approved = merchants.flatMap((m, i) => (m.status === 'approved' ? [i] : []));
	let total = approved.reduce((sum, i) => sum + counts[i]!, 0);
	while (total !== APPROVED_MERCHANT_ROOMS) {
		const i = random.pick(approved);
		if (total < APPROVED_MERCHANT_ROOMS) {
			counts[i]! += 1;
			total += 1;
		} else if (counts[i]! > 3) {
			counts[i]! -= 1;
			total -= 1;
		}
	}
}

/** A chain's stores go live together; another merchant's second host starts half an hour apart. */
function overlapStart(previous: Slot, chain: boolean): number {
	if (chain) return previous.minuteOfDay;
	return previous.minuteOfDay >= 23 * 60 ? previous.minuteOfDay - 30 : previous.minuteOfDay + 30;
}

export function drawDuration(random: Random): number {
	return random.pickWeighted(DURATION_WEIGHTS, (d) => d.weight).minutes;
}

/** A fresh slot: the hour weights' lunchtime bump and evening peak; 5% run all day. */
export function drawSlot(random: Random): Slot {
	const day = random.int(0, 2);
	if (random.chance(0.05)) {
		return {
			day,
			minuteOfDay: random.int(8, 11) * 60 + random.pick([0, 30]),
			minutes: random.int(12, 24) * 30,
		};
	}
	const hour = random.pickWeighted(HOUR_WEIGHTS, (h) => h.weight).hour;
	const minute =
		hour === 23
			? random.pick([0, 30])
			: random.pickWeighted(MINUTE_WEIGHTS, (m) => m.weight).minute;
	return { day, minuteOfDay: hour * 60 + minute, minutes: drawDuration(random) };
}

/** The demo's status for a merchant's room: the weights above, or its merchant's state. */
export function drawStatus(random: Random, merchant: MerchantPlan): ReviewStatus {
	if (merchant.status === 'pending') return random.chance(0.6) ? 'submitted' : 'draft';
	if (merchant.status === 'suspended') return 'cancelled';
	return random.pickWeighted(STATUS_WEIGHTS, (s) => s.weight).status;
}

function planRoom(
	random: Random,
	calendar: FestivalCalendar,
	draw: {
		merchant: MerchantPlan;
		merchantIndex: number;
		slot: Slot;
		chain: boolean;
		reviewStatus: ReviewStatus;
	},
	counters: WxRoomCounters,
): RoomPlan {
	const { merchant, merchantIndex, slot, chain, reviewStatus } = draw;
	const { category, district, brand } = merchant;
	const store = random.pick(STORES);
	const nickname = random.pick(NICKNAMES);
	let title = buildRoomTitle(random, category, brand, district);
	if (chain && random.chance(0.5)) {
		const storeTitle = {
			zh: `${brand.zh}${store.zh}店直播间`,
			en: `${brand.en} ${store.en} store live`,
		};
		if (measureTitleBytes(storeTitle.zh) <= TITLE_MAX_BYTES) title = storeTitle;
	}
	const anchorName = drawAnchorName(random, brand.zh, chain ? store.zh : null, nickname);
	const catalogue = PRODUCTS[category.code] ?? [];
	const productCount = random.pickWeighted(PRODUCT_COUNT_WEIGHTS, (p) => p.weight).count;
	const products = random.sample(catalogue, productCount).map((p) => priceProduct(random, p));
	const startAt = toShanghaiInstant(calendar.days[slot.day]!, slot.minuteOfDay).getTime();
	const endAt = startAt + slot.minutes * MINUTE_MS;
	const drawnWxRoom = reviewStatus !== 'draft' && random.chance(0.65);
	const drawnId = drawnWxRoom ? counters.next(random, merchantIndex) : null;
	// Nearly every submitted room is linked to its WeChat live room, so /go can open it; about one
	// in a hundred is not yet, and shows citizens it cannot be watched from here.
	const wxRoomId =
		drawnId ??
		(reviewStatus !== 'draft' && (merchantIndex * 31 + slot.minuteOfDay) % 97 !== 0
			? counters.later(merchantIndex)
			: null);
	const wantsReplay = random.chance(0.45);
	const hasReplay =
		wantsReplay && drawnId !== null && reviewStatus === 'approved' && endAt <= calendar.middleNoon;
	const created = Math.min(
		merchant.createdAt + random.int(60, 20 * 24 * 60) * MINUTE_MS,
		calendar.submissionClosesAt - HOUR_MS,
	);
	const touched =
		reviewStatus === 'draft' ? random.int(0, 2 * DAY_MS) : random.int(2 * HOUR_MS, 3 * DAY_MS);
	return {
		merchantIndex,
		kind: 'merchant',
		title,
		description: buildRoomDescription(category, products),
		anchorName,
		districtCode: district.code,
		categoryCode: category.code,
		startAt,
		endAt,
		wxRoomId,
		replayUrl: hasReplay
			? `https://media.livefest.example/replay/${merchant.appId}/${wxRoomId}.mp4`
			: null,
		replayExpiresAt: hasReplay ? endAt + 30 * DAY_MS : null,
		reviewStatus,
		reviewNote: reviewNoteFor(random, reviewStatus, merchant),
		tags: buildRoomTags(random, category),
		createdAt: created,
		updatedAt: Math.min(created + touched, calendar.startsAt - HOUR_MS),
		products,
		hosts: [],
	};
}

/** Chains name the store's host; others a brand nickname, a full name or the manager. */
function drawAnchorName(
	random: Random,
	brand: string,
	store: string | null,
	nickname: string,
): string {
	if (store !== null) return `${store}店${nickname}`;
	const style = random.int(0, 9);
	if (style < 4) return `${brand}${nickname}`;
	if (style < 7) return random.pick(SURNAMES).zh + random.pick(GIVEN_NAMES).zh;
	return `店长${random.pick(SURNAMES).zh}${random.pick(['姐', '哥'])}`;
}

function reviewNoteFor(
	random: Random,
	status: ReviewStatus,
	merchant: MerchantPlan,
): string | null {
	if (status === 'rejected') return random.pick(ROOM_REJECTION_NOTES);
	if (status === 'cancelled') {
		return merchant.status === 'suspended'
			? '商家已暂停参与本届活动，场次取消。'
			: '商家调整直播计划，场次取消。';
	}
	return null;
}
