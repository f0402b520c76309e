/**
 * Named groups of states, in a leaf module so the schema, the domain and islands share one list.
 */

export const ROOM_KINDS = ['merchant', 'showcase'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const REVIEW_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Only these rooms (of a published festival) are ever shown to the public. */
export const PUBLIC_ROOM_STATUSES = ['approved'] as const satisfies readonly ReviewStatus[];

export const MERCHANT_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

export const PRICE_TYPES = ['fixed', 'range', 'discount'] as const;
export type PriceType = (typeof PRICE_TYPES)[number];

export const LIVE_PHASES = ['upcoming', 'live', 'ended', 'replay'] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];

/** The phases a citizen can filter by; a replay is an ended room that can still be watched. */
export const PHASE_FILTERS = ['live', 'upcoming', 'ended'] as const;
export type PhaseFilter = (typeof PHASE_FILTERS)[number];

/** WeChat live plugin `live_status` codes (see shared/reference/wechat-live.md). */
export const WX_LIVE_STATUS = {
	live: 101,
	notStarted: 102,
	ended: 103,
	banned: 104,
	paused: 105,
	error: 106,
	expired: 107,
} as const;

/** The ways /go opens a room: plaintext URL Scheme, URL Link, WeChat open tag, desktop QR code. */
export const DEEPLINK_CHANNELS = ['scheme', 'urllink', 'opentag', 'qr'] as const;
export type DeeplinkChannel = (typeof DEEPLINK_CHANNELS)[number];
