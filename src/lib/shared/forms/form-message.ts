/**
 * Messages travel from actions to pages as ids with optional parameters, `id?name=value`, so the
 * server never has to know the reader's language and the page translates with its own catalogue.
 */

export interface FormMessage {
	id: string;
	params: Record<string, string>;
}

/** `auth.rateLimited` + `{ minutes: 12 }` → `auth.rateLimited?minutes=12`. */
export function encodeFormMessage(id: string, params?: Record<string, string | number>): string {
	if (!params) return id;
	const query = new URLSearchParams(
		Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
	);
	return `${id}?${query.toString()}`;
}

/** The reverse of `encodeFormMessage`. */
export function decodeFormMessage(encoded: string): FormMessage {
	const at = encoded.indexOf('?');
	if (at < 0) return { id: encoded, params: {} };
	return {
		id: encoded.slice(0, at),
		params: Object.fromEntries(new URLSearchParams(encoded.slice(at + 1))),
	};
}
