import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a merchant-supplied URL may reach. A feed URL is the merchant's input: without
 * this check it could make the portal read its own admin ports, a cloud metadata service
 * (169.254.169.254) or anything on the intranet (SSRF). Loopback is allowed only by a setting, for
 * tests.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4],
] as const) {
	blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
	['::', 128],
	['::1', 128],
	['64:ff9b::', 96],
	['100::', 64],
	['2001:db8::', 32],
	['fc00::', 7],
	['fe80::', 10],
	['fec0::', 10],
	['ff00::', 8],
] as const) {
	blocked.addSubnet(net, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:10.0.0.1`). */
function embeddedIpv4(address: string): string | undefined {
	const match = /^(?:0*:)*:(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (match) return match[1];
	const hex = /^(?:0*:)*:ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
	if (!hex) return undefined;
	const hi = parseInt(hex[1]!, 16);
	const lo = parseInt(hex[2]!, 16);
	return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/**
 * Whether the portal may connect to `address` (an IP literal): not private, loopback, link-local,
 * unique-local, multicast, reserved or documentation space, unless loopback is allowed and it is
 * loopback. Anything that is not an IP literal is refused.
 */
export function isAddressAllowed(address: string, options: { allowLoopback: boolean }): boolean {
	const bare = address.replace(/^\[|\]$/g, '');
	const family = isIP(bare);
	if (family === 0) return false;
	const v4 = family === 6 ? embeddedIpv4(bare) : bare;
	if (v4 !== undefined && isIP(v4) === 4) {
		if (options.allowLoopback && loopback.check(v4, 'ipv4')) return true;
		return !blocked.check(v4, 'ipv4');
	}
	if (options.allowLoopback && loopback.check(bare, 'ipv6')) return true;
	return !blocked.check(bare, 'ipv6');
}
