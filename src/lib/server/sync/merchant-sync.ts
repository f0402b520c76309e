import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { merchant, merchantRoomSource, room } from '../../../../db/schema';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { findCurrentFestival } from '../merchant/current-festival';
import { applySyncListingOffThread } from '../room/import-thread';
import type { ImportRow } from '../room/import';
import { createCallBudget, getBudgetResetAt } from './call-budget';
import { describeSyncFailure } from './failure';
import { applySyncListing } from './listing-apply';
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
	/**
	 * Write on the calling thread rather than the import thread (room/import-thread.ts): for the
	 * CLI, a process of its own whose event loop serves nobody else.
	 */
	writeHere?: boolean;
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
 * Brings one merchant's rooms in step with their source: fetches the listing, then writes it in
 * one transaction (sync/listing-apply.ts) on the import thread, off the event loop. A failure
 * writes only the status row: its message, a retry time (exponential backoff; at least an hour
 * after a quota error) and the failure count.
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
	const input = {
		business,
		festival,
		listing,
		now: deps.now,
		budget: { hourStart: budget.hourStart, used: budget.used },
	};
	// In the server the write goes to the import thread, off the event loop; the CLI writes here.
	const { rows, missing } =
		deps.writeHere || deps.onProgress
			? applySyncListing(db, input, deps.onProgress)
			: await applySyncListingOffThread(db, input);
	return { merchantId, result: 'ok' as const, message: null, rows, missing };
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
