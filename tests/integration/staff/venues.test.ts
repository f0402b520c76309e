import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { makePhoto } from '../../support/images';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith } from './session-client';

/**
 * Integration: the bureau creates and edits venues in the console (/staff/venues). Each save is
 * one audit event; the public pages follow at once (page cache invalidated through the change
 * scopes); a bad form is answered next to its fields with the rest of the input kept.
 */
let server: RunningServer;
let w: ConsoleWorld;
let uploads: string;

beforeAll(async () => {
	uploads = mkdtempSync(path.join(os.tmpdir(), 'livefest-venue-uploads-'));
	server = await startServer({
		seed: (db) => void (w = seedConsoleWorld(db)),
		now: CONSOLE_NOW,
		env: { UPLOAD_DIR: uploads },
	});
});
afterAll(async () => {
	await server?.stop();
	rmSync(uploads, { recursive: true, force: true });
});

const venueRow = (slug: string) =>
	queryDb<{ id: number; name_zh: string; banner_key: string | null; sort: number }>(
		server.file,
		'select id, name_zh, banner_key, sort from venue where slug = ?',
		slug,
	)[0];

describe('venues in the console', () => {
	it('staff create a themed venue by category: it is listed at once with its rooms and audited', async () => {
		const before = await (await server.getFresh('/en/venues')).text();
		const response = await clientWith(server, w.tokens.staff).post(
			'/staff/venues/new',
			'venues.save',
			{
				slug: 'lychee',
				kind: 'themed',
				nameZh: '荔枝主题馆',
				nameEn: 'Lychee season',
				introZh: '荔枝季的直播',
				sort: '3',
				ruleCategories: [w.world.category.code],
				banner: { blob: new Blob([new Uint8Array(await makePhoto())]), name: 'banner.jpg' },
			},
		);
		const row = venueRow('lychee')!;
		const members = queryDb<{ n: number }>(
			server.file,
			'select count(*) as n from room_venue where venue_id = ?',
			row.id,
		)[0]!.n;
		const audit = queryDb<{ action: string; actor_name: string }>(
			server.file,
			"select action, actor_name from audit_event where entity_type = 'venue' and entity_id = ?",
			row.id,
		);
		const after = await (await server.getFresh('/en/venues')).text();
		const page = readPage(await (await server.getFresh('/en/venues/lychee')).text());
		expect([
			response.status,
			response.headers.get('location'),
			row.name_zh,
			/^[0-9a-f]{32}$/.test(row.banner_key ?? ''),
			members,
			audit,
			before.includes('Lychee season'),
			after.includes('Lychee season'),
			page.text('h1').includes('Lychee season'),
			page.doc.querySelectorAll('img[src*="/media/"]').length > 0,
		]).toEqual([
			303,
			'/staff/venues?created=1',
			'荔枝主题馆',
			true,
			w.approved.length + 1,
			[{ action: 'venue.create', actor_name: 'reviewer@bureau.gov.cn' }],
			false,
			true,
			true,
			true,
		]);
	});

	it('answers a bad form next to its fields, keeping what was typed, writing nothing', async () => {
		const response = await clientWith(server, w.tokens.staff).post(
			'/en/staff/venues/new',
			'venues.save',
			{
				slug: 'Not A Slug',
				kind: 'district',
				nameZh: '新会场',
				nameEn: '',
				introEn: 'Kept as typed',
			},
		);
		const html = await response.text();
		const errors = readFieldErrors(html);
		expect([
			response.status,
			errors.nameEn,
			readPage(html).text('#f-introEn'),
			venueRow('not-a-slug'),
		]).toEqual([400, 'Please fill this in.', 'Kept as typed', undefined]);
	});

	it('refuses a second venue at an address already taken', async () => {
		const response = await clientWith(server, w.tokens.staff).post(
			'/en/staff/venues/new',
			'venues.save',
			{
				slug: 'lychee',
				kind: 'themed',
				nameZh: '又一个',
				nameEn: 'Another',
			},
		);
		expect([response.status, readFieldErrors(await response.text()).slug]).toEqual([
			400,
			'Another venue has this address',
		]);
	});

	it('edits the order and the rule; the venue page follows at once', async () => {
		const id = venueRow('lychee')!.id;
		const response = await clientWith(server, w.tokens.staff).post(
			`/staff/venues/${id}`,
			'venues.save',
			{
				venueId: String(id),
				slug: 'lychee',
				kind: 'themed',
				nameZh: '荔枝主题馆',
				nameEn: 'Lychee season',
				sort: '1',
				excludes: String(w.approved[0]!.id),
				ruleCategories: [w.world.category.code],
			},
		);
		const page = await (await server.getFresh('/venues/lychee')).text();
		expect([response.status, venueRow('lychee')!.sort, page.includes('早茶一盅两件')]).toEqual([
			303,
			1,
			false,
		]);
	});
});
