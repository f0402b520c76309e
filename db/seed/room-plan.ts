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

/** Ids of rooms linked without a draw start here: above any id the draws hand out. */
const LATER_IDS_FROM = 900_000;

/**
 * Where each merchant's `wx_room_id`s come from, shared with the showcase rooms they carry: the
 * ids the demo has always drawn (increasing, so unique per mini program), and ids for rooms linked
 * without a draw, from a range of their own, so the demo's sequence of draws — and with it every
 * room, replay and search result the tests know — stays as it was.
 */
export class WxRoomCounters {
	readonly #drawn = new Map<number, number>();
	readonly #later = new Map<number, number>();

	/** A merchant's next drawn id. */
	next(random: Random, merchantIndex: number): number {
		const id = (this.#drawn.get(merchantIndex) ?? random.int(1, 300)) + random.int(1, 3);
		this.#drawn.set(merchantIndex, id);
		return id;
	}

	/** A merchant's next id without a draw. */
	later(merchantIndex: number): number {
		const n = (this.#later.get(merchantIndex) ?? 0) + 1;
		this.#later.set(merchantIndex, n);
		return LATER_IDS_FROM + n;
	}
}
