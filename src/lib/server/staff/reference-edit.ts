import { recordAuditEvent } from '../audit/record';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import {
	findReferenceEntry,
	listReferenceEntries,
	listRoomsShowing,
	writeReferenceEntry,
	type ReferenceKind,
} from '../festival/reference-lists';
import { invalid, type Outcome } from '../merchant/outcome';
import { reindexRoomsPaced } from '../search/room-reindex';
import { withSearchTriggersOff } from '../search/sql-functions';

export interface ReferenceEditInput {
	kind: ReferenceKind;
	/** The entry to change; undefined to add one. */
	id?: number;
	/** Only for a new entry: codes are part of addresses and never change in the console. */
	code?: string;
	nameZh: string;
	nameEn: string;
	sort: number;
}

/**
 * Adds or changes one district (of the current festival's city) or category from the admin
 * console, with one `district.create|update` or `category.create|update` audit event in the same
 * transaction. The public pages follow by the lists' change triggers. Search shows the new names
 * once the rooms that carry them are re-indexed, in paced transactions after the commit
 * (search/room-reindex.ts), so renaming a district of 24,000 rooms holds neither the database
 * nor the event loop. Refused: an id not in the list (not found), a new code already taken.
 */
export async function saveReferenceEntry(
	db: Db,
	actor: AuthUser,
	festival: Festival,
	input: ReferenceEditInput,
	now: Date,
): Promise<Outcome<{ id: number }>> {
	const { kind } = input;
	const existing =
		input.id === undefined ? undefined : findReferenceEntry(db, kind, festival.city, input.id);
	if (input.id !== undefined && !existing) return { ok: false, kind: 'notFound' };
	const code = existing?.code ?? input.code;
	if (!code) return invalid('code', 'form.required');
	if (!existing && listReferenceEntries(db, kind, festival.city).some((e) => e.code === code)) {
		return invalid('code', 'staff.reference.codeTaken');
	}
	const sqlite = db.$client;
	const write = withSearchTriggersOff(sqlite, () =>
		sqlite.transaction(() => {
			const written = writeReferenceEntry(db, kind, festival.city, {
				code,
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				sort: input.sort,
			});
			if (written.change !== 'unchanged') {
				recordAuditEvent(db, {
					actor: { userId: actor.id, name: actor.email },
					action: `${kind}.${written.change === 'created' ? 'create' : 'update'}`,
					entityType: kind,
					entityId: written.id,
					before: written.before ?? null,
					after: written.after,
					at: now,
				});
			}
			return written;
		})(),
	);
	if (write.renamed) await reindexRoomsPaced(db, listRoomsShowing(db, kind, write.id));
	return { ok: true, id: write.id };
}
