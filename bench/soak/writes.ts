/**
 * The soak's merchant writes: room submissions and edits through the real Astro Action
 * (`POST /_actions/rooms.save`, a urlencoded form, the session cookie and a same-origin `Origin`),
 * each carrying a unique marker in its title, and the ledger that checks afterwards that every
 * write the server acknowledged is in the database.
 */
import Database from 'better-sqlite3';
import type http from 'node:http';
import { formatZonedInput } from '../../src/lib/shared/room-window';
import type { SoakMerchant, SoakRoom, SoakWorld } from './world';

const HOUR_MS = 60 * 60_000;

export interface WriteOutcome {
	kind: 'create' | 'edit';
	status: number;
	/** The saved room's id when the server acknowledged the write. */
	roomId?: number;
	/** The refusal's code and message (`BAD_REQUEST rooms.window.lead` …) when it did not. */
	reason?: string;
	body: string;
}

/** A room form as the merchant page sends it: one product row, times in the festival's zone. */
export function buildRoomForm(
	title: string,
	room: { start: Date; end: Date },
	timezone: string,
	roomId?: number,
): URLSearchParams {
	const form = new URLSearchParams({
		title,
		anchorName: '压测主播',
		description: 'soak',
		start: formatZonedInput(room.start, timezone),
		end: formatZonedInput(room.end, timezone),
		productName: '压测商品',
		productPriceType: 'fixed',
		productPrice: '99',
		productPrice2: '',
	});
	if (roomId !== undefined) form.set('roomId', String(roomId));
	return form;
}

/** A start between an hour from now and two hours before the festival ends, on a 5-minute mark. */
export function pickNewRoomTimes(world: SoakWorld, now: number, random: () => number): SoakRoom {
	const earliest = now + HOUR_MS;
	const latest = Math.max(earliest, world.festivalEnd.getTime() - 2 * HOUR_MS);
	const step = 5 * 60_000;
	const start = Math.ceil((earliest + random() * (latest - earliest)) / step) * step;
	return { id: 0, start: new Date(start), end: new Date(start + HOUR_MS) };
}

/**
 * The value of an action's successful answer: Astro serialises it with devalue, a flat array in
 * which objects hold the indices of their values (`[{"roomId":1,"changed":2},812,true]`).
 */
export function readSavedRoomId(body: string): number | undefined {
	try {
		const flat = JSON.parse(body) as unknown[];
		const root = flat[0] as { roomId?: number };
		const id = root.roomId === undefined ? undefined : flat[root.roomId];
		return typeof id === 'number' ? id : undefined;
	} catch {
		return undefined;
	}
}

/** An action error's `code message`, or the start of the body when it is not one. */
function readRefusal(body: string): string {
	try {
		const error = JSON.parse(body) as {
			code?: string;
			message?: string;
			issues?: { path: string[]; message: string }[];
		};
		const issues = error.issues?.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		return `${error.code ?? '?'} ${issues || error.message || ''}`.trim();
	} catch {
		return body.slice(0, 120).replace(/\s+/g, ' ');
	}
}

/** Sends one save; resolves with the outcome (never rejects on an HTTP status). */
export function postRoomSave(
	request: (
		options: http.RequestOptions,
		body: string,
	) => Promise<{ status: number; body: string }>,
	merchant: SoakMerchant,
	origin: string,
	form: URLSearchParams,
	kind: WriteOutcome['kind'],
): Promise<WriteOutcome> {
	const body = form.toString();
	return request(
		{
			method: 'POST',
			path: '/_actions/rooms.save',
			headers: {
				Origin: origin,
				Cookie: `livefest_session=${merchant.token}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				'Content-Length': Buffer.byteLength(body),
			},
		},
		body,
	).then(({ status, body: text }) => {
		const roomId = status === 200 ? readSavedRoomId(text) : undefined;
		return roomId === undefined
			? { kind, status, reason: `${status} ${readRefusal(text)}`, body: text }
			: { kind, status, roomId, body: text };
	});
}

/**
 * Which title each room must end with. A merchant's writes are sent one at a time, so the last
 * acknowledged marker of a room is its expected title; a write whose answer never came (a socket
 * error, the client's 30 s timeout) may still commit — before or after later acknowledged ones,
 * since the server may read it only after the client gave up — so its marker is accepted too.
 */
export class WriteLedger {
	private readonly rooms = new Map<
		number,
		{ acked?: string; pending: string[]; unanswered: string[] }
	>();
	acknowledged = { create: 0, edit: 0 };

	private entry(roomId: number) {
		let entry = this.rooms.get(roomId);
		if (!entry) {
			entry = { pending: [], unanswered: [] };
			this.rooms.set(roomId, entry);
		}
		return entry;
	}

	sent(roomId: number | undefined, marker: string): void {
		if (roomId === undefined) return; // a create without an answer names no room
		this.entry(roomId).pending.push(marker);
	}

	acknowledge(kind: WriteOutcome['kind'], roomId: number, marker: string): void {
		this.acknowledged[kind] += 1;
		const entry = this.entry(roomId);
		entry.acked = marker;
		entry.pending = [];
	}

	/** A write to `roomId` that got no answer: it may commit at any time, even after later ones. */
	unanswered(roomId: number | undefined, marker: string): void {
		if (roomId === undefined) return;
		const entry = this.entry(roomId);
		entry.pending = entry.pending.filter((m) => m !== marker);
		entry.unanswered.push(marker);
	}

	/**
	 * Reads every acknowledged room's title from the database file (a separate, read-only
	 * connection after the server stopped) and counts those that kept their last write.
	 */
	verify(dbFile: string): {
		rooms: number;
		found: number;
		missing: { roomId: number; expected: string; actual: string | null }[];
	} {
		const db = new Database(dbFile, { readonly: true, fileMustExist: true });
		const title = db.prepare('select title from room where id = ?').pluck();
		const missing: { roomId: number; expected: string; actual: string | null }[] = [];
		let rooms = 0;
		try {
			for (const [roomId, entry] of this.rooms) {
				if (entry.acked === undefined) continue;
				rooms += 1;
				const actual = (title.get(roomId) as string | undefined) ?? null;
				const accepted = [...entry.pending, ...entry.unanswered];
				if (actual !== entry.acked && !accepted.includes(actual ?? '')) {
					missing.push({ roomId, expected: entry.acked, actual });
				}
			}
		} finally {
			db.close();
		}
		return { rooms, found: rooms - missing.length, missing };
	}
}
