import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { applyVenueSpecs } from '../../../src/lib/server/venue/apply-venues';
import { readPage } from '../../support/html';
import { createDistrict, createMerchant, createRoom, createUser } from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	createSignedInUser,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith, postActionDirectly } from './session-client';

/**
 * Integration (real server, real SQLite): a district staff member reviews and curates their own
 * district only. Another district's registrations, rooms and venues answer 404 — on the console's
 * pages and through the actions posted directly — and lists, exports and the dashboard hold only
 * their district's data.
 */
const NOW = new Date(CONSOLE_NOW);
const shanghai = (local: string) => new Date(`${local}+08:00`);

let server: RunningServer;
let w: ConsoleWorld;
let other: {
	code: string;
	pending: { id: number };
	submitted: { id: number; title: string };
	shopName: string;
};
let venues: Record<'own' | 'themed' | 'others', number>;
let token: string;

function seed(db: Db): void {
	w = seedConsoleWorld(db);
	const { festival, district, category } = w.world;
	const d2 = createDistrict(db, { city: festival.city, code: 'haizhu', nameZh: '海珠' });
	const owner = createUser(db, { email: 'haizhu-shop@example.com' });
	const shop = createMerchant(db, {
		ownerUserId: owner.id,
		districtId: d2.id,
		categoryId: category.id,
		nameZh: '海珠水产店',
		status: 'approved',
	});
	const pending = createMerchant(db, {
		ownerUserId: createUser(db, { email: 'haizhu-new@example.com' }).id,
		districtId: d2.id,
		categoryId: category.id,
		nameZh: '海珠待审商家',
		status: 'pending',
	});
	const submitted = createRoom(db, {
		festivalId: festival.id,
		districtId: d2.id,
		categoryId: category.id,
		merchantId: shop.id,
		reviewStatus: 'submitted',
		title: '海珠水产夜市专场',
		startAt: shanghai('2026-06-07T19:00'),
		endAt: shanghai('2026-06-07T20:00'),
	});
	other = {
		code: d2.code,
		pending,
		submitted: { id: submitted.id, title: '海珠水产夜市专场' },
		shopName: '海珠水产店',
	};
	const written = applyVenueSpecs(
		db,
		festival,
		[
			{
				slug: 'own-district',
				kind: 'district',
				name: { zh: '本区分会场', en: 'Own district' },
				curatorDistrict: district.code,
				rule: { districts: [district.code] },
			},
			{
				slug: 'given-theme',
				kind: 'themed',
				name: { zh: '交给本区的主题馆', en: 'Theme given to the district' },
				curatorDistrict: district.code,
				rule: { categories: [category.code] },
			},
			{
				slug: 'haizhu',
				kind: 'district',
				name: { zh: '海珠分会场', en: 'Haizhu' },
				curatorDistrict: d2.code,
				rule: { districts: [d2.code] },
			},
		],
		{ actor: { userId: null, name: 'test' }, now: NOW, audit: false },
	);
	if (!written.ok) throw new Error(JSON.stringify(written.issues));
	const [own, themed, others] = written.venues.map((v) => v.id) as [number, number, number];
	venues = { own, themed, others };
	token = createSignedInUser(db, 'district', NOW, {
		email: 'yuexiu@district.gov.cn',
		districtId: district.id,
	}).token;
}

beforeAll(async () => {
	server = await startServer({ seed, now: CONSOLE_NOW });
});
afterAll(() => server?.stop());

const statusOf = (id: number) =>
	queryDb<{ review_status: string }>(
		server.file,
		'select review_status from room where id = ?',
		id,
	)[0]!.review_status;
const seenOf = (id: number) => {
	const row = queryDb<{ review_status: string; updated_at: number }>(
		server.file,
		'select review_status, updated_at from room where id = ?',
		id,
	)[0]!;
	return { seenStatus: row.review_status, seenAt: String(row.updated_at) };
};

describe('district staff: reviews', () => {
	it('sees only their district in the review queue', async () => {
		const html = await (await clientWith(server, token).get('/staff/review?queue=rooms')).text();
		const text = readPage(html).text('main');
		expect([text.includes('荔枝节女装专场'), text.includes(other.submitted.title)]).toEqual([
			true,
			false,
		]);
	});

	it("gets 404 for another district's room and registration pages", async () => {
		const client = clientWith(server, token);
		const statuses = await Promise.all(
			[
				`/staff/review/room/${other.submitted.id}`,
				`/staff/review/merchant/${other.pending.id}`,
				`/staff/review/room/${w.submitted.id}`,
			].map(async (path) => (await client.get(path)).status),
		);
		expect(statuses).toEqual([404, 404, 200]);
	});

	it("gets 404 deciding another district's room or registration through the actions, changing nothing", async () => {
		const room = await postActionDirectly(server, 'staff.decideRoom', token, {
			roomId: String(other.submitted.id),
			decision: 'approve',
			...seenOf(other.submitted.id),
		});
		const merchant = await postActionDirectly(server, 'staff.decideMerchant', token, {
			merchantId: String(other.pending.id),
			decision: 'approve',
			seenStatus: 'pending',
			seenAt: String(Date.now()),
		});
		expect([room.status, merchant.status, statusOf(other.submitted.id)]).toEqual([
			404,
			404,
			'submitted',
		]);
	});

	it('approves a room of their own district', async () => {
		const response = await postActionDirectly(server, 'staff.decideRoom', token, {
			roomId: String(w.submitted.id),
			decision: 'approve',
			...seenOf(w.submitted.id),
		});
		expect([response.status, statusOf(w.submitted.id)]).toEqual([200, 'approved']);
	});
});

describe('district staff: dashboard and exports', () => {
	it("exports only their district's merchants", async () => {
		const response = await clientWith(server, token).get('/staff/export/merchants.csv');
		const csv = await response.text();
		expect([response.status, csv.includes('荔枝小店'), csv.includes(other.shopName)]).toEqual([
			200,
			true,
			false,
		]);
	});

	it('sees the dashboard, and no console link to what it may not open', async () => {
		const response = await clientWith(server, token).get('/staff');
		const links = readPage(await response.text())
			.doc.querySelectorAll('.staff-nav a')
			.map((a) => a.getAttribute('href'));
		expect([response.status, links]).toEqual([
			200,
			['/staff', '/staff/review', '/staff/venues', '/staff/security'],
		]);
	});
});

describe('district staff: venues', () => {
	it('lists only the venues their district is given', async () => {
		const html = await (await clientWith(server, token).get('/staff/venues')).text();
		expect(
			readPage(html)
				.doc.querySelectorAll('tr[data-venue]')
				.map((r) => r.getAttribute('data-venue')),
		).toEqual(['own-district', 'given-theme']);
	});

	it("gets 404 for another district's venue, on its page and through the action", async () => {
		const page = await clientWith(server, token).get(`/staff/venues/${venues.others}`);
		const action = await postActionDirectly(server, 'venues.save', token, {
			venueId: String(venues.others),
			nameZh: '改名',
			nameEn: 'Renamed',
		});
		const name = queryDb<{ name_zh: string }>(
			server.file,
			'select name_zh from venue where id = ?',
			venues.others,
		)[0]!.name_zh;
		expect([page.status, action.status, name]).toEqual([404, 404, '海珠分会场']);
	});

	it('cannot create venues', async () => {
		const page = await clientWith(server, token).get('/staff/venues/new');
		const action = await postActionDirectly(server, 'venues.save', token, {
			slug: 'new-one',
			kind: 'themed',
			nameZh: '新会场',
			nameEn: 'New',
		});
		expect([page.status, action.status]).toEqual([404, 404]);
	});

	it('curates its venue: the featured room shows on the public page at once, with an audit event, while the rule stays', async () => {
		const featured = w.approved[2]!;
		const response = await clientWith(server, token).post(
			`/staff/venues/${venues.own}`,
			'venues.save',
			{
				venueId: String(venues.own),
				nameZh: '本区分会场',
				nameEn: 'Own district',
				featured: String(featured.id),
				// A district curator's form cannot change the rule: these are ignored.
				slug: 'taken-over',
				ruleDistricts: [other.code],
			},
		);
		const stored = queryDb<{ slug: string; featured: string; rule_districts: string }>(
			server.file,
			'select slug, featured, rule_districts from venue where id = ?',
			venues.own,
		)[0]!;
		const audit = queryDb<{ action: string; actor_name: string }>(
			server.file,
			"select action, actor_name from audit_event where entity_type = 'venue' and entity_id = ?",
			venues.own,
		);
		const page = await (await server.getFresh('/venues/own-district')).text();
		const picks = readPage(page).text('section[aria-labelledby=featured-heading]');
		expect([
			response.status,
			response.headers.get('location'),
			stored.slug,
			JSON.parse(stored.featured),
			JSON.parse(stored.rule_districts),
			audit,
		]).toEqual([
			303,
			'/staff/venues?saved=1',
			'own-district',
			[featured.id],
			[w.world.district.id],
			[{ action: 'venue.update', actor_name: 'yuexiu@district.gov.cn' }],
		]);
		expect(picks.includes('老字号手信')).toBe(true);
	});

	it('keeps what was typed, with the error next to the field, when room numbers are not valid', async () => {
		const response = await clientWith(server, token).post(
			`/en/staff/venues/${venues.themed}`,
			'venues.save',
			{
				venueId: String(venues.themed),
				nameZh: '交给本区的主题馆（新）',
				nameEn: 'Theme given to the district',
				picks: '12 abc',
			},
		);
		const html = await response.text();
		expect([
			response.status,
			readFieldErrors(html).picks,
			readPage(html).attr('#f-nameZh', 'value'),
		]).toEqual([400, 'Give room numbers, separated by commas or spaces', '交给本区的主题馆（新）']);
	});
});
