import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Covers larger than this are refused: a phone photo, compressed, is well under it. */
export const COVER_MAX_BYTES = 2 * 1024 * 1024;

export type ImageType = 'jpeg' | 'png' | 'webp';

export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
};
const EXTENSIONS: Record<ImageType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** Stored names: the first 32 hex digits of the content's SHA-256 and the type's extension. */
const STORED_NAME = /^([0-9a-f]{32})\.(jpg|png|webp)$/;

/**
 * The image type from the file's first bytes (its "magic number"), whatever its name or the
 * browser's claimed type say: JPEG `FF D8 FF`, PNG's 8-byte signature, WebP `RIFF….WEBP`.
 */
export function detectImageType(bytes: Uint8Array): ImageType | null {
	const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
	if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return 'jpeg';
	if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (
		bytes.length >= 12 &&
		starts([0x52, 0x49, 0x46, 0x46]) &&
		starts([0x57, 0x45, 0x42, 0x50], 8)
	) {
		return 'webp';
	}
	return null;
}

export type CoverCheck =
	{ ok: true; type: ImageType } | { ok: false; problem: 'tooLarge' | 'notImage' };

/** Whether uploaded bytes are an acceptable cover. */
export function checkCover(bytes: Uint8Array): CoverCheck {
	if (bytes.length > COVER_MAX_BYTES) return { ok: false, problem: 'tooLarge' };
	const type = detectImageType(bytes);
	return type ? { ok: true, type } : { ok: false, problem: 'notImage' };
}

/**
 * Writes a checked cover under `dir`, named by its content hash, and returns the URL it is served
 * at (`/media/<hash>.<ext>`). The same image uploaded twice is stored once; the write goes to a
 * temporary name first so a reader never sees half a file.
 */
export function storeCover(dir: string, bytes: Uint8Array, type: ImageType): string {
	const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
	const name = `${digest}.${EXTENSIONS[type]}`;
	const target = path.join(dir, name);
	mkdirSync(dir, { recursive: true });
	try {
		statSync(target);
	} catch {
		const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
		try {
			writeFileSync(temp, bytes);
			renameSync(temp, target);
		} catch (error) {
			rmSync(temp, { force: true }); // a half-written file must not stay behind
			throw error;
		}
	}
	return `/media/${name}`;
}

/**
 * A stored cover's bytes and type, or null for any name this module did not make (so `../`,
 * other extensions or odd characters never reach the file system).
 */
export function readStoredCover(
	dir: string,
	name: string,
): { bytes: Buffer; contentType: string } | null {
	const match = STORED_NAME.exec(name);
	if (!match) return null;
	try {
		const bytes = readFileSync(path.join(dir, name));
		const type = detectImageType(bytes);
		return type ? { bytes, contentType: IMAGE_CONTENT_TYPES[type] } : null;
	} catch {
		return null;
	}
}
