import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { merchant, room } from '../../db/schema';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { createMerchant, createRoom } from './factories';
import { seedSmallWorld } from './world';

/**
 * Support for the "into the room" tests (issue 6): real user-agent strings of the browser
 * families /go tells apart, and a stand-in for WeChat's API on a loopback port.
 */

/** User agents as the browsers send them (WeChat 8.0 on Android and iOS, 2024). */
export const USER_AGENTS = {
	wechatAndroid:
		'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
	wechatIos:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
	safariIos:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
	chromeAndroid:
		'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
	desktopChrome:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
	desktopSafari:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
	wechatWindows:
		'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13) XWEB/9129 Flue',
	wecomAndroid:
		'Mozilla/5.0 (Linux; Android 12; M2012K11AC Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046209 Mobile Safari/537.36 wxwork/4.1.10 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light',
} as const;

/** WeChat's documented JS-SDK signature example (附录1-JS-SDK使用权限签名算法). */
export const WECHAT_SIGNATURE_EXAMPLE = {
	jsapiTicket:
		'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
	nonceStr: 'Wm3WZYTPz0wzccnW',
	timestamp: 1414587457,
	url: 'http://mp.weixin.qq.com?params=value',
	signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
} as const;

export interface FakeWeChat {
	/** Base URL to pass as WECHAT_API_BASE_URL. */
	url: string;
	/** Requests received, as `pathname?search`. */
	requests: string[];
	/** Answer the next requests with WeChat's error instead (errcode ≠ 0), or normally again. */
	failWith(errcode: number | null): void;
	close(): Promise<void>;
}

export const FAKE_APP_ID = 'wx0123456789abcdef';
export const FAKE_APP_SECRET = 'fake-secret-for-tests';
export const FAKE_ACCESS_TOKEN = 'ACCESS_TOKEN_FOR_TESTS';
export const FAKE_TICKET =
	'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA';

/**
 * A real HTTP server answering `/cgi-bin/token` and `/cgi-bin/ticket/getticket` as WeChat does
 * (same paths, parameters and JSON), checking the AppID, secret and token it is given.
 */
export async function startFakeWeChat(): Promise<FakeWeChat> {
	const requests: string[] = [];
	let failure: number | null = null;
	const send = (res: ServerResponse, body: unknown) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		requests.push(url.pathname + url.search);
		if (failure !== null) return send(res, { errcode: failure, errmsg: 'invalid credential' });
		const q = url.searchParams;
		if (url.pathname === '/cgi-bin/token') {
			if (
				q.get('grant_type') !== 'client_credential' ||
				q.get('appid') !== FAKE_APP_ID ||
				q.get('secret') !== FAKE_APP_SECRET
			) {
				return send(res, { errcode: 40013, errmsg: 'invalid appid' });
			}
			return send(res, { access_token: FAKE_ACCESS_TOKEN, expires_in: 7200 });
		}
		if (url.pathname === '/cgi-bin/ticket/getticket') {
			if (q.get('access_token') !== FAKE_ACCESS_TOKEN || q.get('type') !== 'jsapi') {
				return send(res, { errcode: 40001, errmsg: 'invalid credential' });
			}
			return send(res, { errcode: 0, errmsg: 'ok', ticket: FAKE_TICKET, expires_in: 7200 });
		}
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		failWith: (errcode) => (failure = errcode),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** One VEVENT as a test compares it, read by ical.js (a maintained iCalendar parser). */
export interface ParsedEvent {
	uid: string;
	summary: string;
	description: string | null;
	location: string | null;
	url: string | null;
	sequence: number;
	status: string;
	dtstamp: string;
	start: { tzid: string | null; wall: string; instant: string };
	end: { tzid: string | null; wall: string; instant: string };
	alarms: { action: string; trigger: string }[];
}

export interface ParsedCalendar {
	name: string | null;
	timezones: string[];
	events: ParsedEvent[];
}

/**
 * Parses an iCalendar document with ical.js, registering its VTIMEZONEs first so that times with
 * a TZID convert to instants by the document's own zone definition (not the test machine's).
 */
export async function parseCalendar(text: string): Promise<ParsedCalendar> {
	const { default: ICAL } = await import('ical.js');
	const root = new ICAL.Component(ICAL.parse(text));
	const timezones = root.getAllSubcomponents('vtimezone');
	for (const tz of timezones) ICAL.TimezoneService.register(tz);
	const readTime = (event: InstanceType<typeof ICAL.Component>, name: string) => {
		const prop = event.getFirstProperty(name)!;
		const time = prop.getFirstValue() as InstanceType<typeof ICAL.Time>;
		const tzid = prop.getParameter('tzid');
		return {
			tzid: typeof tzid === 'string' ? tzid : null,
			wall: time.toString(),
			instant: time.toJSDate().toISOString(),
		};
	};
	const text_ = (c: InstanceType<typeof ICAL.Component>, name: string) => {
		const v = c.getFirstPropertyValue(name);
		return v === null ? null : String(v);
	};
	return {
		name: text_(root, 'x-wr-calname'),
		timezones: timezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))),
		events: root.getAllSubcomponents('vevent').map((event) => ({
			uid: String(event.getFirstPropertyValue('uid')),
			summary: String(event.getFirstPropertyValue('summary')),
			description: text_(event, 'description'),
			location: text_(event, 'location'),
			url: text_(event, 'url'),
			sequence: Number(event.getFirstPropertyValue('sequence')),
			status: String(event.getFirstPropertyValue('status')),
			dtstamp: readTime(event, 'dtstamp').instant,
			start: readTime(event, 'dtstart'),
			end: readTime(event, 'dtend'),
			alarms: event.getAllSubcomponents('valarm').map((alarm) => ({
				action: String(alarm.getFirstPropertyValue('action')),
				trigger: String(alarm.getFirstPropertyValue('trigger')),
			})),
		})),
	};
}

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

/** A title and description that exercise iCalendar escaping and folding. */
export const AWKWARD_TITLE = '早茶, 点心; 还有\n第二行';
export const LONG_DESCRIPTION =
	'本场直播由天河区商务局与老字号茶楼联合呈现：虾饺、烧卖、叉烧包与凤爪同场登场，' +
	'主播带大家走进后厨，讲解每一笼点心的来历和做法；直播间专享价仅限本场，下单后四十八小时内发货。';

/**
 * The small world (tests/support/world.ts) with what getting into a room needs:
 * - `live` (Beijing Road Fashion): WeChat room 1001, merchant URL Link — every way in;
 * - `soon` (Tianhe Teahouse): no WeChat room id and no URL Link — nothing opens it;
 * - `noRoomId` (Beijing Road Fashion): no WeChat room id, but the merchant's URL Link;
 * - `badAppId`: a merchant whose AppID is malformed;
 * - `uncarried`: a showcase no mini program carries;
 * - `awkward`: commas, semicolons, a newline and a long Chinese description, for calendars;
 * - `expired`: ended, its replay expired; `cancelled`: approved, then cancelled.
 */
export function seedAccessWorld(db: Db) {
	const w = seedSmallWorld(db);
	const base = {
		festivalId: w.festival.id,
		districtId: w.yuexiu.id,
		categoryId: w.live.categoryId,
	};
	db.update(merchant)
		.set({ urlLink: 'https://wxaurl.cn/LiveShop2026' })
		.where(eq(merchant.id, w.shop.id))
		.run();
	db.update(room).set({ wxRoomId: 1001 }).where(eq(room.id, w.live.id)).run();
	const noRoomId = createRoom(db, {
		...base,
		merchantId: w.shop.id,
		title: '北京路夜市',
		titleEn: 'Beijing Road night market',
		startAt: at('2026-06-07T20:15:00'),
	});
	const broken = createMerchant(db, {
		districtId: w.yuexiu.id,
		categoryId: w.live.categoryId,
		appId: 'WX-not-an-appid',
		nameZh: '填错商家',
	});
	const badAppId = createRoom(db, {
		...base,
		merchantId: broken.id,
		wxRoomId: 7,
		title: '填错的直播',
		startAt: at('2026-06-07T20:30:00'),
	});
	const uncarried = createRoom(db, {
		...base,
		kind: 'showcase',
		title: '市长推介会',
		titleEn: "The mayor's showcase",
		startAt: at('2026-06-08T10:00:00'),
	});
	const awkward = createRoom(db, {
		...base,
		districtId: w.tianhe.id,
		merchantId: w.teahouse.id,
		wxRoomId: 2002,
		title: AWKWARD_TITLE,
		titleEn: 'Dim sum, tea; and\na second line',
		description: LONG_DESCRIPTION,
		startAt: at('2026-06-08T08:00:00'),
		endAt: at('2026-06-08T09:30:00'),
		updatedAt: new Date('2026-06-02T03:04:05Z'),
	});
	const expired = createRoom(db, {
		...base,
		merchantId: w.shop.id,
		wxRoomId: 1002,
		title: '上周的回放',
		startAt: at('2026-06-06T09:00:00'),
		endAt: at('2026-06-06T10:00:00'),
		replayUrl: 'https://example.com/old-replay.mp4',
		replayExpiresAt: at('2026-06-07T12:00:00'),
	});
	const cancelled = createRoom(db, {
		...base,
		merchantId: w.shop.id,
		reviewStatus: 'cancelled',
		title: '取消了的直播',
		startAt: at('2026-06-08T15:00:00'),
		updatedAt: new Date('2026-06-05T00:00:00Z'),
	});
	return { ...w, noRoomId, broken, badAppId, uncarried, awkward, expired, cancelled };
}

export type AccessWorld = ReturnType<typeof seedAccessWorld>;

/** The open counter rows of a server's database file, as `room/channel/day` → count. */
export function readOpenCounts(file: string): Record<string, number> {
	const sqlite = new Database(file, { readonly: true });
	try {
		const rows = sqlite
			.prepare(
				'select room_id, channel, day, count from deeplink_open order by room_id, channel, day',
			)
			.all() as { room_id: number; channel: string; day: string; count: number }[];
		return Object.fromEntries(rows.map((r) => [`${r.room_id}/${r.channel}/${r.day}`, r.count]));
	} finally {
		sqlite.close();
	}
}

/**
 * Runs a write against a running server's database file (rooms moving, being cancelled), on a
 * connection opened as the portal opens it, so the search triggers find their functions.
 */
export function writeToServerDb(file: string, sql: string, ...params: unknown[]): void {
	const db = openDatabase(file, { migrate: false });
	try {
		db.$client.prepare(sql).run(...params);
	} finally {
		db.$client.close();
	}
}
