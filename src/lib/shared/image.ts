/**
 * The pictures the portal shows, by kind: each is re-encoded (src/lib/server/media/) to WebP at
 * two fixed widths and one fixed shape, so a page knows every image's size before it loads
 * (`width`/`height` set: no layout shift) and a browser picks the width it needs (`srcset`).
 */
export const IMAGE_KINDS = {
	/** Room covers: 4:3, what cards, room pages and search hits show. */
	cover: { widths: [320, 640], ratio: [4, 3] },
	/** Product pictures: square thumbnails on room pages. */
	product: { widths: [96, 192], ratio: [1, 1] },
	/** Venue banners: 3:1, across the top of a venue's page. */
	banner: { widths: [640, 1280], ratio: [3, 1] },
} as const satisfies Record<string, { widths: readonly [number, number]; ratio: [number, number] }>;

export type ImageKind = keyof typeof IMAGE_KINDS;

/** A stored image's key: 32 lowercase hex digits (src/lib/server/media/image-key.ts). */
export const IMAGE_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** Where one width of a stored image is served. */
export function getImagePath(key: string, width: number): string {
	return `/media/${key}-${width}.webp`;
}

/** The height of a kind's image at `width`. */
export function getImageHeight(kind: ImageKind, width: number): number {
	const [w, h] = IMAGE_KINDS[kind].ratio;
	return Math.round((width * h) / w);
}

export interface ImageSources {
	src: string;
	srcset: string;
	width: number;
	height: number;
}

/**
 * What an `<img>` needs for a stored image: the small width as `src` and intrinsic size, both
 * widths in `srcset`. Null when there is no usable image (no key, or '' for "none").
 */
export function getImageSources(
	key: string | null | undefined,
	kind: ImageKind,
): ImageSources | null {
	if (!key || !IMAGE_KEY_PATTERN.test(key)) return null;
	const [small, large] = IMAGE_KINDS[kind].widths;
	return {
		src: getImagePath(key, small),
		srcset: `${getImagePath(key, small)} ${small}w, ${getImagePath(key, large)} ${large}w`,
		width: small,
		height: getImageHeight(kind, small),
	};
}
