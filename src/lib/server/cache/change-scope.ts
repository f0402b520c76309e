/**
 * The names of what a public page can depend on, as the triggers of
 * db/migrations/0010_change_versions.sql write them into `change_version` (a unit test keeps the
 * two in step). A leaf module: both bundles import it, the Astro build to note what a page read
 * and the serving layer (src/serve/) to match changes against cached pages.
 */

/** The festival and its districts and categories: the frame of every public page. */
export const FESTIVAL_SCOPE = 'festival';

/** Any public room, its products and hosts, or an approved merchant: home, schedule, search. */
export const LISTS_SCOPE = 'lists';

/**
 * The festival's published results (`/results`): changes when staff publish, republish or withdraw
 * them (db/migrations/0041_result_tally.sql), not with every report or open counted meanwhile.
 */
export const RESULTS_SCOPE = 'results';

/** Matches every cached page (a batch of changes too large to read one by one). */
export const ANY_SCOPE = '*';

/** One public room: its row, products and hosts. */
export function roomScope(roomId: number): string {
	return `room:${roomId}`;
}

/** An approved merchant's profile (names, district, category, mini program). */
export function merchantScope(merchantId: number): string {
	return `merchant:${merchantId}`;
}

/** Which public rooms a merchant has, and what their cards show. */
export function merchantRoomsScope(merchantId: number): string {
	return `merchant-rooms:${merchantId}`;
}

/**
 * The header in which a rendered page hands its scopes (space-separated) to the serving layer,
 * which removes it. A cacheable response without it depends on every change.
 */
export const DEPENDS_HEADER = 'X-Livefest-Depends';

/** The festival's venues as lists show them (names, kinds, order, rules and picks: their counts). */
export const VENUES_SCOPE = 'venues';

/** One venue: its row, rule, picks and featured rooms (db/migrations/0051_venue_membership.sql). */
export function venueScope(venueId: number): string {
	return `venue:${venueId}`;
}
