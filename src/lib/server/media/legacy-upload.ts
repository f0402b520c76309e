import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Names the first version of the upload module gave covers: hash + the sniffed extension. */
const LEGACY_NAME = /^\/media\/([0-9a-f]{32}\.(?:jpg|png|webp))$/;

/**
 * The bytes of a cover an earlier version stored exactly as uploaded (`/media/<hash>.<ext>` in
 * `room.cover_url`), so the image worker can put it through the pipeline like any other image; the
 * file itself is never served again. Null for any other name or a missing file.
 */
export async function readLegacyUpload(dir: string, url: string): Promise<Buffer | null> {
	const match = LEGACY_NAME.exec(url);
	if (!match) return null;
	try {
		return await readFile(path.join(dir, match[1]!));
	} catch {
		return null;
	}
}
