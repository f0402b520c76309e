import { createHash } from 'node:crypto';
import type { ImageKind } from '../../shared/image';

/** Bumped when the pipeline's output changes (widths, quality), so new keys never meet old files. */
const PIPELINE_VERSION = 1;

/**
 * The key a picture is stored under (image-store.ts): the SHA-256 of its bytes with the pipeline's
 * version and the kind, 32 hex digits. The seed names its generated pictures by it before any file
 * exists (seed-pictures.ts).
 */
export function computeImageKey(bytes: Uint8Array, kind: ImageKind): string {
	return createHash('sha256')
		.update(`livefest-image/${PIPELINE_VERSION}/${kind}/`)
		.update(bytes)
		.digest('hex')
		.slice(0, 32);
}
