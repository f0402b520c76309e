// Layer: integration (the built server, a temporary database). Issue 15, item 2: every watch
// button works. A room /go has no way into is labelled on cards, gets no button on its page,
// cannot be featured, and both the reviewer and the merchant are told what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { seedTonightWorld, TONIGHT_NOW, type TonightWorld } from '../../support/tonight-world';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';

let server: RunningServer;
let w: TonightWorld;
beforeAll(async () => {
	server = await startServer({ seed: (db) => void (w = seedTonightWorld(db)), now: TONIGHT_NOW });
});
afterAll(() => server?.stop());

describe('a room without any way in', () => {
	it('is labelled on cards and on its page, which offers no watch button, while a watchable room has one', async () => {
		const schedule = readPage(await (await server.get('/schedule?page=1')).text());
		const labelled = schedule.doc
			.querySelectorAll('article.card')
			.filter((c) => c.querySelector('.no-watch'))
			.map((c) => c.querySelector('.title')?.textContent?.trim());
		const blocked = readPage(await (await server.get(`/rooms/${w.rooms.noWayIn.id}`)).text());
		const open = readPage(await (await server.get(`/en/rooms/${w.rooms.live.id}`)).text());
		expect({
			labelled,
			blockedButton: blocked.doc.querySelector('.watch-button'),
			blockedNote: blocked.text('.no-watch strong'),
			openButton: open.attr('.watch-button', 'href'),
		}).toEqual({
			labelled: ['北京路夜市'],
			blockedButton: null,
			blockedNote: '暂不能观看',
			openButton: `/en/go/${w.rooms.live.id}`,
		});
	});

	it('shows the reviewer that citizens cannot watch it, and why; a watchable room names its ways in', async () => {
		const staff = clientWith(server, w.tokens.staff);
		const blocked = readPage(
			await (await staff.get(`/staff/review/room/${w.rooms.noWayIn.id}`)).text(),
		);
		const open = readPage(
			await (await staff.get(`/en/staff/review/room/${w.rooms.live.id}`)).text(),
		);
		expect([
			blocked.attr('[data-watchable]', 'data-watchable'),
			blocked.text('[data-watchable] strong'),
			blocked.texts('[data-watchable] li'),
			open.attr('[data-watchable]', 'data-watchable'),
			open.text('[data-watchable]'),
		]).toEqual([
			'no',
			'市民目前无法观看这场直播，原因：',
			['未关联微信直播间：填写直播间 ID（roomid）'],
			'yes',
			'Citizens can get in through: the mini program link (URL Scheme, straight into this session)',
		]);
	});

	it('cannot be featured: the console refuses, and the candidate list offers no button for it', async () => {
		const staff = clientWith(server, w.tokens.staff);
		const day = { query: { day: '2026-06-07' } };
		const refused = await staff.post(
			'/staff/featured',
			'staff.featureAdd',
			{ roomId: String(w.rooms.noWayIn.id) },
			day,
		);
		const accepted = await staff.post(
			'/staff/featured',
			'staff.featureAdd',
			{ roomId: String(w.rooms.live.id) },
			day,
		);
		const page = readPage(await (await staff.get('/staff/featured?day=2026-06-07')).text());
		const row = page.doc.querySelector(`li[data-room-id="${w.rooms.noWayIn.id}"]`);
		expect({
			refused: [refused.status, readPage(await refused.text()).text('[role=alert]')],
			accepted: accepted.status,
			ranks: queryDb<{ id: number; featured_rank: number | null }>(
				server.file,
				'select id, featured_rank from room where id in (?, ?) order by id',
				w.rooms.live.id,
				w.rooms.noWayIn.id,
			).map((r) => r.featured_rank),
			candidate: [
				row?.querySelector('button') ?? null,
				row?.querySelector('.no-watch')?.textContent?.trim(),
			],
		}).toEqual({
			refused: [403, '这场直播暂不能观看，不能设为精选。请先让商家补全观看入口。'],
			accepted: 303,
			ranks: [1, null],
			candidate: [null, '暂不能观看'],
		});
	});

	it('tells its merchant what to add, next to the room', async () => {
		const merchant = clientWith(server, w.tokens.merchant);
		const list = readPage(await (await merchant.get('/merchant/rooms')).text());
		const item = list.doc.querySelector(`li[data-room-id="${w.rooms.noWayIn.id}"]`);
		const others = list.doc
			.querySelectorAll('li.room')
			.filter((li) => li.querySelector('[data-watchable="no"]')).length;
		expect([
			list.text('#watch-heading'),
			item?.querySelector('[data-missing]')?.getAttribute('data-missing'),
			item?.querySelector('[data-missing]')?.textContent,
			others,
		]).toEqual([
			'还差一步，市民才能观看',
			'wxRoomId',
			'未关联微信直播间：填写直播间 ID（roomid）',
			1,
		]);
	});
});
