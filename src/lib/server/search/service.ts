import { sql } from 'drizzle-orm';
import { localizePath, type Locale } from '../../../i18n';
import { pickName, type RoomCard } from '../../shared/room-card';
import { buildSearchSearch, type SearchQuery } from '../../shared/search-query';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import { listFestivalDays, type Category, type District, type Festival } from '../festival/current';
import { getImageSources } from '../../shared/image';
import { listRoomCards } from '../room/cards';
import { noteSearchEngine } from '../serving-facts';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import { searchWithFallback, type SearchEngines } from './engines';
import { buildSnippet, findSpelledWord, highlightText } from './highlight';
import { LruCache } from './lru';
import { listHighlightTerms } from './match-query';
import { readGeneration } from './room-attributes';
import type { SearchHit } from '../../shared/search-types';
import type { FacetCounts, SearchEngineName, SearchRequest } from './types';

export const SEARCH_PAGE_SIZE = 20;

/**
 * Answers are reused for this long, and never across a change to which rooms are public or when
 * they run (the triggers' generation counter is part of the key); a changed title or product may
 * take this long to show, as with the Cache-Control a CDN is given.
 */
const RESPONSE_TTL_MS = 10_000;
const responseCache = new LruCache<string, SearchResponse>(1000);

export interface SearchResponse {
	engine: SearchEngineName;
	total: number;
	page: number;
	pages: number;
	hits: SearchHit[];
	facets: FacetCounts;
	/**
	 * When nothing matched the Chinese as written and the rooms are those whose words sound like it
	 * (旗泡 → 旗袍): the word that was found, to say so above the results.
	 */
	heard: string | null;
	/** The cards of the hits, in order, for server-rendered pages (not part of the JSON API). */
	cards: RoomCard[];
}

export interface SearchContext {
	db: Db;
	engines: SearchEngines;
	festival: Festival;
	ref: { districts: District[]; categories: Category[]; venues?: { id: number; slug: string }[] };
	locale: Locale;
	now: Date;
}

/** Builds the engine request for a parsed query: day bounds and code maps from the festival. */
export function buildSearchRequest(ctx: SearchContext, query: SearchQuery): SearchRequest {
	const { festival, ref } = ctx;
	return {
		festivalId: festival.id,
		days: listFestivalDays(festival).map((day) => {
			const { start, end } = getDayBounds(day, festival.timezone);
			return { day, start: start.getTime(), end: end.getTime() };
		}),
		districtCodes: new Map(ref.districts.map((d) => [d.id, d.code])),
		categoryCodes: new Map(ref.categories.map((c) => [c.id, c.code])),
		q: query.q,
		filters: {
			day: query.day,
			district: query.district,
			category: query.category,
			kind: query.kind,
			phase: query.phase,
			venueId: query.venue ? ref.venues?.find((v) => v.slug === query.venue)?.id : undefined,
		},
		page: query.page,
		pageSize: SEARCH_PAGE_SIZE,
		now: ctx.now,
	};
}

/**
 * Runs a search (Meilisearch if configured, else or on failure FTS5), answered from memory when
 * the same search ran in the last few seconds, and turns the ids of the page into hits with
 * highlights, in a fixed number of statements: the cards, and the products and
 * descriptions the snippets come from.
 */
export async function runSearch(ctx: SearchContext, query: SearchQuery): Promise<SearchResponse> {
	const request = buildSearchRequest(ctx, query);
	// A search within a venue changes with the venue's rule and picks, not only with its rooms.
	if (request.filters.venueId !== undefined) notePageDependsOn(venueScope(request.filters.venueId));
	const key = [
		ctx.festival.id,
		ctx.locale,
		readGeneration(ctx.db.$client),
		Math.floor(ctx.now.getTime() / RESPONSE_TTL_MS),
		buildSearchSearch(query),
	].join('|');
	const cached = responseCache.get(key);
	if (cached) return cached;
	const response = await searchUncached(ctx, query, request);
	responseCache.set(key, response);
	return response;
}

async function searchUncached(
	ctx: SearchContext,
	query: SearchQuery,
	request: SearchRequest,
): Promise<SearchResponse> {
	const result = await searchWithFallback(ctx.engines, request);
	noteSearchEngine(result.engine);
	const pages = Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE));
	if (result.ids.length === 0) {
		return {
			engine: result.engine,
			total: result.total,
			page: query.page,
			pages,
			hits: [],
			facets: result.facets,
			heard: null,
			cards: [],
		};
	}
	const byId = new Map(
		listRoomCards(ctx.db, {
			festivalId: ctx.festival.id,
			now: ctx.now,
			ids: result.ids,
			limit: result.ids.length,
		}).map((c) => [c.id, c]),
	);
	const cards = result.ids.map((id) => byId.get(id)).filter((c): c is RoomCard => c !== undefined);
	const texts = loadSnippetTexts(ctx.db, result.ids, ctx.locale);
	// Found by sound: mark (and name) the words the pinyin spells, not the characters typed.
	const terms = result.heard ? result.heard.split(' ') : listHighlightTerms(query.q);
	const hits = cards.map((card) => toHit(card, terms, texts.get(card.id) ?? [], ctx.locale));
	const heard = result.heard
		? findSpelledWord(
				cards.flatMap((card) => [
					card.title.zh,
					card.merchant?.name.zh ?? '',
					...(texts.get(card.id) ?? []),
				]),
				terms,
			)
		: null;
	return {
		engine: result.engine,
		total: result.total,
		page: query.page,
		pages,
		hits,
		facets: result.facets,
		heard,
		cards,
	};
}

/** Room cards as search hits without highlights (the search page's "live now" suggestions). */
export function describeCardsAsHits(cards: RoomCard[], locale: Locale): SearchHit[] {
	return cards.map((card) => toHit(card, [], [], locale));
}

function toHit(card: RoomCard, terms: string[], texts: string[], locale: Locale): SearchHit {
	const title = pickName(card.title, locale);
	const merchant = card.merchant ? pickName(card.merchant.name, locale) : null;
	let snippet: string | null = null;
	for (const text of texts) {
		snippet = buildSnippet(text, terms);
		if (snippet) break;
	}
	return {
		id: card.id,
		title,
		merchant,
		anchor: card.anchorName,
		startsAt: card.startAt.toISOString(),
		endsAt: card.endAt.toISOString(),
		phase: card.phase,
		kind: card.kind,
		district: pickName(card.district, locale),
		category: pickName(card.category, locale),
		url: localizePath(locale, `/rooms/${card.id}`),
		cover: getImageSources(card.cover, 'cover'),
		watchable: card.watchable,
		highlight: {
			title: highlightText(title, terms),
			merchant: merchant === null ? null : highlightText(merchant, terms),
			snippet,
		},
	};
}

/**
 * Where a snippet can come from, best first: the title and merchant name in the other language
 * (an English query on a Chinese page), product names, descriptions.
 */
function loadSnippetTexts(db: Db, ids: number[], locale: Locale): Map<number, string[]> {
	const rows = db.all<{
		id: number;
		otherTitle: string | null;
		otherMerchant: string | null;
		products: string | null;
		description: string;
		descriptionEn: string | null;
	}>(
		sql`SELECT r.id AS id, ${locale === 'en' ? sql`r.title` : sql`r.title_en`} AS otherTitle,
			${locale === 'en' ? sql`m.name_zh` : sql`m.name_en`} AS otherMerchant,
			r.description AS description, r.description_en AS descriptionEn,
			(SELECT group_concat(p.name || coalesce(' ' || p.name_en, ''), '、')
				FROM room_product p WHERE p.room_id = r.id) AS products
		FROM room r LEFT JOIN merchant m ON m.id = r.merchant_id WHERE r.id IN ${ids}`,
	);
	return new Map(
		rows.map((r) => [
			r.id,
			[r.otherTitle, r.otherMerchant, r.products, r.description, r.descriptionEn].filter(
				(text): text is string => Boolean(text),
			),
		]),
	);
}
