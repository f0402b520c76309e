import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { etagFor, isCompressible, type Accepted, type Encoding } from './negotiate';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this a compressed body saves less than the header costs. */
export const MIN_COMPRESS_BYTES = 1024;

/** log2 of the smallest brotli window (16–24 bits) holding `length` bytes. */
function windowBits(length: number): number {
	return Math.min(24, Math.max(16, Math.ceil(Math.log2(length + 1))));
}

/** A response body kept in each encoding a client may ask for, with its entity tag. */
export interface EncodedBody {
	identity: Buffer;
	br?: Buffer;
	gzip?: Buffer;
	/** `"<hash>"`, the tag of the identity encoding. */
	etag: string;
	/** Bytes held in memory for this body, all encodings together. */
	size: number;
}

/**
 * Hashes and compresses a body once (brotli and gzip on libuv's thread pool), so each later
 * request is served by a lookup. Brotli quality 5 and gzip level 6 cost about a millisecond for a
 * 30 KB page; `quality` raises brotli's for assets compressed once at start-up.
 */
export async function encodeBody(
	identity: Buffer,
	contentType: string | undefined,
	options: { brotliQuality?: number } = {},
): Promise<EncodedBody> {
	const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
	if (identity.length < MIN_COMPRESS_BYTES || !isCompressible(contentType)) {
		return { identity, etag, size: identity.length };
	}
	const [br, gz] = await Promise.all([
		brotli(identity, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? 5,
				[constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
				// A window no larger than the body: brotli's default (4 MB) costs that much memory per
				// compression running on the thread pool, for nothing on a 50 KB page.
				[constants.BROTLI_PARAM_LGWIN]: windowBits(identity.length),
			},
		}),
		gzipAsync(identity, { level: 6 }),
	]);
	return {
		identity,
		br: br.length < identity.length ? br : undefined,
		gzip: gz.length < identity.length ? gz : undefined,
		etag,
		size: identity.length + br.length + gz.length,
	};
}

/** The smallest encoding of the body the client accepts: brotli, then gzip, then the identity. */
export function pickEncoding(
	body: EncodedBody,
	accepted: Accepted,
): { encoding: Encoding; bytes: Buffer; etag: string } {
	if (accepted.br && body.br)
		return { encoding: 'br', bytes: body.br, etag: etagFor(body.etag, 'br') };
	if (accepted.gzip && body.gzip) {
		return { encoding: 'gzip', bytes: body.gzip, etag: etagFor(body.etag, 'gzip') };
	}
	return { encoding: 'identity', bytes: body.identity, etag: body.etag };
}
