/**
 * `npm run secrets:reseal`: after a key rotation (new SECRETS_KEY, the old one moved to
 * SECRETS_KEY_PREVIOUS), seals every secret in the database again with the new key, in one
 * transaction. The portal may keep running. Exits 1 if any value could not be opened with the
 * configured keys (they are listed and left as they were), 2 without SECRETS_KEY.
 */
import { getSecretBox, hasSecretsKey } from '../src/lib/server/crypto/keyring';
import { resealSecrets } from '../src/lib/server/ops/reseal';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';

if (!hasSecretsKey()) {
	console.error('secrets:reseal: SECRETS_KEY is not set; nothing to seal with');
	process.exit(2);
}
const db = openDatabase(env.databasePath);
try {
	const box = getSecretBox();
	const report = resealSecrets(db, box);
	console.log(
		`secrets:reseal: ${report.resealed} sealed again with key ${box.keyId}, ` +
			`${report.current} already were, ${report.failed.length} could not be opened`,
	);
	for (const place of report.failed) {
		console.error(
			`secrets:reseal: no configured key opens ${place.table}.${place.column} of row ${place.id}`,
		);
	}
	process.exitCode = report.failed.length > 0 ? 1 : 0;
} finally {
	db.$client.close();
}
