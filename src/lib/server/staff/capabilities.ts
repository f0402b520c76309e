import type { UserRole } from '../../shared/user-role';

/**
 * What each role may do in the bureau's console: one table, read by every policy (policy.ts), by
 * the console's navigation (StaffShell) and by the page and action gates. A capability is held for
 * the whole festival or for the account's own district only; a role without it gets 404 for every
 * page and action that needs it, and no link to them (permissions are data: STYLE.md rule 15).
 */
export const CAPABILITIES = [
	/** Open the console at all (and enrol a second factor). */
	'console',
	'dashboard',
	/** Decide registrations and rooms. */
	'review',
	/** The home page's featured rooms of each day (the main venue's picks). */
	'featured',
	'showcases',
	/** Create venues and change their kind, address, rule and curating district. */
	'venues',
	/** A venue's featured, picked and excluded rooms, names and introduction. */
	'curateVenues',
	'export',
	'audit',
	'sync',
	/** The festival's results: read them, lock the merchants' reports, publish /results. */
	'results',
	'accounts',
	'settings',
	/** The districts and categories every list filters by. */
	'reference',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** For whom a capability is held: the whole festival, or the account's district only. */
export type Reach = 'festival' | 'district';

const BUREAU: Readonly<Partial<Record<Capability, Reach>>> = {
	console: 'festival',
	dashboard: 'festival',
	review: 'festival',
	featured: 'festival',
	showcases: 'festival',
	venues: 'festival',
	curateVenues: 'festival',
	export: 'festival',
	audit: 'festival',
	sync: 'festival',
	results: 'festival',
};

export const ROLE_CAPABILITIES: Readonly<
	Record<UserRole, Readonly<Partial<Record<Capability, Reach>>>>
> = {
	merchant: {},
	staff: BUREAU,
	admin: { ...BUREAU, accounts: 'festival', settings: 'festival', reference: 'festival' },
	district: {
		console: 'district',
		dashboard: 'district',
		review: 'district',
		curateVenues: 'district',
		export: 'district',
	},
};

/** Who holds capabilities: a signed-in account's role and, for district staff, its district. */
export interface CapabilityHolder {
	role: UserRole;
	districtId: number | null;
}

/**
 * How far `who` holds `capability`: every district (`{ all: true }`), one (`{ districtId }`), or
 * not at all (null). A district account without a district holds nothing.
 */
export function getReach(
	who: CapabilityHolder | null | undefined,
	capability: Capability,
): { all: true } | { all: false; districtId: number } | null {
	if (!who) return null;
	const reach = ROLE_CAPABILITIES[who.role][capability];
	if (reach === 'festival') return { all: true };
	if (reach === 'district' && who.districtId !== null) {
		return { all: false, districtId: who.districtId };
	}
	return null;
}

/** Whether `who` holds `capability` at all (for some district at least). */
export function hasCapability(
	who: CapabilityHolder | null | undefined,
	capability: Capability,
): boolean {
	return getReach(who, capability) !== null;
}

/** Whether `who` may act on something of `districtId` under `capability`. */
export function reachesDistrict(
	who: CapabilityHolder | null | undefined,
	capability: Capability,
	districtId: number | null,
): boolean {
	const reach = getReach(who, capability);
	if (!reach) return false;
	return reach.all || reach.districtId === districtId;
}

/** The console's navigation: each link with the capability that opens its page. */
export const CONSOLE_LINKS = [
	{ key: 'dashboard', href: '/staff', label: 'staff.nav.dashboard', capability: 'dashboard' },
	{ key: 'review', href: '/staff/review', label: 'staff.nav.review', capability: 'review' },
	{ key: 'featured', href: '/staff/featured', label: 'staff.nav.featured', capability: 'featured' },
	{ key: 'venues', href: '/staff/venues', label: 'staff.nav.venues', capability: 'curateVenues' },
	{
		key: 'showcase',
		href: '/staff/showcase',
		label: 'staff.nav.showcase',
		capability: 'showcases',
	},
	{ key: 'results', href: '/staff/results', label: 'staff.nav.results', capability: 'results' },
	{ key: 'sync', href: '/staff/sync', label: 'sync.staff.title', capability: 'sync' },
	{ key: 'audit', href: '/staff/audit', label: 'staff.nav.audit', capability: 'audit' },
	{ key: 'security', href: '/staff/security', label: 'twoFactor.nav', capability: 'console' },
	{ key: 'accounts', href: '/staff/accounts', label: 'staff.nav.accounts', capability: 'accounts' },
	{ key: 'settings', href: '/staff/settings', label: 'staff.nav.settings', capability: 'settings' },
	{
		key: 'reference',
		href: '/staff/reference',
		label: 'staff.nav.reference',
		capability: 'reference',
	},
] as const satisfies readonly {
	key: string;
	href: string;
	label: string;
	capability: Capability;
}[];

export type ConsoleLinkKey = (typeof CONSOLE_LINKS)[number]['key'];

/** The links `who` may follow, in the navigation's order. */
export function listConsoleLinks(who: CapabilityHolder | null | undefined) {
	return CONSOLE_LINKS.filter((l) => hasCapability(who, l.capability));
}
