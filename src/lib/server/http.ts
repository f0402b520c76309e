/**
 * An empty 404: Astro answers it with src/pages/404.astro, so every unknown id gets the real
 * not-found page with the right status.
 */
export function notFoundResponse(): Response {
	return new Response(null, { status: 404 });
}

/** A positive integer id from a route parameter, or undefined for anything else (`01`, `1e3`, `-1`). */
export function parseId(raw: string | undefined): number | undefined {
	if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return undefined;
	const id = Number(raw);
	return Number.isSafeInteger(id) ? id : undefined;
}

/** A JSON answer (UTF-8) with the given status and extra headers: what the JSON endpoints send. */
export function jsonResponse(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
	});
}
