import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { isValidMiniProgramPath } from '../../shared/app-id';
import type { ProductInput } from '../../shared/forms/room-form';
import { checkProductPrices } from '../../shared/money';
import { getFestivalBounds, MAX_DURATION_MS } from '../../shared/room-window';
import { WX_LIVE_STATUS } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import type { Business } from '../merchant/registration';
import { findKnownImageKey, hasUploadedCover } from '../media/image-refs';
import type { LiveGoods, LiveRoom } from '../wechat/live-info';
import {
	describeProducts,
	findOwnRoom,
	findRoomByWxId,
	replaceProducts,
	type RoomRow,
} from './merchant-rooms';
import { setRoomReviewStatus, type ReviewActor } from './review-status';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';
export type SkipReason =
	| 'banned'
	| 'error'
	| 'expired'
	| 'outsideFestival'
	| 'badTimes'
	| 'noTitle'
	| 'duplicateInFile'
	| 'cancelledHere'
	| 'otherFestival'
	| 'keptByStaff';

export interface ImportRow {
	/** The room's row in the imported list, from 1 (as refused rows are numbered). */
	row: number;
	wxRoomId: number;
	name: string;
	outcome: ImportOutcome;
	reason: SkipReason | null;
	/** The portal's room id, for rows that exist after the import. */
	roomId: number | null;
}

/** Plugin statuses never offered for submission: banned, error, expired. */
const REFUSED_STATUSES: Partial<Record<number, SkipReason>> = {
	[WX_LIVE_STATUS.banned]: 'banned',
	[WX_LIVE_STATUS.error]: 'error',
	[WX_LIVE_STATUS.expired]: 'expired',
};
const PRICE_TYPE_BY_CODE = { 1: 'fixed', 2: 'range', 3: 'discount' } as const;
const PAGE_WITH_QUERY = /^[A-Za-z0-9_\-./]+(\?[A-Za-z0-9_\-.=&%]{0,512})?$/;

/**
 * An image URL from WeChat, kept as the source the image worker fetches (media/image-worker.ts):
 * never shown to a browser as it is, and fetched only as the SSRF-safe fetcher's policy allows
 * (https, public addresses).
 */
function imageUrl(raw: string | undefined): string | null {
	return raw && /^https?:\/\/[^\s"'<>]+$/.test(raw) && raw.length <= 2000 ? raw : null;
}

/**
 * A plugin good as a product. Prices follow the plugin's types; a good whose prices break its
 * type's rule is kept at its first price (fixed), and one with no usable price is dropped.
 */
function mapGoods(
	goods: LiveGoods[],
): (ProductInput & { coverUrl: string | null; pagePath: string | null })[] {
	return goods.flatMap((g) => {
		const name = g.name.trim().slice(0, 60);
		if (name === '') return [];
		let priceType: ProductInput['priceType'] = PRICE_TYPE_BY_CODE[g.price_type];
		let price2: number | null = priceType === 'fixed' ? null : (g.price2 ?? null);
		if (checkProductPrices(priceType, g.price, price2)) {
			if (g.price <= 0) return [];
			priceType = 'fixed';
			price2 = null;
		}
		const path = (g.url ?? '').replace(/^\//, '');
		const pagePath =
			PAGE_WITH_QUERY.test(path) && isValidMiniProgramPath(path.split('?')[0]!) ? path : null;
		return [{ name, priceType, price: g.price, price2, coverUrl: imageUrl(g.cover_img), pagePath }];
	});
}

export interface ImportContext {
	business: Business;
	festival: Festival;
	actor: ReviewActor;
	now: Date;
	/**
	 * `sync` (the sync worker, src/lib/server/sync/): a rejected room stays rejected (only its live
	 * status is recorded), and a known room the plugin reports banned, errored or expired gets its
	 * live status; one that turns banned (104) goes back to review with the reason.
	 */
	mode?: 'import' | 'sync';
	/** Called after each row (the CLI draws its progress bar from it). */
	onProgress?: (done: number, total: number) => void;
}

/**
 * Applies a parsed room list to a merchant's rooms, in one transaction. Rooms are matched by the
 * merchant's AppID and `roomid` (a merchant has one AppID, so its rooms' WeChat ids are unique
 * among its rooms): a known room is updated, never duplicated. Rooms the plugin has banned,
 * errored or expired, rooms outside the festival and rooms cancelled on the portal are skipped.
 * Created and changed rooms go to review; a sync records the plugin's live status on every match
 * (an uploaded list never does: its age is unknown).
 * Covers uploaded on the portal are kept; otherwise the plugin's cover is used. Pictures are not
 * fetched here (one transaction, no network): the image worker fetches the URLs afterwards.
 */
export function importLiveRooms(
	db: Db,
	rooms: readonly (LiveRoom & { row?: number })[],
	ctx: ImportContext,
): ImportRow[] {
	const bounds = getFestivalBounds(ctx.festival);
	const seen = new Set<number>();
	return db.$client.transaction(() => {
		const rows = rooms.map((r, index) => {
			const row = applyRoom(db, r, r.row ?? index + 1, ctx, bounds, seen);
			ctx.onProgress?.(index + 1, rooms.length);
			return row;
		});
		return rows;
	})();
}

function applyRoom(
	db: Db,
	r: LiveRoom,
	rowNumber: number,
	ctx: ImportContext,
	bounds: { start: Date; end: Date },
	seen: Set<number>,
): ImportRow {
	const name = r.name.trim().replace(/\s+/g, ' ');
	const base = { row: rowNumber, wxRoomId: r.roomid, name };
	const skip = (reason: SkipReason, roomId: number | null = null): ImportRow => ({
		...base,
		outcome: 'skipped',
		reason,
		roomId,
	});
	if (seen.has(r.roomid)) return skip('duplicateInFile');
	seen.add(r.roomid);
	// Only a sync reads the status live from WeChat; an uploaded list is a snapshot of unknown age,
	// so it never sets the status the live phase may trust (shared/phase-rule.ts).
	const live = ctx.mode === 'sync' ? { liveStatus: r.live_status, liveStatusAt: ctx.now } : {};
	const recordLive = (id: number) => {
		if (ctx.mode === 'sync') db.update(room).set(live).where(eq(room.id, id)).run();
	};
	const refused = REFUSED_STATUSES[r.live_status];
	if (refused) {
		const known = ctx.mode === 'sync' ? findRoomByWxId(db, ctx.business.id, r.roomid) : undefined;
		if (!known) return skip(refused);
		recordBan(db, known, r.live_status, ctx);
		recordLive(known.id);
		return skip(refused, known.id);
	}
	if (name === '') return skip('noTitle');
	const startAt = new Date(r.start_time * 1000);
	const endAt = new Date(r.end_time * 1000);
	// WeChat's own rule: a session lasts at most 24 hours (one longer is not a live session).
	if (endAt <= startAt || endAt.getTime() - startAt.getTime() > MAX_DURATION_MS) {
		return skip('badTimes');
	}
	// A session starts inside the festival; it may run past the last midnight (the room form's rule).
	if (startAt < bounds.start || startAt >= bounds.end) return skip('outsideFestival');

	const products = mapGoods(r.goods ?? []);
	const cover = imageUrl(r.cover_img);
	const values = {
		title: name,
		anchorName: (r.anchor_name ?? '').trim().slice(0, 30),
		startAt,
		endAt,
	};
	const match = findRoomByWxId(db, ctx.business.id, r.roomid);
	if (match) {
		if (match.festivalId !== ctx.festival.id) return skip('otherFestival', match.id);
		if (match.reviewStatus === 'cancelled') return skip('cancelledHere', match.id);
		if (ctx.mode === 'sync' && match.reviewStatus === 'rejected') {
			recordLive(match.id);
			return skip('keptByStaff', match.id);
		}
		const current = findOwnRoom(db, ctx.business.id, match.id)!;
		// A cover uploaded on the portal wins over WeChat's; otherwise WeChat's URL is the source,
		// and the picture already made from it (if any) is shown until the worker makes the new one.
		const keepCover = hasUploadedCover(match);
		const coverUrl = keepCover ? match.coverUrl : cover;
		const coverKey =
			keepCover || coverUrl === match.coverUrl ? match.coverKey : findKnownImageKey(db, coverUrl);
		const changed =
			match.title !== values.title ||
			match.anchorName !== values.anchorName ||
			match.startAt.getTime() !== startAt.getTime() ||
			match.endAt.getTime() !== endAt.getTime() ||
			match.coverUrl !== coverUrl ||
			describeProducts(current.products) !==
				JSON.stringify(products.map((p) => [p.name, p.priceType, p.price, p.price2])) ||
			JSON.stringify(current.products.map((p) => p.coverUrl)) !==
				JSON.stringify(products.map((p) => p.coverUrl));
		if (!changed) {
			recordLive(match.id);
			return { ...base, outcome: 'unchanged', reason: null, roomId: match.id };
		}
		db.update(room)
			.set({ ...values, ...live, coverUrl, coverKey, updatedAt: ctx.now })
			.where(eq(room.id, match.id))
			.run();
		replaceProducts(db, match.id, products);
		setRoomReviewStatus(db, match, 'submitted', { actor: ctx.actor, at: ctx.now });
		return { ...base, outcome: 'updated', reason: null, roomId: match.id };
	}
	const created = db
		.insert(room)
		.values({
			...values,
			...live,
			coverUrl: cover,
			coverKey: findKnownImageKey(db, cover),
			festivalId: ctx.festival.id,
			merchantId: ctx.business.id,
			kind: 'merchant',
			districtId: ctx.business.districtId,
			categoryId: ctx.business.categoryId,
			wxRoomId: r.roomid,
			reviewStatus: 'draft',
			createdAt: ctx.now,
			updatedAt: ctx.now,
		})
		.returning({ id: room.id, reviewStatus: room.reviewStatus })
		.get();
	replaceProducts(db, created.id, products);
	setRoomReviewStatus(db, created, 'submitted', { actor: ctx.actor, at: ctx.now });
	return { ...base, outcome: 'created', reason: null, roomId: created.id };
}

/** The reason staff read in the review queue when the plugin bans a room. */
export const BANNED_REASON = 'WeChat reports this room banned (104)';

/**
 * A room the plugin has just banned leaves the public pages and returns to the staff queue with
 * the reason, through the transition function (which hides it from search; page caches follow
 * the room's triggers).
 * Only the change into 104 acts, so staff who approve the room again are not overruled each sync.
 */
function recordBan(db: Db, known: RoomRow, status: number, ctx: ImportContext): void {
	if (status !== WX_LIVE_STATUS.banned || known.liveStatus === WX_LIVE_STATUS.banned) return;
	if (known.reviewStatus !== 'approved' && known.reviewStatus !== 'submitted') return;
	setRoomReviewStatus(db, known, 'submitted', {
		actor: ctx.actor,
		reason: BANNED_REASON,
		at: ctx.now,
	});
}

/** Counts of each outcome, for the report's heading and the CLI's last line. */
export function summarizeImport(rows: ImportRow[]): Record<ImportOutcome, number> {
	const totals: Record<ImportOutcome, number> = {
		created: 0,
		updated: 0,
		unchanged: 0,
		skipped: 0,
	};
	for (const row of rows) totals[row.outcome] += 1;
	return totals;
}
