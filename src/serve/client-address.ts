import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `address` is a proxy whose `X-Forwarded-For` is believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** Headers a client may send to claim another address, host or scheme than the connection's. */
const FORWARDING_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'] as const;

/** Where the decided address is kept on the request, for the serving layer's own logs. */
const DECIDED = Symbol('livefest.clientAddress');

/**
 * The trust function for `TRUSTED_PROXIES` (addresses, CIDRs or proxy-addr's named ranges). An
 * empty list trusts no one: every request's address is its socket's peer. Throws a TypeError for
 * an entry that is not an address (env.ts checks the list at start-up).
 */
export function compileTrustedProxies(list: readonly string[]): TrustProxy {
	return proxyaddr.compile([...list]);
}

/** `::ffff:10.1.2.3` (an IPv4 peer on a dual-stack socket) → `10.1.2.3`, so one client is one key. */
function canonicalAddress(address: string): string {
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
	return mapped ? mapped[1]! : address.toLowerCase();
}

/**
 * The client's address: the socket's peer, or — only when that peer is a trusted proxy — the
 * nearest address in `X-Forwarded-For` that is not itself a trusted proxy (proxy-addr walks the
 * list from the right, so entries a client wrote before the proxies' own count for nothing). A
 * forwarded value that is not an IP address (a proxy passing garbage on) falls back to the peer.
 */
export function decideClientAddress(req: IncomingMessage, trust: TrustProxy): string {
	const peer = req.socket.remoteAddress;
	if (peer === undefined) return 'unknown';
	const chosen = proxyaddr(req, trust);
	return canonicalAddress(isIP(chosen) === 0 ? peer : chosen);
}

/**
 * Decides the request's client address once and hands it to Astro, which reads `clientAddress`
 * from the first `X-Forwarded-For` value (astro/app/node): the header is replaced by the decided
 * address alone. A request from an untrusted peer also loses `X-Forwarded-Host/-Proto/-Port`, so
 * nothing downstream can take the client's word for where it connected. Returns the address.
 */
export function pinClientAddress(req: IncomingMessage, trust: TrustProxy): string {
	const address = decideClientAddress(req, trust);
	const peer = req.socket.remoteAddress;
	if (peer === undefined || !trust(peer, 0)) {
		for (const name of FORWARDING_HEADERS) delete req.headers[name];
	}
	req.headers['x-forwarded-for'] = address;
	Reflect.set(req, DECIDED, address);
	return address;
}

/** The address `pinClientAddress` decided for this request, for log lines; `unknown` before. */
export function readClientAddress(req: IncomingMessage): string {
	const decided: unknown = Reflect.get(req, DECIDED);
	return typeof decided === 'string' ? decided : 'unknown';
}

/**
 * The client address as the access log keeps it (see the privacy notice, /privacy): the network,
 * not the device — an IPv4 address with its last byte zeroed (`203.0.113.0`), an IPv6 address cut
 * to its first 48 bits (`2001:db8:85a3::`). Enough to see that a flood comes from one network or
 * that `TRUSTED_PROXIES` is missing (every line would name the proxy's network), not to follow a
 * person. Limits and audit entries use the full address, as the notice says.
 */
export function anonymizeAddress(address: string): string {
	if (isIP(address) === 4) return address.replace(/\.\d+$/, '.0');
	if (isIP(address) !== 6) return 'unknown';
	const [head = '', tail = ''] = address.split('::');
	const groups = head === '' ? [] : head.split(':');
	if (groups.length < 3) {
		const tailGroups = tail === '' ? [] : tail.split(':');
		const missing = 8 - groups.length - tailGroups.length;
		groups.push(...Array<string>(missing).fill('0'), ...tailGroups);
	}
	const network = groups.slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
	return `${network.join(':')}::`.replace(/(?:^|:)0(?::0)*::$/, '::');
}
