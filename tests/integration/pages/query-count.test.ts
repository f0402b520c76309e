import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { applyVenueSpecs } from '../../../src/lib/server/venue/apply-venues';
import { createFestivalWorld, createHost, createRoom } from '../../support/factories';
import { readPage } from '../../support/html';
import { getQueryCount, startServer, type RunningServer } from '../../support/server';

const NOW = '2026-06-07T12:00:00Z';

/** A festival with `n` approved rooms on June 7 (Shanghai), one of them a showcase with a host. */
function seedRooms(n: number) {
	return (db: Db) => {
		const w = createFestivalWorld(db);
		const ids: number[] = [];
		for (let i = 0; i < n; i++) {
			const r = createRoom(db, {
				festivalId: w.festival.id,
				merchantId: w.merchant.id,
				kind: i === 0 ? 'showcase' : 'merchant',
				districtId: w.district.id,
				categoryId: w.category.id,
				startAt: new Date(Date.UTC(2026, 5, 7, 2 + (i % 12), i % 60)),
			});
			if (i === 0) createHost(db, { roomId: r.id });
			ids.push(r.id);
		}
		// A district venue with every room, the first three featured (issue 17).
		const written = applyVenueSpecs(
			db,
			w.festival,
			[
				{
					slug: 'our-district',
					kind: 'district',
					name: { zh: '本区分会场', en: 'Our district' },
					curatorDistrict: w.district.code,
					rule: { districts: [w.district.code] },
					featured: ids.slice(0, 3),
				},
			],
			{ actor: { userId: null, name: 'test' }, now: new Date(NOW), audit: false },
		);
		if (!written.ok) throw new Error(JSON.stringify(written.issues));
	};
}

const servers: Record<number, RunningServer> = {};
beforeAll(async () => {
	const sizes = [1, 3, 120];
	const started = await Promise.all(
		sizes.map((n) => startServer({ seed: seedRooms(n), now: NOW })),
	);
	sizes.forEach((n, i) => (servers[n] = started[i]!));
});
afterAll(async () => {
	await Promise.all(Object.values(servers).map((s) => s.stop()));
});

describe('list pages run a fixed number of SQL statements', () => {
	// Today's schedule opens at the current hour with the now/next timeline; a time of day and the
	// live filter across days each read their own counts.
	for (const path of [
		'/schedule?day=2026-06-07',
		'/schedule?day=2026-06-07&part=evening',
		'/schedule?day=2026-06-07&phase=live',
		'/',
		'/showcase',
		'/merchants/1',
		'/venues',
		'/venues/our-district',
		'/en/embed/venues/our-district',
		'/schedule?day=2026-06-07&venue=our-district',
		'/api/v1/schedule?day=2026-06-07&venue=our-district',
		'/api/v1/xmltv.xml?venue=our-district&day=2026-06-07',
	]) {
		it(`${path} at 1 and at 3 rooms`, async () => {
			const [one, three] = await Promise.all([servers[1]!.get(path), servers[3]!.get(path)]);
			expect([one.status, three.status]).toEqual([200, 200]);
			expect(getQueryCount(three)).toBe(getQueryCount(one));
		});
	}
});

describe('schedule pagination', () => {
	it('splits a busy day into pages of 48 and keeps the filters in the links', async () => {
		const server = servers[120]!;
		const first = readPage(
			await (await server.get('/schedule?day=2026-06-07&kind=merchant&page=1')).text(),
		);
		const last = readPage(
			await (await server.get('/schedule?day=2026-06-07&kind=merchant&page=3')).text(),
		);
		expect(first.doc.querySelectorAll('article').length).toBe(48);
		expect(first.attr('a[rel="next"]', 'href')).toBe(
			'/schedule?day=2026-06-07&kind=merchant&page=2',
		);
		expect(last.doc.querySelectorAll('article').length).toBe(119 - 96);
		expect(last.text('.pager [aria-current="page"]')).toBe('第 3 / 3 页');
	});

	it('shows the last page for a page number past the end', async () => {
		const page = readPage(
			await (await servers[120]!.get('/schedule?day=2026-06-07&page=99')).text(),
		);
		expect(page.text('.pager [aria-current="page"]')).toBe('第 3 / 3 页');
	});
});

describe('showcase pagination', () => {
	let server: RunningServer;
	beforeAll(async () => {
		// 50 showcase sessions: more than one page of 48.
		server = await startServer({
			now: NOW,
			seed: (db) => {
				const w = createFestivalWorld(db);
				for (let i = 0; i < 50; i++) {
					createRoom(db, {
						festivalId: w.festival.id,
						kind: 'showcase',
						districtId: w.district.id,
						categoryId: w.category.id,
						startAt: new Date(Date.UTC(2026, 5, 7, 1 + (i % 14), i)),
					});
				}
			},
		});
	});
	afterAll(() => server.stop());

	it('shows 48 sessions a page with a link to the rest, and the first page for a bad number', async () => {
		const read = async (path: string) => readPage(await (await server.get(path)).text());
		const [first, second, bad] = await Promise.all([
			read('/showcase'),
			read('/en/showcase?page=2'),
			read('/showcase?page=abc'),
		]);
		expect([
			first.doc.querySelectorAll('article').length,
			first.attr('a[rel="next"]', 'href'),
			second.doc.querySelectorAll('article').length,
			second.attr('a[rel="prev"]', 'href'),
			bad.text('.pager [aria-current="page"]'),
		]).toEqual([48, '/showcase?page=2', 2, '/en/showcase', '第 1 / 2 页']);
	});
});
