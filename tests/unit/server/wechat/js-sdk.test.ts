import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../../src/lib/server/clock';
import {
	createNonceStr,
	createWxConfig,
	signJsSdkConfig,
} from '../../../../src/lib/server/wechat/js-sdk';
import { createJsapiTicketSource } from '../../../../src/lib/server/wechat/jsapi-ticket';
import {
	FAKE_APP_ID,
	FAKE_APP_SECRET,
	FAKE_TICKET,
	startFakeWeChat,
	WECHAT_SIGNATURE_EXAMPLE,
	type FakeWeChat,
} from '../../../support/access-factories';

describe('signJsSdkConfig', () => {
	it("signJsSdkConfig of WeChat's documented example gives WeChat's documented signature", () => {
		const { signature, ...input } = WECHAT_SIGNATURE_EXAMPLE;
		expect(signJsSdkConfig(input)).toBe(signature);
	});

	it('signJsSdkConfig of the earlier edition of the example (URL without a query) matches it too', () => {
		const { jsapiTicket, nonceStr, timestamp } = WECHAT_SIGNATURE_EXAMPLE;
		expect(
			signJsSdkConfig({ jsapiTicket, nonceStr, timestamp, url: 'http://mp.weixin.qq.com' }),
		).toBe('f4d90daf4b3bca3078ab155816175ba34c443a7b');
	});

	it('signJsSdkConfig ignores the fragment of the URL, as WeChat does', () => {
		const { signature, ...input } = WECHAT_SIGNATURE_EXAMPLE;
		expect(signJsSdkConfig({ ...input, url: `${input.url}#section` })).toBe(signature);
	});
});

describe('createNonceStr', () => {
	it('createNonceStr gives 16 letters and digits, different each time', () => {
		const nonces = Array.from({ length: 50 }, () => createNonceStr());
		expect(nonces.every((n) => /^[A-Za-z0-9]{16}$/.test(n))).toBe(true);
		expect(new Set(nonces).size).toBe(50);
	});
});

describe('createJsapiTicketSource against a stand-in for WeChat', () => {
	let wechat: FakeWeChat;
	let clockMs: number;
	const source = (over: Partial<Parameters<typeof createJsapiTicketSource>[0]> = {}) =>
		createJsapiTicketSource({
			appId: FAKE_APP_ID,
			appSecret: FAKE_APP_SECRET,
			apiBaseUrl: wechat.url,
			now: () => clockMs,
			...over,
		});

	beforeAll(async () => {
		wechat = await startFakeWeChat();
	});
	afterAll(() => wechat.close());
	beforeEach(() => {
		wechat.requests.length = 0;
		wechat.failWith(null);
		clockMs = 1_750_000_000_000;
	});

	it('fetches the token, then the ticket, once for many concurrent and later pages', async () => {
		const tickets = source();
		const first = await Promise.all([
			tickets.getTicket(),
			tickets.getTicket(),
			tickets.getTicket(),
		]);
		clockMs += 60 * 60_000;
		const later = await tickets.getTicket();
		expect([...first, later]).toEqual([FAKE_TICKET, FAKE_TICKET, FAKE_TICKET, FAKE_TICKET]);
		expect(wechat.requests).toEqual([
			`/cgi-bin/token?grant_type=client_credential&appid=${FAKE_APP_ID}&secret=${FAKE_APP_SECRET}`,
			'/cgi-bin/ticket/getticket?access_token=ACCESS_TOKEN_FOR_TESTS&type=jsapi',
		]);
	});

	it('refreshes the ticket five minutes before its 7200 seconds run out', async () => {
		const tickets = source();
		await tickets.getTicket();
		clockMs += 7200_000 - 5 * 60_000 - 1;
		await tickets.getTicket();
		const beforeRefresh = wechat.requests.length;
		clockMs += 1;
		await tickets.getTicket();
		expect([beforeRefresh, wechat.requests.length]).toEqual([2, 4]);
	});

	it('gives no ticket when WeChat refuses, and waits a minute before asking again', async () => {
		wechat.failWith(40013);
		const errors: string[] = [];
		const tickets = source({ onError: (e) => errors.push(e.message) });
		const refused = await tickets.getTicket();
		clockMs += 30_000;
		const stillWaiting = await tickets.getTicket();
		wechat.failWith(null);
		clockMs += 30_000;
		const recovered = await tickets.getTicket();
		expect([refused, stillWaiting, recovered]).toEqual([undefined, undefined, FAKE_TICKET]);
		expect(errors).toEqual(['token: WeChat error 40013 invalid credential']);
		expect(wechat.requests.length).toBe(3);
	});

	it('keeps signing with a ticket in its last minutes when the refresh fails', async () => {
		const tickets = source();
		await tickets.getTicket();
		wechat.failWith(45009);
		clockMs += 7200_000 - 60_000;
		expect(await tickets.getTicket()).toBe(FAKE_TICKET);
		clockMs += 60_000;
		expect(await tickets.getTicket()).toBe(undefined);
	});

	it('gives no ticket when WeChat cannot be reached', async () => {
		const tickets = source({ apiBaseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
		expect(await tickets.getTicket()).toBe(undefined);
	});

	it("reads the ticket from the bureau's own endpoint when one is configured", async () => {
		const ticketServer = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ ticket: 'TICKET-FROM-BUREAU', expires_in: 3600 }));
		});
		await new Promise<void>((r) => ticketServer.listen(0, '127.0.0.1', r));
		const { port } = ticketServer.address() as AddressInfo;
		try {
			const tickets = source({ appSecret: undefined, ticketUrl: `http://127.0.0.1:${port}/jsapi` });
			expect(await tickets.getTicket()).toBe('TICKET-FROM-BUREAU');
			expect(wechat.requests).toEqual([]);
		} finally {
			await new Promise((r) => ticketServer.close(r));
		}
	});

	it('createWxConfig signs the page URL with the ticket, the nonce and the timestamp it returns', async () => {
		const url = 'https://live.example.gov.cn/go/42?from=singlemessage';
		const config = await createWxConfig(
			source(),
			url,
			createFixedClock(new Date(1_750_000_000_000)),
		);
		expect(config).toEqual({
			appId: FAKE_APP_ID,
			timestamp: 1_750_000_000,
			nonceStr: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
			signature: signJsSdkConfig({
				jsapiTicket: FAKE_TICKET,
				nonceStr: config!.nonceStr,
				timestamp: 1_750_000_000,
				url,
			}),
		});
	});
});
