import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (merchants' AppSecrets and cached access tokens, staff TOTP keys): AES-256-GCM
 * with a 32-byte key from the environment (`SECRETS_KEY`), a fresh 96-bit IV per value, and the
 * row and field the value belongs to as additional data, so a ciphertext copied to another row
 * does not decrypt. Stored as `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url): the key id names
 * the key that sealed it, so after a rotation the new key seals, keys retired into
 * `SECRETS_KEY_PREVIOUS` still open what they sealed, and `npm run secrets:reseal`
 * finds and re-seals every value not sealed with the current key (ops/reseal.ts). Values from before key ids
 * (`v1.<iv>.<tag>.<ciphertext>`) are opened by trying each configured key.
 */

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

/** Raised when no key is configured: the app refuses to store a secret rather than keep it plain. */
export class SecretsKeyMissingError extends Error {
	constructor() {
		super('SECRETS_KEY is not set: the portal cannot store secrets without an encryption key');
		this.name = 'SecretsKeyMissingError';
	}
}

export interface SecretBox {
	/** The current key's id (null without a key). */
	keyId: string | null;
	seal(plain: string, context: string): string;
	/** Throws when the value was altered, sealed for another context, or with no configured key. */
	open(sealed: string, context: string): string;
	/** Whether `sealed` was sealed with another key than the current one (or before key ids). */
	needsReseal(sealed: string): boolean;
}

/**
 * A key's id: 8 base64url characters of SHA-256 over a label and the key. It names the key in
 * every value it seals without revealing anything usable about it.
 */
export function getKeyId(key: Buffer): string {
	return createHash('sha256')
		.update('livefest-secret-box-key-id:')
		.update(key)
		.digest('base64url')
		.slice(0, 8);
}

function decrypt(key: Buffer, parts: string[], context: string): string {
	const [iv, tag, body] = parts;
	if (iv === undefined || tag === undefined || body === undefined || parts.length !== 3) {
		throw new Error('not a sealed secret');
	}
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(context, 'utf8'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([
		decipher.update(Buffer.from(body, 'base64url')),
		decipher.final(),
	]).toString('utf8');
}

/**
 * A box that seals with `key` and opens with it or any of `previous`; without `key` it refuses
 * every call (SecretsKeyMissingError).
 */
export function createSecretBox(
	key: Buffer | undefined,
	previous: readonly Buffer[] = [],
): SecretBox {
	for (const k of [...(key ? [key] : []), ...previous]) {
		if (k.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
	}
	const keyId = key ? getKeyId(key) : null;
	const byId = new Map([...(key ? [key] : []), ...previous].map((k) => [getKeyId(k), k]));
	return {
		keyId,
		seal(plain, context) {
			if (!key || !keyId) throw new SecretsKeyMissingError();
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', key, iv);
			cipher.setAAD(Buffer.from(context, 'utf8'));
			const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
			const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
			return [VERSION, keyId, ...parts].join('.');
		},
		open(sealed, context) {
			if (!key) throw new SecretsKeyMissingError();
			const [version, ...rest] = sealed.split('.');
			if (version === VERSION) {
				const sealer = byId.get(rest[0] ?? '');
				if (!sealer) throw new Error(`sealed with a key that is not configured (id ${rest[0]})`);
				return decrypt(sealer, rest.slice(1), context);
			}
			if (version !== LEGACY_VERSION) throw new Error('not a sealed secret');
			for (const candidate of byId.values()) {
				try {
					return decrypt(candidate, rest, context);
				} catch {
					// Not this key: try the next one.
				}
			}
			throw new Error('no configured key opens this secret');
		},
		needsReseal(sealed) {
			const [version, id] = sealed.split('.');
			return version !== VERSION || id !== keyId;
		},
	};
}
