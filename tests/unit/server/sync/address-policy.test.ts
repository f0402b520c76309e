import { describe, expect, it } from 'vitest';
import { isAddressAllowed } from '../../../../src/lib/server/sync/address-policy';

const strict = { allowLoopback: false };

describe('isAddressAllowed', () => {
	it('private, loopback, link-local, unique-local and reserved addresses are refused', () => {
		const refused = [
			'127.0.0.1',
			'10.1.2.3',
			'172.16.0.1',
			'192.168.1.1',
			'169.254.169.254',
			'100.64.0.1',
			'0.0.0.0',
			'224.0.0.1',
			'::1',
			'::',
			'fe80::1',
			'fd00::1',
			'fc00::5',
			'::ffff:10.0.0.1',
			'::ffff:7f00:1',
			'[::1]',
			'not-an-ip',
		];
		expect(refused.filter((a) => isAddressAllowed(a, strict))).toEqual([]);
	});
	it('public addresses are allowed', () => {
		const allowed = ['101.226.103.106', '8.8.8.8', '2400:da00::6666', '::ffff:8.8.8.8'];
		expect(allowed.filter((a) => isAddressAllowed(a, strict))).toEqual(allowed);
	});
	it('the loopback setting allows loopback only, not other private ranges', () => {
		const opts = { allowLoopback: true };
		expect(
			['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254'].map((a) => isAddressAllowed(a, opts)),
		).toEqual([true, true, false, false]);
	});
});
