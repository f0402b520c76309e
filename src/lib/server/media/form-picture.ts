import type { FormIssue } from '../../shared/forms/parse-form';
import type { ImageKind } from '../../shared/image';
import { COVER_MAX_BYTES, storeImage, type ImageProblem } from './image-store';

export interface FormPicture {
	/** The file input's name, where a problem is reported. */
	field: string;
	/** The checkbox that asks to remove the picture. */
	removeField: string;
	kind: ImageKind;
	/** Where the pipeline stores pictures (UPLOAD_DIR). */
	dir: string;
	/** The message id for each decoder refusal. */
	problemMessage: (problem: ImageProblem) => string;
}

/**
 * A picture uploaded with a form (a room's cover, a venue's banner) through the media pipeline —
 * decoded with a pixel limit, re-encoded to the kind's shape, metadata stripped, stored by key —
 * before the row is written, so a storage failure (a full disk, an unwritable UPLOAD_DIR) leaves
 * nothing behind. The key; null to remove the picture; undefined to keep what there is. A problem
 * is added to `issues` next to the field, never a 500. sharp decodes on its own threads, so the
 * event loop is free meanwhile.
 */
export async function readFormPicture(
	form: FormData,
	picture: FormPicture,
	issues: FormIssue[],
): Promise<string | null | undefined> {
	const file = form.get(picture.field);
	if (!(file instanceof File) || file.size === 0) {
		return form.get(picture.removeField) === 'on' ? null : undefined;
	}
	if (file.size > COVER_MAX_BYTES) {
		issues.push({ field: picture.field, message: 'rooms.cover.tooLarge' });
		return undefined;
	}
	try {
		const stored = await storeImage(
			picture.dir,
			new Uint8Array(await file.arrayBuffer()),
			picture.kind,
		);
		if (stored.ok) return stored.key;
		issues.push({ field: picture.field, message: picture.problemMessage(stored.problem) });
	} catch (error) {
		console.error(`livefest: could not store a ${picture.kind} in ${picture.dir}:`, error);
		issues.push({ field: picture.field, message: 'rooms.cover.storeFailed' });
	}
	return undefined;
}
