import { isDayKey } from '../../shared/time';

/**
 * Console list pages read their filters from the query string. Anything malformed is dropped
 * (the page shows everything), never an error: these are links staff share and bookmark.
 */

/** A page number 1…10 000, 1 for anything else. */
export function readPageNumber(url: URL): number {
	const raw = url.searchParams.get('page') ?? '1';
	const n = /^[1-9]\d{0,4}$/.test(raw) ? Number(raw) : 1;
	return Math.min(n, 10_000);
}

/** A positive id parameter, or undefined. */
export function readIdParam(url: URL, name: string): number | undefined {
	const raw = url.searchParams.get(name) ?? '';
	return /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
}

/** A day parameter among `allowed` (or any calendar day when `allowed` is omitted), or undefined. */
export function readDayParam(
	url: URL,
	name: string,
	allowed?: readonly string[],
): string | undefined {
	const raw = url.searchParams.get(name) ?? '';
	if (!isDayKey(raw)) return undefined;
	return !allowed || allowed.includes(raw) ? raw : undefined;
}

/** One of `values`, or undefined. */
export function readEnumParam<T extends string>(
	url: URL,
	name: string,
	values: readonly T[],
): T | undefined {
	const raw = url.searchParams.get(name);
	return values.find((v) => v === raw);
}

/** The same path with `params` (empty values dropped), for filter links and pagers. */
export function withQuery(
	path: string,
	params: Record<string, string | number | undefined>,
): string {
	const query = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) {
		if (v !== undefined && v !== '') query.set(k, String(v));
	}
	const text = query.toString();
	return text ? `${path}?${text}` : path;
}
