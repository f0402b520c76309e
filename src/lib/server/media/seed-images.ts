import { IMAGE_KINDS } from '../../shared/image';
import { readStoredImage, storeImage } from './image-store';
import { findSeedPicture, listSeedPictures } from './seed-pictures';

/**
 * Renders the demo's pictures (seed-pictures.ts) through the media pipeline. The seed names them by
 * key before any file exists, so a database copied or seeded elsewhere still shows them: the media
 * route renders one the first time it is asked for (a few milliseconds on sharp's threads, from an
 * SVG of our own, never a visitor's input), and `npm run db:seed` renders them all ahead.
 */

/** The bytes for a stored name (`<key>-<width>.webp`) of a demo picture, rendered if need be. */
export async function renderSeedImage(dir: string, name: string): Promise<Buffer | null> {
	const match = /^([0-9a-f]{32})-(\d{2,4})\.webp$/.exec(name);
	const picture = match ? findSeedPicture(match[1]!) : undefined;
	if (!picture) return null;
	if (!(IMAGE_KINDS[picture.kind].widths as readonly number[]).includes(Number(match![2]))) {
		return null;
	}
	const stored = await storeImage(dir, picture.svg, picture.kind, { trusted: true });
	return stored.ok ? readStoredImage(dir, name) : null;
}

/** Renders every demo picture of these categories that `dir` lacks; returns how many there are. */
export async function renderSeedImages(
	dir: string,
	categories: readonly string[],
): Promise<number> {
	const pictures = listSeedPictures(categories);
	for (let i = 0; i < pictures.length; i += 4) {
		await Promise.all(
			pictures.slice(i, i + 4).map((p) => storeImage(dir, p.svg, p.kind, { trusted: true })),
		);
	}
	return pictures.length;
}
