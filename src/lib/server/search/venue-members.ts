import type Database from 'better-sqlite3';
import type { Db } from '../db';

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * A venue's rooms as a bitmap over room ids (`size` = the room attributes' length), read from
 * room_venue on the venue's covering index (its primary key holds room_id): a district venue at
 * the real festival's size is ~25,000 ids, a few milliseconds. The FTS5 search keeps only the
 * candidates set in it (fts5.ts), so the venue narrows every facet as the festival does.
 */
export function readVenueMembers(db: Db, venueId: number, size: number): Uint8Array {
	let statement = statements.get(db.$client);
	if (!statement) {
		statement = db.$client
			.prepare('SELECT room_id FROM room_venue INDEXED BY room_venue_start_idx WHERE venue_id = ?')
			.pluck();
		statements.set(db.$client, statement);
	}
	const members = new Uint8Array(size);
	for (const id of statement.all(venueId) as number[]) {
		if (id < size) members[id] = 1;
	}
	return members;
}

/** The ids of `ids` set in `members`, in their order. */
export function keepMembers(ids: Int32Array, members: Uint8Array): Int32Array {
	let n = 0;
	const kept = new Int32Array(ids.length);
	for (const id of ids) if (members[id] === 1) kept[n++] = id;
	return kept.subarray(0, n);
}
