import type { ReviewStatus } from '../../src/lib/shared/status';
import type { MerchantPlan } from './merchants';
import { drawSlot, drawStatus, STATUS_WEIGHTS, type Slot } from './merchant-rooms';
import type { Random } from './random';

const APPROVED_WEIGHT = STATUS_WEIGHTS.find((s) => s.status === 'approved')!.weight;
const OTHER_STATUSES = STATUS_WEIGHTS.filter((s) => s.status !== 'approved');
const OTHER_WEIGHT = OTHER_STATUSES.reduce((sum, s) => sum + s.weight, 0);
/** Rooms that never reach the schedule per public one: submitted, rejected, draft, cancelled. */
const OTHERS_PER_PUBLIC = OTHER_WEIGHT / APPROVED_WEIGHT;
/**
 * Marathon sessions (通宵直播, 8–12 h from the evening into the morning): about one in 500 rooms.
 * The demo has none, so at night it has no live rooms; at the real size a few hundred of these keep
 * something live at any hour of the middle day, as the real festival's 24-hour streams did.
 */
const OVERNIGHT_SHARE = 0.002;

/** How many public rooms each approved merchant runs, and which of them are chains. */
export interface PublicRoomCounts {
	counts: Int32Array;
	chains: Uint8Array;
}

/**
 * Spreads exactly `target` public rooms over `merchants` approved merchants in the demo's shape
 * (most run 3–8, one in twelve is a chain with 14–24 stores), scaled to the average the size needs
 * and then nudged one room at a time, so the festival has the public rooms it was asked for.
 */
export function planPublicRoomCounts(
	random: Random,
	merchants: number,
	target: number,
): PublicRoomCounts {
	if (merchants === 0 && target === 0)
		return { counts: new Int32Array(0), chains: new Uint8Array(0) };
	if (merchants < 1 || target < merchants) {
		throw new RangeError(`${target} public rooms cannot go round ${merchants} merchants`);
	}
	const counts = new Int32Array(merchants);
	const chains = new Uint8Array(merchants);
	let drawn = 0;
	for (let i = 0; i < merchants; i += 1) {
		chains[i] = random.chance(0.08) ? 1 : 0;
		counts[i] = chains[i] ? random.int(14, 24) : random.int(3, 8);
		drawn += counts[i]!;
	}
	const scale = target / drawn;
	let total = 0;
	for (let i = 0; i < merchants; i += 1) {
		counts[i] = Math.max(1, Math.round(counts[i]! * scale));
		total += counts[i]!;
	}
	while (total !== target) {
		const i = random.int(0, merchants - 1);
		if (total < target) {
			counts[i]! += 1;
			total += 1;
		} else if (counts[i]! > 1) {
			counts[i]! -= 1;
			total -= 1;
		}
	}
	return { counts, chains };
}

/**
 * The review statuses of an approved merchant's rooms in their order: `publicRooms` approved ones
 * and, per the demo's weights, a few submitted, rejected, draft or cancelled ones among them.
 */
export function planRoomStatuses(random: Random, publicRooms: number): ReviewStatus[] {
	let others = 0;
	for (let i = 0; i < publicRooms; i += 1) if (random.chance(OTHERS_PER_PUBLIC)) others += 1;
	const statuses: ReviewStatus[] = [];
	let approved = publicRooms;
	while (approved + others > 0) {
		if (random.int(1, approved + others) <= approved) {
			statuses.push('approved');
			approved -= 1;
		} else {
			statuses.push(random.pickWeighted(OTHER_STATUSES, (s) => s.weight).status);
			others -= 1;
		}
	}
	return statuses;
}

/**
 * The rooms a pending, rejected or suspended merchant has, as in the demo: a pending one 1–3
 * submitted or draft rooms, a suspended one 2–4 cancelled ones, a rejected one none.
 */
export function planUnapprovedRooms(random: Random, merchant: MerchantPlan): ReviewStatus[] {
	const count =
		merchant.status === 'pending'
			? random.int(1, 3)
			: merchant.status === 'suspended'
				? random.int(2, 4)
				: 0;
	return Array.from({ length: count }, () => drawStatus(random, merchant));
}

/** The demo's slots, plus the occasional overnight marathon (into the next festival day). */
export function drawGrownSlot(random: Random): Slot {
	if (!random.chance(OVERNIGHT_SHARE)) return drawSlot(random);
	return {
		day: random.int(0, 1),
		minuteOfDay: random.int(40, 47) * 30,
		minutes: random.int(16, 24) * 30,
	};
}
