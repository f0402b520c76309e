import type { APIRoute } from 'astro';
import { env } from '../../lib/server/env';
import { readStoredCover } from '../../lib/server/upload/cover';

/**
 * Uploaded room covers. Names are content hashes, so a file never changes: cached for a year and
 * `immutable`. Only names the upload module made are read (see readStoredCover); the type is
 * sniffed from the bytes again, and `nosniff` plus a sandboxing CSP keep a browser from treating
 * the file as anything but an image.
 */
export const GET: APIRoute = ({ params }) => {
	const cover = readStoredCover(env.uploadDir, params.file ?? '');
	if (!cover) return new Response(null, { status: 404 });
	return new Response(new Uint8Array(cover.bytes), {
		headers: {
			'Content-Type': cover.contentType,
			'Content-Length': String(cover.bytes.length),
			'Cache-Control': 'public, max-age=31536000, immutable',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
		},
	});
};
