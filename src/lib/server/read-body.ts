/**
 * Reads at most `limit` bytes of a request body as UTF-8, or null when it is longer. A
 * Content-Length check alone is not enough: a chunked body has none, and `request.text()` would
 * buffer whatever the client sends.
 */
export async function readSmallBody(request: Request, limit: number): Promise<string | null> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
