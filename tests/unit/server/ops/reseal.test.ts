import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merchantRoomSource, userTotp } from '../../../../db/schema';
import { totpKeyContext } from '../../../../src/lib/server/auth/second-factor';
import { createSecretBox } from '../../../../src/lib/server/crypto/secret-box';
import type { Db } from '../../../../src/lib/server/db';
import { resealSecrets } from '../../../../src/lib/server/ops/reseal';
import { saveRoomSource, secretContext } from '../../../../src/lib/server/sync/source-settings';
import { createFestivalWorld, createMerchant, createUser } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

/** Unit: `npm run secrets:reseal` after a key rotation, on a real SQLite file. */
let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

const T = new Date('2026-06-05T04:00:00Z');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

function seed(box: ReturnType<typeof createSecretBox>) {
	const world = createFestivalWorld(db);
	const shops = [1, 2].map((n) =>
		createMerchant(db, {
			ownerUserId: createUser(db).id,
			districtId: world.district.id,
			categoryId: world.category.id,
			creditCode: `91440101MA59TEST0${n}`,
		}),
	);
	for (const shop of shops) {
		saveRoomSource(
			db,
			shop.id,
			{ kind: 'credentials', appSecret: `secret${shop.id}abcdefghij` },
			box,
			T,
		);
	}
	const admin = createUser(db, { role: 'admin' });
	db.insert(userTotp)
		.values({
			userId: admin.id,
			keySealed: box.seal('JBSWY3DPEHPK3PXP', totpKeyContext(admin.id)),
			confirmedAt: T,
			createdAt: T,
		})
		.run();
	return { shops, admin };
}

describe('resealSecrets', () => {
	it('seals every secret again with the new key; the old key is no longer needed', () => {
		const { shops, admin } = seed(createSecretBox(oldKey));
		const rotated = createSecretBox(newKey, [oldKey]);
		const first = resealSecrets(db, rotated);
		const second = resealSecrets(db, rotated);
		const newOnly = createSecretBox(newKey);
		const sources = db.select().from(merchantRoomSource).all();
		const totp = db.select().from(userTotp).get()!;
		expect([
			first,
			second,
			sources.map((s) => newOnly.open(s.appSecretEnc!, secretContext(s.merchantId, 'app_secret'))),
			newOnly.open(totp.keySealed, totpKeyContext(admin.id)),
		]).toEqual([
			{ resealed: 3, current: 0, failed: [] },
			{ resealed: 0, current: 3, failed: [] },
			shops.map((s) => `secret${s.id}abcdefghij`),
			'JBSWY3DPEHPK3PXP',
		]);
	});

	it('a value no configured key opens is reported and left as it was', () => {
		const { shops, admin } = seed(createSecretBox(oldKey));
		const before = db.select().from(merchantRoomSource).all();
		const report = resealSecrets(db, createSecretBox(newKey));
		expect([report, db.select().from(merchantRoomSource).all()]).toEqual([
			{
				resealed: 0,
				current: 0,
				failed: [
					...shops.map((s) => ({
						table: 'merchant_room_source',
						id: s.id,
						column: 'app_secret_enc',
					})),
					{ table: 'user_totp', id: admin.id, column: 'key_sealed' },
				],
			},
			before,
		]);
	});
});
