// Layer: integration (the built server on a temporary database, clock pinned at 21:40 on the
// festival's middle day). Issue 15, item 1: one definition of "live" — the schedule decides, a
// fresh WeChat status read by a sync refines it inside the scheduled window only — and every page,
// count, feed and search agree on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import {
	LAST_NIGHT_NOW,
	seedTonightWorld,
	TONIGHT_NOW,
	type TonightWorld,
} from '../../support/tonight-world';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';
import { writeToServerDb } from '../../support/access-factories';

let server: RunningServer;
let w: TonightWorld;
beforeAll(async () => {
	server = await startServer({ seed: (db) => void (w = seedTonightWorld(db)), now: TONIGHT_NOW });
});
afterAll(() => server?.stop());

const unix = (local: string) => Date.parse(`${local}+08:00`) / 1000;
const number = (text: string) => Number(/\d+/.exec(text)?.[0] ?? NaN);

/** What each public surface says is live now. */
async function readLive(extraIds: number[] = []) {
	const home = readPage(await (await server.getFresh('/')).text());
	const schedule = readPage(await (await server.getFresh('/schedule?phase=live')).text());
	const ids = [...Object.values(w.rooms).map((r) => r.id), ...extraIds];
	const statuses = (await (
		await server.getFresh(`/api/rooms/status?ids=${ids.join(',')}`)
	).json()) as { rooms: { id: number; phase: string }[] };
	return {
		homeCount: number(home.text('a[href="/schedule?phase=live"]')),
		rail: home.doc
			.querySelectorAll('.rail [data-live-room]')
			.map((e) => Number(e.getAttribute('data-live-room'))),
		scheduleCount: number(schedule.text('.summary strong')),
		scheduleIds: schedule.doc
			.querySelectorAll('[data-live-room]')
			.map((e) => Number(e.getAttribute('data-live-room')))
			.sort((a, b) => a - b),
		statusLive: statuses.rooms
			.filter((r) => r.phase === 'live')
			.map((r) => r.id)
			.sort((a, b) => a - b),
	};
}

describe('live now', () => {
	it('an imported room for tomorrow carrying live_status 101 is upcoming everywhere, and every count agrees', async () => {
		const merchant = clientWith(server, w.tokens.merchant);
		const payload = JSON.stringify({
			errcode: 0,
			errmsg: 'ok',
			total: 1,
			room_info: [
				{
					roomid: 777,
					name: '明日午市直播',
					live_status: 101,
					start_time: unix('2026-06-08T12:00'),
					end_time: unix('2026-06-08T14:00'),
					anchor_name: '小李',
					goods: [],
				},
			],
		});
		const imported = await merchant.post('/merchant/rooms/import', 'rooms.import', { payload });
		const [row] = queryDb<{ id: number; live_status: number | null; updated_at: number }>(
			server.file,
			'select id, live_status, updated_at from room where wx_room_id = 777',
		);
		const staff = clientWith(server, w.tokens.staff);
		const approved = await staff.post(`/staff/review/room/${row!.id}`, 'staff.decideRoom', {
			roomId: String(row!.id),
			decision: 'approve',
			seenStatus: 'submitted',
			seenAt: String(row!.updated_at),
		});
		const live = await readLive([row!.id]);
		const search = (await (
			await server.getFresh(`/api/search?q=${encodeURIComponent('明日午市')}`)
		).json()) as { hits: { id: number; phase: string }[]; facets: { phase: unknown[] } };
		const page = readPage(await (await server.getFresh(`/rooms/${row!.id}`)).text());
		const { live: l, noWayIn, longWord, teaNow } = w.rooms;
		const expectedIds = [l.id, noWayIn.id, longWord.id, teaNow.id].sort((a, b) => a - b);
		expect({
			imported: imported.status,
			approved: approved.status,
			recordedStatus: row!.live_status,
			...live,
			search: search.hits.filter((h) => h.id === row!.id).map((h) => [h.id, h.phase]),
			badge: page.text('.room .badge'),
		}).toEqual({
			imported: 200,
			approved: 303,
			recordedStatus: null,
			homeCount: 4,
			// Rooms citizens can open first, latest start first; the one without a way in last.
			rail: [longWord.id, l.id, teaNow.id, noWayIn.id],
			scheduleCount: 4,
			scheduleIds: expectedIds,
			statusLive: expectedIds,
			search: [[row!.id, 'upcoming']],
			badge: '未开始',
		});
	});

	it('a status a sync just read counts only inside the window and its grace, and the counts still agree', async () => {
		const read = Date.parse(TONIGHT_NOW) - 2 * 60_000;
		// Tomorrow's room says 101: still upcoming. Tonight's next room says 101 before its start:
		// still upcoming. A room live by the schedule says 103: it ended early. A room that ended
		// 20 minutes ago says 101: its host runs over, inside the grace.
		const set = 'update room set live_status = ?, live_status_at = ? where id = ?';
		writeToServerDb(server.file, set, 101, read, w.rooms.tomorrow.id);
		writeToServerDb(server.file, set, 101, read, w.rooms.next.id);
		writeToServerDb(server.file, set, 103, read, w.rooms.live.id);
		writeToServerDb(
			server.file,
			'update room set live_status = 101, live_status_at = ?, end_at = ? where id = ?',
			read,
			Date.parse(TONIGHT_NOW) - 20 * 60_000,
			w.rooms.morning.id,
		);
		const live = await readLive();
		const { noWayIn, longWord, teaNow, morning } = w.rooms;
		const expectedIds = [noWayIn.id, longWord.id, teaNow.id, morning.id].sort((a, b) => a - b);
		expect(live).toEqual({
			homeCount: 4,
			rail: [longWord.id, teaNow.id, morning.id, noWayIn.id],
			scheduleCount: 4,
			scheduleIds: expectedIds,
			statusLive: expectedIds,
		});
	});
});

describe('live now, counted in English', () => {
	let lastNight: RunningServer;
	beforeAll(async () => {
		lastNight = await startServer({ seed: (db) => void seedTonightWorld(db), now: LAST_NIGHT_NOW });
	});
	afterAll(() => lastNight?.stop());

	it('says "1 room live now" and "1 session" for the one late-night session on', async () => {
		const home = readPage(await (await lastNight.get('/en/')).text());
		const schedule = readPage(await (await lastNight.get('/en/schedule?phase=live')).text());
		expect([
			home.text('a[href="/en/schedule?phase=live"]'),
			schedule.text('.summary strong'),
		]).toEqual(['1 room live now', '1 session']);
	});
});
