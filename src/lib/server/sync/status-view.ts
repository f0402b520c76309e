import { asc, eq } from 'drizzle-orm';
import { merchant, merchantRoomSource } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import { decodeFormMessage } from '../../shared/forms/form-message';
import type { Db } from '../db';
import type { SourceRow } from './source-settings';

/**
 * What merchants and staff see of a room source: plain data, never a secret or token (only
 * whether one is stored). The feed URL is shown to its merchant and to staff, who need it to
 * help; it carries no secret by design (the settings page says so).
 */
export interface SyncStatusView {
	merchantId: number;
	merchantName: string;
	kind: 'feed' | 'credentials';
	enabled: boolean;
	feedUrl: string | null;
	tokenUrl: string | null;
	hasSecret: boolean;
	lastSyncAt: Date | null;
	lastResult: 'ok' | 'failed' | 'quota' | 'skipped' | null;
	lastError: string | null;
	summary: Record<string, number> | null;
	failures: number;
	nextAttemptAt: Date | null;
}

function toView(row: SourceRow, merchantName: string): SyncStatusView {
	return {
		merchantId: row.merchantId,
		merchantName,
		kind: row.kind,
		enabled: row.enabled,
		feedUrl: row.feedUrl,
		tokenUrl: row.tokenUrl,
		hasSecret: row.appSecretEnc !== null,
		lastSyncAt: row.lastSyncAt,
		lastResult: row.lastResult,
		lastError: row.lastError,
		summary: row.lastSummary,
		failures: row.failures,
		nextAttemptAt: row.nextAttemptAt,
	};
}

/** One merchant's sync status, or undefined when no source was ever set. */
export function getSyncStatus(db: Db, merchantId: number): SyncStatusView | undefined {
	const found = db
		.select({ row: merchantRoomSource, name: merchant.nameZh })
		.from(merchantRoomSource)
		.innerJoin(merchant, eq(merchant.id, merchantRoomSource.merchantId))
		.where(eq(merchantRoomSource.merchantId, merchantId))
		.get();
	return found ? toView(found.row, found.name) : undefined;
}

/** Every merchant's sync status, for the staff console (one statement). */
export function listSyncStatuses(db: Db): SyncStatusView[] {
	return db
		.select({ row: merchantRoomSource, name: merchant.nameZh })
		.from(merchantRoomSource)
		.innerJoin(merchant, eq(merchant.id, merchantRoomSource.merchantId))
		.orderBy(asc(merchant.nameZh))
		.all()
		.map((r) => toView(r.row, r.name));
}

/** A stored sync message (`sync.error.wechat?code=45009`) in the reader's language. */
export function translateSyncMessage(t: Translate, encoded: string): string {
	const { id, params } = decodeFormMessage(encoded);
	const text = t(id as Parameters<Translate>[0], params);
	return text ?? t('sync.error.unexpected');
}
