import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** 15 random bytes: 120 bits, enough that ids never collide (the Lucia guide's figure). */
const ID_BYTES = 15;
/** 20 random bytes: the 160-bit secret the charter asks for. */
const SECRET_BYTES = 20;

/** base32 lowercase without padding: 24 characters for the id, 32 for the secret. */
const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{32})$/;

export interface SessionToken {
	/** The row's primary key; not secret on its own. */
	id: string;
	/** What the cookie carries: `<id>.<secret>`. */
	token: string;
	/** SHA-256 of the secret: the only form of it the database keeps. */
	secretHash: Uint8Array;
}

function randomString(bytes: number): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

/**
 * A fresh session token from the platform's CSPRNG. The id and the secret are separate, as in the
 * Lucia guide, so the lookup by id leaks nothing about the secret through timing.
 */
export function generateSessionToken(): SessionToken {
	const id = randomString(ID_BYTES);
	const secret = randomString(SECRET_BYTES);
	return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** SHA-256 of a session secret. */
export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Splits a cookie value into id and secret; null when it does not have a token's shape. */
export function parseSessionToken(value: string): { id: string; secret: string } | null {
	const match = TOKEN_PATTERN.exec(value);
	return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Compares a presented secret with a stored hash in constant time. */
export function verifySecret(secret: string, storedHash: Uint8Array): boolean {
	const presented = hashSecret(secret);
	return presented.length === storedHash.length && constantTimeEqual(presented, storedHash);
}
