import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSequence } from '../../../src/lib/server/calendar/calendar';
import {
	AWKWARD_TITLE,
	LONG_DESCRIPTION,
	parseCalendar,
	seedAccessWorld,
	writeToServerDb,
	type AccessWorld,
} from '../../support/access-factories';
import { getQueryCount, startServer, type RunningServer } from '../../support/server';
import { WORLD_NOW } from '../../support/world';

let server: RunningServer;
let world: AccessWorld;
beforeAll(async () => {
	server = await startServer({ seed: (db) => void (world = seedAccessWorld(db)), now: WORLD_NOW });
});
afterAll(() => server?.stop());

const fetchCalendar = async (path: string, fresh = false) => {
	const res = await (fresh ? server.getFresh(path) : server.get(path));
	const text = await res.text();
	return { res, text, calendar: res.status === 200 ? await parseCalendar(text) : null };
};

describe('/rooms/{id}.ics', () => {
	it('is one event with the escaped title, the zone, the /go link and a reminder', async () => {
		const { res, text, calendar } = await fetchCalendar(`/rooms/${world.awkward.id}.ics`);
		expect([
			res.status,
			res.headers.get('content-type'),
			res.headers.get('content-disposition'),
		]).toEqual([
			200,
			'text/calendar; charset=utf-8',
			`attachment; filename="gz-test-room-${world.awkward.id}.ics"`,
		]);
		expect(calendar).toEqual({
			name: '测试直播节',
			timezones: ['Asia/Shanghai'],
			events: [
				{
					uid: `room-${world.awkward.id}@127.0.0.1`,
					summary: AWKWARD_TITLE,
					description: `${LONG_DESCRIPTION}\n\n进入直播间: ${server.origin}/go/${world.awkward.id}`,
					location: '微信小程序 · 天河茶楼',
					url: `${server.origin}/go/${world.awkward.id}`,
					sequence: getSequence(new Date('2026-06-02T03:04:05Z')),
					status: 'CONFIRMED',
					dtstamp: '2026-06-02T03:04:05.000Z',
					start: {
						tzid: 'Asia/Shanghai',
						wall: '2026-06-08T08:00:00',
						instant: '2026-06-08T00:00:00.000Z',
					},
					end: {
						tzid: 'Asia/Shanghai',
						wall: '2026-06-08T09:30:00',
						instant: '2026-06-08T01:30:00.000Z',
					},
					alarms: [{ action: 'DISPLAY', trigger: '-PT10M' }],
				},
			],
		});
		// The escaping and folding on the wire, not just what a parser forgives.
		expect(text).toContain('SUMMARY:早茶\\, 点心\\; 还有\\n第二行\r\n');
		const physical = text.split('\r\n').slice(0, -1);
		expect(physical.filter((l) => Buffer.byteLength(l) > 75)).toEqual([]);
		expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
	});

	it('is in English under /en', async () => {
		const { calendar } = await fetchCalendar(`/en/rooms/${world.live.id}.ics`);
		const event = calendar!.events[0]!;
		expect([calendar!.name, event.summary, event.location, event.url]).toEqual([
			'Test Live Festival',
			'Lychee season fashion special',
			'WeChat mini program · Beijing Road Fashion',
			`${server.origin}/en/go/${world.live.id}`,
		]);
	});

	it('answers 404 for rooms the public cannot see, while the room page keeps its own route', async () => {
		const paths = [
			`/rooms/${world.submitted.id}.ics`,
			`/rooms/${world.ofSuspended.id}.ics`,
			`/rooms/${world.cancelled.id}.ics`,
			'/rooms/999999.ics',
			'/rooms/abc.ics',
			'/fr/rooms/1.ics',
		];
		const statuses = await Promise.all(paths.map(async (p) => (await server.get(p)).status));
		expect(statuses).toEqual(paths.map(() => 404));
		const page = await server.get(`/rooms/${world.live.id}`);
		expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html']);
	});
});

describe('/my/calendar.ics', () => {
	const list = () =>
		[world.live.id, world.awkward.id, world.cancelled.id, world.submitted.id, 999999].join('-');

	it('holds the public rooms of the list and the cancelled one as CANCELLED, nothing else', async () => {
		const { res, calendar } = await fetchCalendar(`/my/calendar.ics?rooms=${list()}`);
		expect([res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([
			'text/calendar; charset=utf-8',
			'public, max-age=300',
		]);
		expect(calendar!.name).toBe('我的直播节 · 测试直播节');
		expect(
			calendar!.events.map((e) => [e.uid, e.summary, e.status, e.start.wall, e.alarms.length]),
		).toEqual([
			[`room-${world.live.id}@127.0.0.1`, '荔枝节女装专场', 'CONFIRMED', '2026-06-07T19:30:00', 1],
			[`room-${world.awkward.id}@127.0.0.1`, AWKWARD_TITLE, 'CONFIRMED', '2026-06-08T08:00:00', 1],
			[
				`room-${world.cancelled.id}@127.0.0.1`,
				'已取消的直播',
				'CANCELLED',
				'2026-06-08T15:00:00',
				0,
			],
		]);
	});

	it('asks subscribers to poll hourly', async () => {
		const { text } = await fetchCalendar(`/my/calendar.ics?rooms=${world.live.id}`);
		expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n');
	});

	it('is still a calendar with no rooms at all', async () => {
		const { res, calendar } = await fetchCalendar('/my/calendar.ics');
		expect([res.status, calendar!.events]).toEqual([200, []]);
	});

	it('follows a room that moves and one that is cancelled: same UID, higher SEQUENCE', async () => {
		const ids = `${world.showcase.id}-${world.noRoomId.id}`;
		const before = (await fetchCalendar(`/my/calendar.ics?rooms=${ids}`)).calendar!;
		writeToServerDb(
			server.file,
			'update room set start_at = ?, end_at = ?, updated_at = ? where id = ?',
			Date.parse('2026-06-07T13:00:00Z'),
			Date.parse('2026-06-07T14:00:00Z'),
			Date.parse('2026-06-07T11:00:00Z'),
			world.showcase.id,
		);
		writeToServerDb(
			server.file,
			"update room set review_status = 'cancelled', updated_at = ? where id = ?",
			Date.parse('2026-06-07T11:30:00Z'),
			world.noRoomId.id,
		);
		// Once the page cache has seen the write (within its stated bound).
		const after = (await fetchCalendar(`/my/calendar.ics?rooms=${ids}`, true)).calendar!;
		const summary = (c: typeof before) =>
			c.events.map((e) => ({
				uid: e.uid,
				status: e.status,
				start: e.start.wall,
				sequence: e.sequence,
			}));
		expect(summary(before)).toEqual([
			{
				uid: `room-${world.noRoomId.id}@127.0.0.1`,
				status: 'CONFIRMED',
				start: '2026-06-07T20:15:00',
				sequence: getSequence(new Date('2026-06-01T00:00:00Z')),
			},
			{
				uid: `room-${world.showcase.id}@127.0.0.1`,
				status: 'CONFIRMED',
				start: '2026-06-07T20:30:00',
				sequence: getSequence(new Date('2026-06-01T00:00:00Z')),
			},
		]);
		expect(summary(after)).toEqual([
			{
				uid: `room-${world.noRoomId.id}@127.0.0.1`,
				status: 'CANCELLED',
				start: '2026-06-07T20:15:00',
				sequence: getSequence(new Date('2026-06-07T11:30:00Z')),
			},
			{
				uid: `room-${world.showcase.id}@127.0.0.1`,
				status: 'CONFIRMED',
				start: '2026-06-07T21:00:00',
				sequence: getSequence(new Date('2026-06-07T11:00:00Z')),
			},
		]);
	});

	it('runs the same number of SQL statements for one room and for three', async () => {
		const one = await server.get(`/my/calendar.ics?rooms=${world.live.id}`);
		const three = await server.get(
			`/my/calendar.ics?rooms=${world.live.id}-${world.soon.id}-${world.awkward.id}`,
		);
		expect(getQueryCount(three)).toBe(getQueryCount(one));
	});
});
