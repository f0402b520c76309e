import { eq } from 'drizzle-orm';
import { merchantRoomSource, userTotp } from '../../../../db/schema';
import { totpKeyContext } from '../auth/second-factor';
import type { Db } from '../db';
import { secretContext } from '../sync/source-settings';
import type { SecretBox } from '../crypto/secret-box';

/** Where a sealed value lives: its table, row and column. */
export interface SealedPlace {
	table: string;
	id: number;
	column: string;
}

export interface ResealReport {
	/** Values sealed again with the current key. */
	resealed: number;
	/** Values already sealed with it. */
	current: number;
	/** Values no configured key opens: left as they are (a key is missing from the configuration). */
	failed: SealedPlace[];
}

interface SealedValue extends SealedPlace {
	sealed: string;
	context: string;
	write(sealed: string): void;
}

/** Every sealed value in the database, with the context it is bound to and how to rewrite it. */
function listSealedValues(db: Db): SealedValue[] {
	const values: SealedValue[] = [];
	for (const row of db.select().from(merchantRoomSource).all()) {
		const id = row.merchantId;
		const where = eq(merchantRoomSource.merchantId, id);
		if (row.appSecretEnc) {
			values.push({
				table: 'merchant_room_source',
				id,
				column: 'app_secret_enc',
				sealed: row.appSecretEnc,
				context: secretContext(id, 'app_secret'),
				write: (v) => db.update(merchantRoomSource).set({ appSecretEnc: v }).where(where).run(),
			});
		}
		if (row.accessTokenEnc) {
			values.push({
				table: 'merchant_room_source',
				id,
				column: 'access_token_enc',
				sealed: row.accessTokenEnc,
				context: secretContext(id, 'access_token'),
				write: (v) => db.update(merchantRoomSource).set({ accessTokenEnc: v }).where(where).run(),
			});
		}
	}
	for (const row of db.select().from(userTotp).all()) {
		values.push({
			table: 'user_totp',
			id: row.userId,
			column: 'key_sealed',
			sealed: row.keySealed,
			context: totpKeyContext(row.userId),
			write: (v) =>
				db.update(userTotp).set({ keySealed: v }).where(eq(userTotp.userId, row.userId)).run(),
		});
	}
	return values;
}

/**
 * Seals every secret in the database again with the box's current key (`npm run
 * secrets:reseal`, after a rotation): each value is opened with whichever configured key sealed
 * it and sealed anew, bound to the same row. One transaction: a failure leaves everything as it
 * was. A value no key opens is reported and left alone, so the retired key can be put back.
 * The tables hold one row per merchant with a room source and per staff account: small enough
 * for one pass.
 */
export function resealSecrets(db: Db, box: SecretBox): ResealReport {
	return db.$client
		.transaction((): ResealReport => {
			const report: ResealReport = { resealed: 0, current: 0, failed: [] };
			for (const value of listSealedValues(db)) {
				if (!box.needsReseal(value.sealed)) {
					report.current += 1;
					continue;
				}
				let plain: string;
				try {
					plain = box.open(value.sealed, value.context);
				} catch {
					report.failed.push({ table: value.table, id: value.id, column: value.column });
					continue;
				}
				value.write(box.seal(plain, value.context));
				report.resealed += 1;
			}
			return report;
		})
		.immediate();
}
