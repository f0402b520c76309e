import type { APIRoute } from 'astro';
import { env } from '../../lib/server/env';
import { readStoredImage } from '../../lib/server/media/image-store';
import { renderSeedImage } from '../../lib/server/media/seed-images';

/**
 * Pictures, as the media pipeline wrote them (src/lib/server/media/image-store.ts): WebP, re-encoded,
 * no metadata. Names are content keys, so a file never changes: cached for a year and `immutable`.
 * Only names the pipeline makes are read; `nosniff` and a sandboxing CSP keep a browser from
 * treating a file as anything but an image. A demo picture not rendered yet in this UPLOAD_DIR is
 * rendered from its recipe now (async, on sharp's threads), once.
 */
export const GET: APIRoute = async ({ params }) => {
	const name = params.file ?? '';
	const bytes =
		(await readStoredImage(env.uploadDir, name)) ?? (await renderSeedImage(env.uploadDir, name));
	if (!bytes) return new Response(null, { status: 404 });
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'image/webp',
			'Content-Length': String(bytes.length),
			'Cache-Control': 'public, max-age=31536000, immutable',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
		},
	});
};
