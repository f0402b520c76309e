import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	createSecretBox,
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
		parts[3] = Buffer.from('SECRET').toString('base64url');
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
