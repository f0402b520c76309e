import { eq } from 'drizzle-orm';
import { remoteImage } from '../../../../db/schema';
import type { Db } from '../db';

/**
 * What a row naming a remote image URL should show right away: the key an earlier fetch of that
 * URL made, '' when that fetch was refused, or null when the image worker has yet to fetch it
 * (image-worker.ts). A re-import that keeps its URLs so keeps its pictures without a fetch.
 */
export function findKnownImageKey(db: Db, url: string | null): string | null {
	if (url === null) return null;
	const known = db
		.select({ key: remoteImage.imageKey })
		.from(remoteImage)
		.where(eq(remoteImage.url, url))
		.get();
	return known ? (known.key ?? '') : null;
}

/** Whether a room's cover was uploaded on the portal (kept over WeChat's `cover_img`). */
export function hasUploadedCover(r: { coverUrl: string | null; coverKey: string | null }): boolean {
	return r.coverUrl === null ? Boolean(r.coverKey) : r.coverUrl.startsWith('/media/');
}
