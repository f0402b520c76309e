import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** How env.ts reads the values of a few kinds of variable. */

/** A 32-byte key written as 64 hex digits or base64; undefined when it is neither. */
export function decodeKey(value: string): Buffer | undefined {
	const trimmed = value.trim();
	const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
		? Buffer.from(trimmed, 'hex')
		: Buffer.from(trimmed, 'base64');
	return key.length === 32 ? key : undefined;
}

/** A list written with commas or spaces (`10.0.0.0/8, 192.168.1.7`), empty entries dropped. */
export function splitList(value: string | undefined): string[] {
	return (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
}

/** The first entry proxy-addr cannot read as an address, a CIDR or a named range; undefined if none. */
function findBadProxyEntry(list: string[]): string | undefined {
	return list.find((entry) => {
		try {
			proxyaddr.compile(entry);
			return false;
		} catch {
			return true;
		}
	});
}

/** Addresses, CIDRs or proxy-addr's named ranges (`loopback`, `uniquelocal`), checked at start. */
export function addressList(): z.ZodEffects<z.ZodString, string, string> {
	return z.string().refine(
		(v) => findBadProxyEntry(splitList(v)) === undefined,
		(v) => ({ message: `not an address or CIDR: ${findBadProxyEntry(splitList(v))}` }),
	);
}

/** A flag written as `1`/`0` or `true`/`false`. */
export function flag(fallback: '0' | '1'): z.ZodDefault<z.ZodEnum<['0', '1', 'true', 'false']>> {
	return z.enum(['0', '1', 'true', 'false']).default(fallback);
}

/** Whether a flag's value means on. */
export function isOn(value: string): boolean {
	return value === '1' || value === 'true';
}

/** An http(s) origin with nothing after it (`https://host[:port]`), normalised; else undefined. */
export function parseOrigin(value: string): string | undefined {
	try {
		const url = new URL(value);
		const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
		if (
			!/^https?:$/.test(url.protocol) ||
			!bare ||
			value.replace(/\/$/, '').toLowerCase() !== url.origin
		) {
			return undefined;
		}
		return url.origin;
	} catch {
		return undefined;
	}
}
