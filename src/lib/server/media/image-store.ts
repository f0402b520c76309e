import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { getImageHeight, IMAGE_KEY_PATTERN, IMAGE_KINDS, type ImageKind } from '../../shared/image';
import { computeImageKey } from './image-key';

export { computeImageKey };

/**
 * The media pipeline: every picture the portal shows — uploaded covers, WeChat's `cover_img` and
 * `goods[].cover_img`, the demo's generated covers — is decoded by sharp with a pixel limit,
 * turned upright, cropped to its kind's shape, re-encoded as WebP at the kind's two widths
 * (shared/image.ts) with no metadata at all (EXIF, GPS, XMP, ICC: sharp writes none unless asked),
 * and stored under a key derived from its content. What is served is only ever what this module
 * wrote, so nothing a merchant uploads reaches a visitor as it was sent.
 *
 * sharp decodes and encodes on libuv's thread pool: awaiting it never holds the event loop.
 */

/** Uploaded covers larger than this are refused unread: a phone photo, compressed, is well under it. */
export const COVER_MAX_BYTES = 2 * 1024 * 1024;

/** A fetched picture (WeChat's CDN) larger than this is abandoned mid-download. */
export const REMOTE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Inputs larger than this many pixels are refused before they are decoded (a 24-megapixel photo passes). */
export const IMAGE_MAX_PIXELS = 40_000_000;

/** The formats accepted from merchants and WeChat; anything else is refused. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export type ImageProblem = 'notImage' | 'tooManyPixels';

export type StoredImage = { ok: true; key: string } | { ok: false; problem: ImageProblem };

function fileOf(dir: string, key: string, width: number): string {
	return path.join(dir, `${key}-${width}.webp`);
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}

/** Writes to a temporary name first, so a reader never sees half a file. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
	const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	try {
		await writeFile(temp, bytes);
		await rename(temp, file);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
}

/**
 * Decodes `bytes` and writes its re-encoded widths under `dir`; the same input is stored once
 * (found by its key without decoding again). `trusted` admits SVG, for the portal's own generated
 * pictures only: a merchant's SVG is refused like any format but JPEG, PNG and WebP.
 * Throws only when the directory cannot be written.
 */
export async function storeImage(
	dir: string,
	bytes: Uint8Array,
	kind: ImageKind,
	options: { trusted?: boolean } = {},
): Promise<StoredImage> {
	const key = computeImageKey(bytes, kind);
	const widths = IMAGE_KINDS[kind].widths;
	const present = await Promise.all(widths.map((w) => exists(fileOf(dir, key, w))));
	if (present.every(Boolean)) return { ok: true, key };
	const encoded = await encodeImage(bytes, kind, options.trusted === true);
	if (!encoded.ok) return encoded;
	await mkdir(dir, { recursive: true });
	await Promise.all(encoded.files.map((f) => writeAtomically(fileOf(dir, key, f.width), f.bytes)));
	return { ok: true, key };
}

async function encodeImage(
	bytes: Uint8Array,
	kind: ImageKind,
	trusted: boolean,
): Promise<
	{ ok: true; files: { width: number; bytes: Buffer }[] } | { ok: false; problem: ImageProblem }
> {
	const input = () =>
		sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error', autoOrient: true });
	let format: string | undefined;
	try {
		const meta = await input().metadata();
		format = meta.format;
		if ((meta.width ?? 0) * (meta.height ?? 0) > IMAGE_MAX_PIXELS) {
			return { ok: false, problem: 'tooManyPixels' };
		}
	} catch (error) {
		return { ok: false, problem: describeFailure(error) };
	}
	if (!format || !(ACCEPTED_FORMATS.has(format) || (trusted && format === 'svg'))) {
		return { ok: false, problem: 'notImage' };
	}
	try {
		const files = await Promise.all(
			IMAGE_KINDS[kind].widths.map(async (width) => ({
				width,
				bytes: await input()
					.resize(width, getImageHeight(kind, width), { fit: 'cover', position: 'attention' })
					.flatten({ background: '#ffffff' })
					.webp({ quality: 78, effort: 4 })
					.toBuffer(),
			})),
		);
		return { ok: true, files };
	} catch (error) {
		return { ok: false, problem: describeFailure(error) };
	}
}

/** What sharp's refusal means for the person who sent the picture. */
function describeFailure(error: unknown): ImageProblem {
	return /pixel limit/i.test((error as Error).message ?? '') ? 'tooManyPixels' : 'notImage';
}

/** The bytes of a stored width, or null for any name this module did not make. */
export async function readStoredImage(dir: string, name: string): Promise<Buffer | null> {
	const match = /^([0-9a-f]{32})-(\d{2,4})\.webp$/.exec(name);
	if (!match || !IMAGE_KEY_PATTERN.test(match[1]!)) return null;
	const width = Number(match[2]);
	if (!Object.values(IMAGE_KINDS).some((k) => (k.widths as readonly number[]).includes(width))) {
		return null;
	}
	try {
		return await readFile(path.join(dir, name));
	} catch {
		return null;
	}
}
