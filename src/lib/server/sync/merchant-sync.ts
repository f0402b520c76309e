import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { merchant, merchantRoomSource, room } from '../../../../db/schema';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { findCurrentFestival } from '../merchant/current-festival';
import { importLiveRooms, summarizeImport, type ImportRow } from '../room/import';
import { createCallBudget, getBudgetResetAt } from './call-budget';
import { describeSyncFailure } from './failure';
import { createFeedSource, type RoomListing, type RoomSource } from './room-source';
import type { SafeFetchPolicy } from './safe-fetch';
import { findRoomSource, secretContext, type SourceRow } from './source-settings';
import { createWechatSource } from './wechat-source';

export interface SyncDeps {
	now: Date;
	policy: SafeFetchPolicy;
	apiBaseUrl: string;
	box: SecretBox;
	callsPerHour: number;
	/** Run even while the merchant is backing off (the CLI's `--force`). */
	force?: boolean;
	onProgress?: (done: number, total: number) => void;
}

export type SyncResult = 'ok' | 'failed' | 'quota' | 'skipped';

export interface SyncOutcome {
	merchantId: number;
	result: SyncResult;
	/** The failure's or skip's message id (`sync.error.timeout`, `sync.skip.backoff`), else null. */
	message: string | null;
	rows: ImportRow[];
	/** Rooms a complete listing no longer reported (marked, not deleted). */
	missing: number;
}

const ACTOR = { kind: 'system', name: 'sync-wechat' } as const;

function buildSource(db: Db, row: SourceRow, appId: string, deps: SyncDeps): RoomSource {
	if (row.kind === 'feed') return createFeedSource(row.feedUrl ?? '', deps.policy);
	const tokenContext = secretContext(row.merchantId, 'access_token');
	const lacking = new Set(
		db
			.select({ wx: room.wxRoomId })
			.from(room)
			.where(
				and(eq(room.merchantId, row.merchantId), isNull(room.replayUrl), isNotNull(room.wxRoomId)),
			)
			.all()
			.map((r) => r.wx!),
	);
	return createWechatSource({
		appId,
		appSecret: row.appSecretEnc
			? deps.box.open(row.appSecretEnc, secretContext(row.merchantId, 'app_secret'))
			: undefined,
		tokenUrl: row.tokenUrl ?? undefined,
		apiBaseUrl: deps.apiBaseUrl,
		policy: deps.policy,
		now: () => deps.now,
		wantsReplay: (roomid) => lacking.has(roomid),
		tokenStore: {
			read: () =>
				row.accessTokenEnc && row.accessTokenExpiresAt
					? {
							token: deps.box.open(row.accessTokenEnc, tokenContext),
							expiresAt: row.accessTokenExpiresAt,
						}
					: undefined,
			write: (token) => {
				row.accessTokenEnc = deps.box.seal(token.token, tokenContext);
				row.accessTokenExpiresAt = token.expiresAt;
				db.update(merchantRoomSource)
					.set({ accessTokenEnc: row.accessTokenEnc, accessTokenExpiresAt: token.expiresAt })
					.where(eq(merchantRoomSource.merchantId, row.merchantId))
					.run();
			},
		},
	});
}

/**
 * Reported rooms get `wx_reported_at` (and lose `wx_missing_since`); when the listing is the
 * merchant's whole list, this festival's rooms it lacks get `wx_missing_since`: they are kept,
 * since a room missing from one answer may be a merchant's mistake, and staff decide.
 */
function markReported(
	db: Db,
	merchantId: number,
	festivalId: number,
	listing: RoomListing,
	now: Date,
): number {
	const ids = listing.rooms.map((r) => r.roomid);
	const mine = and(eq(room.merchantId, merchantId), isNotNull(room.wxRoomId));
	if (ids.length > 0) {
		db.update(room)
			.set({ wxReportedAt: now, wxMissingSince: null })
			.where(
				and(mine, sql`${room.wxRoomId} in (select value from json_each(${JSON.stringify(ids)}))`),
			)
			.run();
	}
	for (const [roomid, replay] of listing.replays) {
		db.update(room)
			.set({ replayUrl: replay.mediaUrl, replayExpiresAt: replay.expiresAt })
			.where(and(mine, eq(room.wxRoomId, roomid)))
			.run();
	}
	if (!listing.complete) return 0;
	return db
		.update(room)
		.set({ wxMissingSince: now })
		.where(
			and(
				mine,
				eq(room.festivalId, festivalId),
				isNull(room.wxMissingSince),
				ids.length > 0
					? sql`${room.wxRoomId} not in (select value from json_each(${JSON.stringify(ids)}))`
					: sql`1`,
			),
		)
		.run().changes;
}

/**
 * Brings one merchant's rooms in step with their source. The rooms go through the importer in
 * `sync` mode (upsert by merchant + roomid; staff decisions kept; a newly banned room back to
 * review), then reported/missing marks and replays, then the source's status row — all in one
 * transaction. A failure writes only the status row: its message, a retry time (exponential
 * backoff; at least an hour after a quota error) and the failure count.
 */
export async function syncMerchant(
	db: Db,
	merchantId: number,
	deps: SyncDeps,
): Promise<SyncOutcome> {
	const outcome = (result: SyncResult, message: string | null): SyncOutcome => ({
		merchantId,
		result,
		message,
		rows: [],
		missing: 0,
	});
	const row = findRoomSource(db, merchantId);
	if (!row || !row.enabled) return outcome('skipped', 'sync.skip.noSource');
	if (!deps.force && row.nextAttemptAt && row.nextAttemptAt > deps.now) {
		return outcome('skipped', 'sync.skip.backoff');
	}
	const business = db.select().from(merchant).where(eq(merchant.id, merchantId)).get();
	const festival = findCurrentFestival(db);
	if (!business || !festival) return outcome('skipped', 'sync.skip.noFestival');
	const budget = createCallBudget(
		{ hourStart: row.callsHourStart, used: row.callsThisHour },
		deps.callsPerHour,
		deps.now,
	);
	const status = (over: Partial<SourceRow>) =>
		db
			.update(merchantRoomSource)
			.set({
				callsHourStart: budget.hourStart,
				callsThisHour: budget.used,
				lastSyncAt: deps.now,
				...over,
			})
			.where(eq(merchantRoomSource.merchantId, merchantId))
			.run();
	let listing: RoomListing;
	try {
		listing = await buildSource(db, row, business.appId, deps).listRooms(budget);
	} catch (error) {
		const failure = describeSyncFailure(
			error,
			row.failures,
			deps.now,
			getBudgetResetAt(budget.hourStart),
		);
		status({
			lastResult: failure.result,
			lastError: failure.message,
			failures: row.failures + (failure.counts ? 1 : 0),
			nextAttemptAt: failure.retryAt,
		});
		return outcome(failure.result, failure.message);
	}
	return db.$client.transaction(() => {
		const rows = importLiveRooms(db, listing.rooms, {
			business,
			festival,
			actor: ACTOR,
			now: deps.now,
			mode: 'sync',
			onProgress: deps.onProgress,
		});
		const missing = markReported(db, merchantId, festival.id, listing, deps.now);
		status({
			lastResult: 'ok',
			lastError: null,
			failures: 0,
			nextAttemptAt: null,
			lastSummary: { ...summarizeImport(rows), missing },
		});
		return { merchantId, result: 'ok' as const, message: null, rows, missing };
	})();
}

/** Merchants whose source is enabled and not backing off at `now`, in id order. */
export function listDueMerchants(db: Db, now: Date): number[] {
	return db
		.select({ id: merchantRoomSource.merchantId })
		.from(merchantRoomSource)
		.where(
			and(
				eq(merchantRoomSource.enabled, true),
				sql`(${merchantRoomSource.nextAttemptAt} is null or ${merchantRoomSource.nextAttemptAt} <= ${now.getTime()})`,
			),
		)
		.orderBy(merchantRoomSource.merchantId)
		.all()
		.map((r) => r.id);
}
