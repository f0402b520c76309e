import type { PhaseFilter, RoomKind } from '../../shared/status';

/** Filters a search can apply; codes as in URLs (district and category codes, day keys). */
export interface SearchFilters {
	day?: string;
	district?: string;
	category?: string;
	kind?: RoomKind;
	phase?: PhaseFilter;
	/**
	 * Only the rooms of this venue (its id): a set of rooms kept in `room_venue`, not a facet.
	 * FTS5 reads the venue's members; Meilisearch documents carry their venues (documents.ts).
	 */
	venueId?: number;
}

export { FACET_NAMES, type FacetName, type SearchEngineName } from '../../shared/search-types';
import type { FacetName, SearchEngineName } from '../../shared/search-types';

/** Count of matching rooms per value of each facet, for the current query. */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export interface SearchRequest {
	festivalId: number;
	/** The festival's days with their UTC bounds, to facet and filter by day. */
	days: { day: string; start: number; end: number }[];
	/** District and category codes by id, to facet and filter by code. */
	districtCodes: Map<number, string>;
	categoryCodes: Map<number, string>;
	q: string;
	filters: SearchFilters;
	page: number;
	pageSize: number;
	now: Date;
}

export interface SearchResult {
	engine: SearchEngineName;
	total: number;
	/** Room ids of the requested page, best first. */
	ids: number[];
	facets: FacetCounts;
	/**
	 * Set when nothing matched the Chinese as written and the rooms are those whose pinyin sounds
	 * like it (a homophone typo): the pinyin searched, words separated by spaces.
	 */
	heard?: string;
}

/**
 * A search engine over the public rooms. The embedded FTS5 index is always there; Meilisearch is
 * the scale-out option. Both answer the same requests with the same shape, so the contract tests
 * (tests/integration/search/contract.test.ts) run against either.
 */
export interface SearchIndex {
	readonly name: SearchEngineName;
	search(request: SearchRequest): Promise<SearchResult>;
	/** Brings one room's document up to date (indexes it if public, removes it if not). */
	indexRoom(roomId: number): Promise<void>;
	removeRoom(roomId: number): Promise<void>;
	/** Rebuilds the whole index from the database. */
	rebuild(): Promise<void>;
}
