const seen = new WeakMap<Request, Set<string>>();

/**
 * True the first time it is asked about `key` while rendering one request's page, false after:
 * lets a component repeated in a list (48 room cards) put what they share into the page once.
 * Keyed by the Request object, so nothing outlives the request.
 */
export function isFirstOnPage(request: Request, key: string): boolean {
	const keys = seen.get(request) ?? new Set<string>();
	seen.set(request, keys);
	if (keys.has(key)) return false;
	keys.add(key);
	return true;
}
