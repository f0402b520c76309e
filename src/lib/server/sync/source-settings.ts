import { eq } from 'drizzle-orm';
import { merchantRoomSource } from '../../../../db/schema';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';

/**
 * A merchant's room-source settings: written by the merchant's settings page and by operators,
 * read by the sync. Secrets are sealed here, bound to the merchant (`secretContext`), and no
 * function returns them to a caller outside the sync.
 */

export type SourceRow = typeof merchantRoomSource.$inferSelect;

/** The additional data a merchant's secret is sealed with (a ciphertext moved to another row fails). */
export function secretContext(merchantId: number, field: 'app_secret' | 'access_token'): string {
	return `merchant_room_source:${merchantId}:${field}`;
}

export type SourceInput =
	| { kind: 'feed'; feedUrl: string }
	| { kind: 'credentials'; appSecret: string }
	| { kind: 'credentials'; tokenUrl: string };

/**
 * Sets a merchant's room source, replacing the previous one (its secrets and cached token are
 * dropped, and the backoff starts over). Throws SecretsKeyMissingError, writing nothing, when an
 * AppSecret is given and no SECRETS_KEY is configured.
 */
export function saveRoomSource(
	db: Db,
	merchantId: number,
	input: SourceInput,
	box: SecretBox,
	now: Date,
): void {
	const values = {
		kind: input.kind,
		enabled: true,
		feedUrl: input.kind === 'feed' ? input.feedUrl : null,
		appSecretEnc:
			'appSecret' in input
				? box.seal(input.appSecret, secretContext(merchantId, 'app_secret'))
				: null,
		tokenUrl: 'tokenUrl' in input ? input.tokenUrl : null,
		accessTokenEnc: null,
		accessTokenExpiresAt: null,
		failures: 0,
		nextAttemptAt: null,
		lastError: null,
		updatedAt: now,
	};
	db.insert(merchantRoomSource)
		.values({ merchantId, ...values, createdAt: now })
		.onConflictDoUpdate({ target: merchantRoomSource.merchantId, set: values })
		.run();
}

/** Stops syncing a merchant (its settings and history are kept; secrets are dropped). */
export function disableRoomSource(db: Db, merchantId: number, now: Date): void {
	db.update(merchantRoomSource)
		.set({ enabled: false, appSecretEnc: null, accessTokenEnc: null, updatedAt: now })
		.where(eq(merchantRoomSource.merchantId, merchantId))
		.run();
}

export function findRoomSource(db: Db, merchantId: number): SourceRow | undefined {
	return db
		.select()
		.from(merchantRoomSource)
		.where(eq(merchantRoomSource.merchantId, merchantId))
		.get();
}
