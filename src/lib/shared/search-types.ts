import type { ImageSources } from './image';
import type { LivePhase, RoomKind } from './status';

/** The search engine that answered: the response always says. */
export type SearchEngineName = 'fts5' | 'meilisearch';

export const FACET_NAMES = ['day', 'district', 'category', 'kind', 'phase'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** One room in search results, as `/api/search` returns it. */
export interface SearchHit {
	id: number;
	title: string;
	merchant: string | null;
	anchor: string;
	startsAt: string;
	endsAt: string;
	phase: LivePhase;
	kind: RoomKind;
	district: string;
	category: string;
	url: string;
	/** The cover, as an `<img>` wants it (shared/image.ts), or null. */
	cover: ImageSources | null;
	/** Whether /go has a way in; hits say when not. */
	watchable: boolean;
	/** HTML: escaped text with matches in `<mark>`; nothing else is unescaped. */
	highlight: { title: string; merchant: string | null; snippet: string | null };
}

export interface FacetValue {
	value: string;
	label: string;
	count: number;
}

export type FacetView = Record<FacetName, FacetValue[]>;

/** The JSON body of `GET /api/search`. */
export interface SearchApiResponse {
	engine: SearchEngineName;
	total: number;
	page: number;
	pages: number;
	hits: SearchHit[];
	/** Set when nothing matched the Chinese as typed: the word that sounds like it, whose rooms these are. */
	heard: string | null;
	facets: FacetView;
}

/** What a search suggestion completes to. */
export type SuggestionKind = 'title' | 'merchant' | 'product';

/** One completion of `GET /api/suggest`. */
export interface SearchSuggestion {
	text: string;
	kind: SuggestionKind;
	/** HTML: escaped text with what the query matched in `<mark>`. */
	html: string;
}

/** The JSON body of `GET /api/suggest`. */
export interface SuggestApiResponse {
	q: string;
	suggestions: SearchSuggestion[];
}
