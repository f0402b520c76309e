import { z } from 'zod';
import { DAY_PART_CODES, type DayPart } from './day-parts';
import { PHASE_FILTERS, ROOM_KINDS, type PhaseFilter, type RoomKind } from './status';

/** What a schedule URL asks for. Absent filters mean "all". */
export interface ScheduleQuery {
	day?: string;
	/** A venue's slug: its rooms only (then district and category are not used). */
	venue?: string;
	district?: string;
	category?: string;
	kind?: RoomKind;
	phase?: PhaseFilter;
	/** A time of day (shared/day-parts.ts). */
	part?: DayPart;
	page: number;
}

export interface ScheduleChoices {
	days: readonly string[];
	venues?: readonly string[];
	districts: readonly string[];
	categories: readonly string[];
}

const MAX_PAGE = 10_000;
const code = z.string().max(64);

/**
 * Reads the schedule's query string. A parameter that is malformed or names something that does
 * not exist (a day outside the festival, an unknown district) is dropped and reported in `ignored`,
 * so a bad link still shows a useful page instead of an error.
 */
export function parseScheduleQuery(
	params: URLSearchParams,
	choices: ScheduleChoices,
): { query: ScheduleQuery; ignored: string[] } {
	const ignored: string[] = [];
	const pick = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
		const raw = params.get(name);
		if (raw === null || raw === '') return undefined;
		const parsed = schema.safeParse(raw);
		if (parsed.success) return parsed.data;
		ignored.push(name);
		return undefined;
	};
	const oneOf = (values: readonly string[]) => code.refine((v) => values.includes(v));
	const page = pick('page', z.coerce.number().int().min(1).max(MAX_PAGE)) ?? 1;
	const venue = pick('venue', oneOf(choices.venues ?? []));
	// A venue is already a choice of districts and categories: those filters give way to it.
	const place = <T>(name: string, value: T | undefined): T | undefined => {
		if (venue === undefined || value === undefined) return value;
		ignored.push(name);
		return undefined;
	};
	return {
		query: {
			day: pick('day', oneOf(choices.days)),
			venue,
			district: place('district', pick('district', oneOf(choices.districts))),
			category: place('category', pick('category', oneOf(choices.categories))),
			kind: pick('kind', z.enum(ROOM_KINDS)),
			phase: pick('phase', z.enum(PHASE_FILTERS)),
			part: pick('part', z.enum(DAY_PART_CODES as [DayPart, ...DayPart[]])),
			page,
		},
		ignored,
	};
}

/**
 * The query string for a schedule view: the current filters with some changed. Changing any filter
 * returns to page 1; `undefined` removes a filter. Page 1 is left out unless `keepPage`: today's
 * schedule without a page opens at the current hour, so a pager's link to page 1 must name it.
 */
export function buildScheduleSearch(
	query: ScheduleQuery,
	changes: Partial<Omit<ScheduleQuery, 'page'>> & { page?: number } = {},
	keepPage = false,
): string {
	const next: ScheduleQuery = { ...query, page: 1, ...changes };
	const params = new URLSearchParams();
	for (const key of ['day', 'part', 'venue', 'district', 'category', 'kind', 'phase'] as const) {
		const value = next[key];
		if (value) params.set(key, value);
	}
	if (next.page > 1 || keepPage) params.set('page', String(next.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
