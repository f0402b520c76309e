import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

const PAGE = '/staff/featured?day=2026-06-07';

async function act(name: string, fields: Record<string, string | string[]>) {
	const response = await clientWith(server, w.tokens.staff).post('/staff/featured', name, fields, {
		query: { day: '2026-06-07' },
	});
	await response.arrayBuffer();
	return response;
}

/** The console's order for the day, and the home page's featured section. */
async function orders(): Promise<{ console: string[]; home: string[] }> {
	const consolePage = readPage(await (await clientWith(server, w.tokens.staff).get(PAGE)).text());
	const home = readPage(await (await server.getFresh('/')).text());
	return {
		console: consolePage.texts('ol.featured li strong'),
		home: home.doc
			.querySelectorAll('section[aria-labelledby=featured-heading] h3')
			.map((h) => h.textContent.trim()),
	};
}

describe('curating the featured rooms', () => {
	it('adding three rooms lists them in the order added, on the console and the home page', async () => {
		const [a, b] = w.approved;
		const responses = [];
		for (const r of [b!, a!, w.showcase]) {
			responses.push((await act('staff.featureAdd', { roomId: String(r.id) })).status);
		}
		expect(responses).toEqual([303, 303, 303]);
		expect(await orders()).toEqual({
			console: ['荔枝采摘直播', '早茶一盅两件', '区长带你逛越秀'],
			home: ['荔枝采摘直播', '早茶一盅两件', '区长带你逛越秀'],
		});
	});

	it('move up and move down swap neighbours; moving the first one up changes nothing', async () => {
		const [a, b] = w.approved;
		await act('staff.featureMove', { roomId: String(w.showcase.id), direction: 'up' });
		await act('staff.featureMove', { roomId: String(b!.id), direction: 'up' });
		await act('staff.featureMove', { roomId: String(b!.id), direction: 'down' });
		const ranks = queryDb<{ id: number; featured_rank: number }>(
			server.file,
			'select id, featured_rank from room where featured_rank is not null order by featured_rank',
		);
		expect((await orders()).console).toEqual(['区长带你逛越秀', '荔枝采摘直播', '早茶一盅两件']);
		expect(ranks).toEqual([
			{ id: w.showcase.id, featured_rank: 1 },
			{ id: b!.id, featured_rank: 2 },
			{ id: a!.id, featured_rank: 3 },
		]);
	});

	it('a whole new order (drag and drop) is saved; an order of a list that changed meanwhile is refused', async () => {
		const ids = [w.approved[1]!.id, w.approved[0]!.id, w.showcase.id];
		const saved = await act('staff.featureReorder', { day: '2026-06-07', order: ids.map(String) });
		const stale = await act('staff.featureReorder', {
			day: '2026-06-07',
			order: ids.slice(0, 2).map(String),
		});
		expect([saved.status, stale.status, (await orders()).home]).toEqual([
			303,
			409,
			['荔枝采摘直播', '早茶一盅两件', '区长带你逛越秀'],
		]);
	});

	it('a featured room that is later rejected drops out of the home page by itself, keeping the rest in order', async () => {
		const id = w.approved[0]!.id;
		const row = queryDb<{ updated_at: number }>(
			server.file,
			'select updated_at from room where id = ?',
			id,
		)[0]!;
		const reject = await clientWith(server, w.tokens.staff).post(
			`/staff/review/room/${id}`,
			'staff.decideRoom',
			{
				roomId: String(id),
				decision: 'reject',
				reason: '商品不符合活动要求。',
				seenStatus: 'approved',
				seenAt: String(row.updated_at),
			},
		);
		await reject.arrayBuffer();
		const consolePage = readPage(await (await clientWith(server, w.tokens.staff).get(PAGE)).text());
		expect([reject.status, (await orders()).home]).toEqual([
			303,
			['荔枝采摘直播', '区长带你逛越秀'],
		]);
		expect(consolePage.texts('section[aria-labelledby=hidden-heading] strong')).toEqual([
			'早茶一盅两件',
		]);
	});

	it('a cancelled showcase drops out too; removing a room takes it off without touching the others', async () => {
		const cancel = await clientWith(server, w.tokens.staff).post(
			`/staff/showcase/${w.showcase.id}`,
			'staff.cancelShowcase',
			{
				roomId: String(w.showcase.id),
				seenAt: String(
					queryDb<{ u: number }>(
						server.file,
						'select updated_at u from room where id = ?',
						w.showcase.id,
					)[0]!.u,
				),
			},
		);
		await cancel.arrayBuffer();
		const afterCancel = (await orders()).home;
		const removed = await act('staff.featureRemove', { roomId: String(w.approved[1]!.id) });
		const home = readPage(await (await server.getFresh('/')).text());
		expect([cancel.status, afterCancel, removed.status]).toEqual([303, ['荔枝采摘直播'], 303]);
		expect(home.doc.querySelector('#featured-heading')).toBeNull();
	});

	it('only public rooms can be featured, and each change is one audit event', async () => {
		const refused = await clientWith(server, w.tokens.staff).post(
			'/staff/featured',
			'staff.featureAdd',
			{ roomId: String(w.submitted.id) },
			{ query: { day: '2026-06-07' } },
		);
		const page = readPage(await refused.text());
		const actions = queryDb<{ action: string }>(
			server.file,
			"select action from audit_event where entity_type = 'featured' order by id",
		).map((e) => e.action);
		expect([refused.status, page.text('[role=alert]')]).toEqual([403, '只能精选已公开的直播间。']);
		expect(actions).toEqual([
			'featured.add',
			'featured.add',
			'featured.add',
			'featured.reorder',
			'featured.reorder',
			'featured.reorder',
			'featured.remove',
		]);
	});
});
