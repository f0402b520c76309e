import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (merchants' AppSecrets and cached access tokens): AES-256-GCM with a 32-byte key
 * from the environment (`SECRETS_KEY`), a fresh 96-bit IV per value, and the row and field the
 * value belongs to as additional data, so a ciphertext copied to another merchant's row does not
 * decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */

const VERSION = 'v1';

/** Raised when no key is configured: the app refuses to store a secret rather than keep it plain. */
export class SecretsKeyMissingError extends Error {
	constructor() {
		super('SECRETS_KEY is not set: the portal cannot store secrets without an encryption key');
		this.name = 'SecretsKeyMissingError';
	}
}

export interface SecretBox {
	seal(plain: string, context: string): string;
	/** Throws when the value was altered, sealed for another context, or with another key. */
	open(sealed: string, context: string): string;
}

/** A box for `key`, or one that refuses every call when `key` is undefined. */
export function createSecretBox(key: Buffer | undefined): SecretBox {
	if (key !== undefined && key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes');
	return {
		seal(plain, context) {
			if (!key) throw new SecretsKeyMissingError();
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', key, iv);
			cipher.setAAD(Buffer.from(context, 'utf8'));
			const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
			const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
			return [VERSION, ...parts].join('.');
		},
		open(sealed, context) {
			if (!key) throw new SecretsKeyMissingError();
			const [version, iv, tag, body] = sealed.split('.');
			if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
				throw new Error('not a sealed secret');
			}
			const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
			decipher.setAAD(Buffer.from(context, 'utf8'));
			decipher.setAuthTag(Buffer.from(tag, 'base64url'));
			const plain = Buffer.concat([
				decipher.update(Buffer.from(body, 'base64url')),
				decipher.final(),
			]);
			return plain.toString('utf8');
		},
	};
}
