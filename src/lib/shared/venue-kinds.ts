/**
 * The festival's shape, "1+11+N": one main venue, one venue per district, and themed venues. A
 * leaf module: the schema, the domain, forms and feeds share these lists.
 */
export const VENUE_KINDS = ['main', 'district', 'themed'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** How a room is hand-placed in a venue: picked in whatever the rule says, or kept out of it. */
export const VENUE_PICK_MODES = ['include', 'exclude'] as const;
export type VenuePickMode = (typeof VENUE_PICK_MODES)[number];

/** A venue's address: lower-case letters, digits and dashes, as in `/venues/liwan`. */
export const VENUE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** Featured rooms a venue may order (what its page shows first). */
export const VENUE_FEATURED_MAX = 12;
/** Hand-picked and excluded rooms per venue: curation, not a second rule. */
export const VENUE_PICKS_MAX = 500;
/** Tags a venue's rule may name. */
export const VENUE_RULE_TAGS_MAX = 12;
