import { describe, expect, it } from 'vitest';
import {
	CAPABILITIES,
	getReach,
	listConsoleLinks,
	reachesDistrict,
	ROLE_CAPABILITIES,
} from '../../../../src/lib/server/staff/capabilities';

/** Unit: the one capability table per role, what it reaches and the navigation drawn from it. */
const district = { role: 'district' as const, districtId: 4 };

describe('the capability table', () => {
	it('names only known capabilities for every role', () => {
		const named = Object.values(ROLE_CAPABILITIES).flatMap((table) => Object.keys(table));
		expect(named.filter((c) => !(CAPABILITIES as readonly string[]).includes(c))).toEqual([]);
	});

	it('confines district staff to their own district, and gives a district account without one nothing', () => {
		expect([
			getReach(district, 'review'),
			reachesDistrict(district, 'review', 4),
			reachesDistrict(district, 'review', 5),
			reachesDistrict({ role: 'staff', districtId: null }, 'review', 5),
			getReach({ role: 'district', districtId: null }, 'review'),
			getReach(district, 'featured'),
		]).toEqual([{ all: false, districtId: 4 }, true, false, true, null, null]);
	});

	it('draws each role a navigation of only the pages it may open', () => {
		const keys = (role: 'merchant' | 'staff' | 'admin' | 'district') =>
			listConsoleLinks({ role, districtId: role === 'district' ? 4 : null }).map((l) => l.key);
		expect({
			merchant: keys('merchant'),
			district: keys('district'),
			staff: keys('staff'),
			admin: keys('admin'),
		}).toEqual({
			merchant: [],
			district: ['dashboard', 'review', 'venues', 'security'],
			staff: [
				'dashboard',
				'review',
				'featured',
				'venues',
				'showcase',
				'results',
				'sync',
				'audit',
				'security',
			],
			admin: [
				'dashboard',
				'review',
				'featured',
				'venues',
				'showcase',
				'results',
				'sync',
				'audit',
				'security',
				'accounts',
				'settings',
				'reference',
			],
		});
	});
});
