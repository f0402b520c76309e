import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	createSecretBox,
	getKeyId,
	SecretsKeyMissingError,
} from '../../../../src/lib/server/crypto/secret-box';

const box = createSecretBox(randomBytes(32));

describe('createSecretBox', () => {
	it('a sealed secret opens in its own context and does not contain the plain text', () => {
		const sealed = box.seal('app-secret-123', 'merchant_room_source:1:app_secret');
		expect([
			sealed.includes('app-secret-123'),
			box.open(sealed, 'merchant_room_source:1:app_secret'),
		]).toEqual([false, 'app-secret-123']);
	});
	it('the same secret sealed twice gives different ciphertexts (fresh IV)', () => {
		expect(box.seal('x', 'c') === box.seal('x', 'c')).toBe(false);
	});
	it('a ciphertext moved to another merchant row does not open', () => {
		const sealed = box.seal('s', 'merchant_room_source:1:app_secret');
		expect(() => box.open(sealed, 'merchant_room_source:2:app_secret')).toThrow();
	});
	it('an altered ciphertext does not open', () => {
		const sealed = box.seal('secret', 'c');
		const parts = sealed.split('.');
		parts[4] = Buffer.from('SECRET').toString('base64url');
		expect(() => box.open(parts.join('.'), 'c')).toThrow();
	});
	it('another key does not open it', () => {
		expect(() => createSecretBox(randomBytes(32)).open(box.seal('s', 'c'), 'c')).toThrow();
	});
	it('without a key, sealing is refused with an explanation', () => {
		expect(() => createSecretBox(undefined).seal('s', 'c')).toThrow(SecretsKeyMissingError);
		expect(() => createSecretBox(undefined).seal('s', 'c')).toThrow(/SECRETS_KEY is not set/);
	});
});

describe('key rotation', () => {
	const oldKey = randomBytes(32);
	const newKey = randomBytes(32);
	const before = createSecretBox(oldKey);
	const after = createSecretBox(newKey, [oldKey]);

	it('a value names the key that sealed it; the new key seals, the old one still opens', () => {
		const old = before.seal('app-secret', 'c');
		const fresh = after.seal('app-secret', 'c');
		expect([
			old.split('.')[1] === getKeyId(oldKey),
			fresh.split('.')[1] === getKeyId(newKey),
			after.open(old, 'c'),
			after.open(fresh, 'c'),
			after.needsReseal(old),
			after.needsReseal(fresh),
		]).toEqual([true, true, 'app-secret', 'app-secret', true, false]);
	});

	it('once the old key is dropped, what it sealed does not open, and says which key it needs', () => {
		const old = before.seal('app-secret', 'c');
		expect(() => createSecretBox(newKey).open(old, 'c')).toThrow(
			`sealed with a key that is not configured (id ${getKeyId(oldKey)})`,
		);
	});

	it('values sealed before key ids (v1) open with whichever configured key sealed them', () => {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', oldKey, iv);
		cipher.setAAD(Buffer.from('c', 'utf8'));
		const body = Buffer.concat([cipher.update('legacy', 'utf8'), cipher.final()]);
		const v1 = ['v1', iv, cipher.getAuthTag(), body]
			.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
			.join('.');
		expect([after.open(v1, 'c'), after.needsReseal(v1)]).toEqual(['legacy', true]);
	});
});
