import type { ReviewStatus } from '../../src/lib/shared/status';
import type { Phrase } from './content/phrase';
import type { ProductPlan } from './pricing';
import type { Random } from './random';

/** A room row before ids are known; `merchantIndex` points into the merchant plans. */
export interface RoomPlan {
	merchantIndex: number | null;
	kind: 'merchant' | 'showcase';
	title: Phrase;
	description: Phrase;
	anchorName: string;
	districtCode: string;
	categoryCode: string;
	startAt: number;
	endAt: number;
	wxRoomId: number | null;
	replayUrl: string | null;
	replayExpiresAt: number | null;
	reviewStatus: ReviewStatus;
	reviewNote: string | null;
	tags: string[];
	createdAt: number;
	updatedAt: number;
	products: ProductPlan[];
	hosts: HostPlan[];
}

/** An official hosting a showcase room. */
export interface HostPlan {
	name: string;
	nameEn: string;
	title: string;
	titleEn: string;
	districtCode: string | null;
}

/** Where each merchant's next `wx_room_id` comes from; shared with showcase rooms they carry. */
export type WxRoomCounters = Map<number, number>;

/** Issues a merchant's next WeChat room id: increasing, so unique per mini program. */
export function nextWxRoomId(
	random: Random,
	counters: WxRoomCounters,
	merchantIndex: number,
): number {
	const next = (counters.get(merchantIndex) ?? random.int(1, 300)) + random.int(1, 3);
	counters.set(merchantIndex, next);
	return next;
}
