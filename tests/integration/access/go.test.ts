import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	FAKE_APP_ID,
	FAKE_APP_SECRET,
	FAKE_TICKET,
	readOpenCounts,
	seedAccessWorld,
	startFakeWeChat,
	USER_AGENTS,
	type AccessWorld,
	type FakeWeChat,
} from '../../support/access-factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { WORLD_NOW } from '../../support/world';

const DAY = '2026-06-07';

/** The links WeChat documents, written out independently of the portal's builder. */
function expectedQuery(wxRoomId: number, channel: string): string {
	const params = JSON.stringify({ source: 'livefest', festival: 'gz-test', channel });
	return `room_id=${wxRoomId}&custom_params=${encodeURIComponent(params)}`;
}
function expectedScheme(appId: string, wxRoomId: number): string {
	const query = encodeURIComponent(expectedQuery(wxRoomId, 'scheme'));
	return `weixin://dl/business/?appid=${appId}&path=pages/live/room&query=${query}&env_version=release`;
}

function readLauncher(html: string) {
	const page = readPage(html);
	/** The QR code's SVG exactly as served. */
	const svg = /<svg[\s\S]*?<\/svg>/.exec(html.slice(html.indexOf('class="qr"')))?.[0] ?? null;
	const links = page.doc.querySelectorAll('.launcher a[data-go-channel]');
	return {
		page,
		primary: page.attr('.launcher', 'data-primary'),
		links: links.map((a) => ({
			channel: a.getAttribute('data-go-channel'),
			href: a.getAttribute('href'),
			onLoad: a.hasAttribute('data-launch-on-load'),
		})),
		missing: page.doc
			.querySelectorAll('[data-missing]')
			.map((li) => li.getAttribute('data-missing')),
		qrUrl: page.attr('figure.qr', 'data-qr-url') ?? null,
		openTag: page.doc.querySelector('wx-open-launch-weapp'),
		wechatHint: page.text('.wechat-hint'),
		svg: html.includes('class="qr"') ? svg : null,
	};
}

describe('/go without a service account', () => {
	let server: RunningServer;
	let world: AccessWorld;
	beforeAll(async () => {
		server = await startServer({
			seed: (db) => void (world = seedAccessWorld(db)),
			now: WORLD_NOW,
		});
	});
	afterAll(() => server?.stop());

	const go = async (path: string, ua: string) =>
		readLauncher(await (await server.get(path, { headers: { 'user-agent': ua } })).text());
	const beacon = (id: number, channel: string, origin: string | null = server.origin) =>
		server.get(`/api/rooms/${id}/open`, {
			method: 'POST',
			body: channel,
			headers: {
				'content-type': 'text/plain;charset=UTF-8',
				...(origin === null ? {} : { origin }),
			},
		});
	const count = (roomId: number, channel: string) =>
		readOpenCounts(server.file)[`${roomId}/${channel}/${DAY}`] ?? 0;

	it('on Chrome Android, opens the URL Scheme on load and counts the attempt the page reports', async () => {
		const before = count(world.live.id, 'scheme');
		const seen = await go(`/go/${world.live.id}`, USER_AGENTS.chromeAndroid);
		expect([seen.primary, seen.links, seen.missing, seen.qrUrl]).toEqual([
			'scheme',
			[
				{ channel: 'scheme', href: expectedScheme(world.shop.appId, 1001), onLoad: true },
				{ channel: 'urllink', href: 'https://wxaurl.cn/LiveShop2026', onLoad: false },
			],
			[],
			null,
		]);
		expect((await beacon(world.live.id, 'scheme')).status).toBe(204);
		expect(count(world.live.id, 'scheme')).toBe(before + 1);
	});

	it('on Safari iOS, does the same with the same scheme', async () => {
		const before = count(world.live.id, 'urllink');
		const seen = await go(`/go/${world.live.id}`, USER_AGENTS.safariIos);
		expect(seen.links.map((l) => [l.channel, l.onLoad])).toEqual([
			['scheme', true],
			['urllink', false],
		]);
		expect(seen.links[0]!.href).toBe(expectedScheme(world.shop.appId, 1001));
		expect((await beacon(world.live.id, 'urllink')).status).toBe(204);
		expect(count(world.live.id, 'urllink')).toBe(before + 1);
	});

	it('in WeChat, names no links below when there are none to name', async () => {
		const seen = await go(`/go/${world.noRoomId.id}`, USER_AGENTS.wechatAndroid);
		expect([seen.primary, seen.links.length, seen.wechatHint]).toEqual([
			'urllink',
			1,
			'如果按钮无法使用，请点右上角“···”，选择“在浏览器打开”。',
		]);
	});

	it('in WeChat on Android and iOS, offers the URL Link first, then the scheme, and says what to do', async () => {
		const android = await go(`/go/${world.live.id}`, USER_AGENTS.wechatAndroid);
		const ios = await go(`/go/${world.live.id}`, USER_AGENTS.wechatIos);
		for (const seen of [android, ios]) {
			expect([seen.primary, seen.links.map((l) => [l.channel, l.onLoad]), seen.openTag]).toEqual([
				'urllink',
				[
					['urllink', false],
					['scheme', false],
				],
				null,
			]);
			expect(seen.wechatHint).toBe(
				'如果按钮无法使用，请点右上角“···”，选择“在浏览器打开”，或使用下面的链接。',
			);
		}
	});

	it('on a desktop, shows a QR code of the /go URL, and a scan counts as a QR open', async () => {
		const before = count(world.live.id, 'qr');
		const seen = await go(`/go/${world.live.id}`, USER_AGENTS.desktopChrome);
		const qrUrl = `${server.origin}/go/${world.live.id}?from=qr`;
		expect([seen.primary, seen.qrUrl, seen.links.map((l) => l.channel)]).toEqual([
			'qr',
			qrUrl,
			['scheme', 'urllink'],
		]);
		const expected = await QRCode.toString(qrUrl, {
			type: 'svg',
			errorCorrectionLevel: 'M',
			margin: 2,
			width: 220,
			color: { dark: '#1c1c1eff', light: '#ffffffff' },
		});
		expect(seen.svg).toBe(expected.trim());
		expect(seen.page.text('.qr-box h2')).toBe('用手机微信扫码进入');

		const scanned = await go(`/go/${world.live.id}?from=qr`, USER_AGENTS.wechatAndroid);
		expect(scanned.primary).toBe('urllink');
		expect(count(world.live.id, 'qr')).toBe(before + 1);
	});

	it('keeps the page out of shared caches and varies it by browser', async () => {
		const res = await server.get(`/go/${world.live.id}`, {
			headers: { 'user-agent': USER_AGENTS.safariIos },
		});
		expect([res.headers.get('cache-control'), res.headers.get('vary')]).toEqual([
			'private, no-store',
			'User-Agent, Accept-Encoding', // the serving layer adds the encoding it compressed by
		]);
	});

	it('explains a missing WeChat room id and still offers the merchant URL Link', async () => {
		const phone = await go(`/go/${world.noRoomId.id}`, USER_AGENTS.safariIos);
		const desktop = await go(`/go/${world.noRoomId.id}`, USER_AGENTS.desktopChrome);
		expect([phone.missing, phone.primary, phone.links]).toEqual([
			['wxRoomId'],
			'urllink',
			[{ channel: 'urllink', href: 'https://wxaurl.cn/LiveShop2026', onLoad: false }],
		]);
		expect(phone.page.text('[data-missing]')).toBe('商家还没有填写这场直播的微信直播间号。');
		expect([desktop.primary, desktop.qrUrl]).toEqual([
			'qr',
			`${server.origin}/go/${world.noRoomId.id}?from=qr`,
		]);
	});

	it('shows no button and no QR code when nothing can open the room, and says why', async () => {
		const cases = [
			[world.soon.id, ['wxRoomId']],
			[world.badAppId.id, ['appId']],
			[world.uncarried.id, ['miniProgram']],
		] as const;
		for (const [id, missing] of cases) {
			for (const ua of [
				USER_AGENTS.chromeAndroid,
				USER_AGENTS.wechatIos,
				USER_AGENTS.desktopChrome,
			]) {
				const seen = await go(`/go/${id}`, ua);
				expect([seen.missing, seen.primary, seen.links, seen.qrUrl]).toEqual([
					missing,
					'none',
					[],
					null,
				]);
			}
		}
		const page = (await go(`/go/${world.badAppId.id}`, USER_AGENTS.safariIos)).page;
		expect(page.text('.missing h2')).toBe('暂时无法直接打开这场直播');
		expect(page.text('[data-missing="appId"]')).toBe(
			'商家登记的小程序 AppID 格式不对（应为 wx 加 16 位小写十六进制字符）。',
		);
	});

	it('speaks English under /en with the same links', async () => {
		const seen = await go(`/en/go/${world.live.id}`, USER_AGENTS.chromeAndroid);
		expect([seen.page.text('h1'), seen.page.text('a.watch'), seen.links[0]!.href]).toEqual([
			'Lychee season fashion special',
			'Open WeChat and watch',
			expectedScheme(world.shop.appId, 1001),
		]);
	});

	it('answers 404 for rooms that are not public and for ids that are not rooms', async () => {
		const paths = [
			`/go/${world.submitted.id}`,
			`/go/${world.ofSuspended.id}`,
			`/go/${world.cancelled.id}`,
			'/go/999999',
			'/go/abc',
			'/fr/go/1',
		];
		const statuses = await Promise.all(paths.map(async (p) => (await server.get(p)).status));
		expect(statuses).toEqual(paths.map(() => 404));
	});

	it('counts only reports from its own pages, for public rooms and known channels', async () => {
		const before = readOpenCounts(server.file);
		const statuses = await Promise.all([
			beacon(world.live.id, 'scheme', 'https://elsewhere.example'),
			beacon(world.live.id, 'scheme', null),
			beacon(world.live.id, 'telegram'),
			beacon(world.live.id, 'qr'),
			beacon(world.submitted.id, 'scheme'),
			beacon(999999, 'scheme'),
		]);
		expect(statuses.map((r) => r.status)).toEqual([403, 403, 400, 400, 404, 404]);
		expect(readOpenCounts(server.file)).toEqual(before);
	});

	it('counts 50 reports of one room from one browser as one open for ten minutes; another browser counts', async () => {
		const key = `${world.showcase.id}/scheme/${DAY}`;
		const before = readOpenCounts(server.file)[key] ?? 0;
		const first = await beacon(world.showcase.id, 'scheme');
		const cookie = first.headers.get('set-cookie') ?? '';
		const again = [];
		for (let i = 0; i < 49; i += 1) {
			const r = await server.get(`/api/rooms/${world.showcase.id}/open`, {
				method: 'POST',
				body: 'scheme',
				headers: { origin: server.origin, cookie: cookie.split(';')[0]! },
			});
			again.push(r.status);
		}
		const otherBrowser = await beacon(world.showcase.id, 'scheme');
		expect({
			first: first.status,
			again: [...new Set(again)],
			// Only "opened", only for this room's counter, for ten minutes: nothing about the visitor.
			cookie: cookie.split('; ').slice(0, 3),
			counted: (readOpenCounts(server.file)[key] ?? 0) - before,
			otherBrowser: otherBrowser.status,
		}).toEqual({
			first: 204,
			again: [204],
			cookie: ['lf_opened=1', `Path=/api/rooms/${world.showcase.id}/open`, 'Max-Age=600'],
			counted: 2,
			otherBrowser: 204,
		});
	});

	it('counts a desktop QR scan once per phone however often the page is reloaded', async () => {
		const key = `${world.live.id}/qr/${DAY}`;
		const before = readOpenCounts(server.file)[key] ?? 0;
		const path = `/go/${world.live.id}?from=qr`;
		const first = await server.get(path, { headers: { 'user-agent': USER_AGENTS.safariIos } });
		const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
		await first.arrayBuffer();
		for (let i = 0; i < 3; i += 1) {
			await (
				await server.get(path, { headers: { 'user-agent': USER_AGENTS.safariIos, cookie } })
			).arrayBuffer();
		}
		expect([cookie, (readOpenCounts(server.file)[key] ?? 0) - before]).toEqual(['lf_opened=1', 1]);
	});
});

describe('/go in WeChat with the bureau service account', () => {
	let wechat: FakeWeChat;
	let server: RunningServer;
	let world: AccessWorld;
	beforeAll(async () => {
		wechat = await startFakeWeChat();
		server = await startServer({
			seed: (db) => void (world = seedAccessWorld(db)),
			now: WORLD_NOW,
			env: {
				WECHAT_API_BASE_URL: wechat.url,
				WECHAT_OA_APP_ID: FAKE_APP_ID,
				WECHAT_OA_APP_SECRET: FAKE_APP_SECRET,
			},
		});
	});
	afterAll(async () => {
		await server?.stop();
		await wechat?.close();
	});

	const go = async (path: string, ua: string) =>
		readLauncher(await (await server.get(path, { headers: { 'user-agent': ua } })).text());

	it('renders the open tag for the room with a wx.config signed as WeChat documents', async () => {
		for (const ua of [USER_AGENTS.wechatAndroid, USER_AGENTS.wechatIos]) {
			const seen = await go(`/go/${world.live.id}`, ua);
			const tag = seen.openTag!;
			expect([
				seen.primary,
				tag.getAttribute('appid'),
				tag.getAttribute('path'),
				tag.getAttribute('env-version'),
				seen.links.map((l) => l.channel),
			]).toEqual([
				'opentag',
				world.shop.appId,
				`pages/live/room.html?${expectedQuery(1001, 'opentag')}`,
				'release',
				['urllink', 'scheme'],
			]);
			const config = JSON.parse(seen.page.attr('[data-wx-config]', 'data-wx-config')!);
			const url = `${server.origin}/go/${world.live.id}`;
			const string1 = `jsapi_ticket=${FAKE_TICKET}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${url}`;
			expect(config).toEqual({
				appId: FAKE_APP_ID,
				timestamp: expect.any(Number),
				nonceStr: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
				signature: createHash('sha1').update(string1).digest('hex'),
			});
			expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(120);
			expect(seen.page.text('wx-open-launch-weapp script')).toBe(
				'<style>.btn{display:block;width:100%;min-height:52px;padding:0 20px;border:0;border-radius:999px;background:#b3122a;color:#fff;font-size:17px;font-weight:700}</style><button class="btn">打开小程序进入直播间</button>',
			);
		}
	});

	it('signs the URL with its query, as the browser shows it', async () => {
		const seen = await go(`/go/${world.live.id}?from=qr`, USER_AGENTS.wechatIos);
		const config = JSON.parse(seen.page.attr('[data-wx-config]', 'data-wx-config')!);
		const url = `${server.origin}/go/${world.live.id}?from=qr`;
		const string1 = `jsapi_ticket=${FAKE_TICKET}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${url}`;
		expect(config.signature).toBe(createHash('sha1').update(string1).digest('hex'));
	});

	it('asked WeChat for a token and a ticket once for all those pages', () => {
		expect(wechat.requests).toEqual([
			`/cgi-bin/token?grant_type=client_credential&appid=${FAKE_APP_ID}&secret=${FAKE_APP_SECRET}`,
			'/cgi-bin/ticket/getticket?access_token=ACCESS_TOKEN_FOR_TESTS&type=jsapi',
		]);
	});

	it('counts a launch the open tag reports', async () => {
		const key = `${world.live.id}/opentag/${DAY}`;
		const before = readOpenCounts(server.file)[key] ?? 0;
		const res = await server.get(`/api/rooms/${world.live.id}/open`, {
			method: 'POST',
			body: 'opentag',
			headers: { origin: server.origin, 'content-type': 'text/plain;charset=UTF-8' },
		});
		expect(res.status).toBe(204);
		expect(readOpenCounts(server.file)[key]).toBe(before + 1);
	});

	it('keeps the open tag to WeChat: other browsers get their own way in', async () => {
		const safari = await go(`/go/${world.live.id}`, USER_AGENTS.safariIos);
		const desktop = await go(`/go/${world.live.id}`, USER_AGENTS.desktopChrome);
		expect([safari.primary, safari.openTag, desktop.primary, desktop.openTag]).toEqual([
			'scheme',
			null,
			'qr',
			null,
		]);
	});

	it('offers no open tag for a room the merchant data cannot open', async () => {
		const seen = await go(`/go/${world.soon.id}`, USER_AGENTS.wechatAndroid);
		expect([seen.primary, seen.openTag, seen.missing]).toEqual(['none', null, ['wxRoomId']]);
	});
});

describe('/go in WeChat when the ticket cannot be had', () => {
	let server: RunningServer;
	let world: AccessWorld;
	beforeAll(async () => {
		server = await startServer({
			seed: (db) => void (world = seedAccessWorld(db)),
			now: WORLD_NOW,
			env: {
				WECHAT_OA_APP_ID: FAKE_APP_ID,
				// Nothing listens on the discard port: the ticket request fails at once.
				WECHAT_OA_TICKET_URL: 'http://127.0.0.1:9/ticket',
			},
		});
	});
	afterAll(() => server?.stop());

	it('falls back to the URL Link and the scheme, without a broken open tag', async () => {
		const res = await server.get(`/go/${world.live.id}`, {
			headers: { 'user-agent': USER_AGENTS.wechatAndroid },
		});
		const seen = readLauncher(await res.text());
		expect([res.status, seen.primary, seen.openTag, seen.links.map((l) => l.channel)]).toEqual([
			200,
			'urllink',
			null,
			['urllink', 'scheme'],
		]);
	});
});
