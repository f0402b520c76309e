/**
 * Integration (the built server, forms posted as a browser without JavaScript posts them): an admin
 * edits the festival's districts and categories at /staff/reference — a rename shows on the public
 * schedule at once and is audited, a new entry joins the city's list, a taken code or a bad sort
 * is told next to its field with the rest kept — and staff who are not admins get 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;
beforeAll(async () => {
	server = await startServer({ now: CONSOLE_NOW, seed: (db) => void (w = seedConsoleWorld(db)) });
});
afterAll(() => server?.stop());

const admin = () => clientWith(server, w.tokens.admin);
const save = (fields: Record<string, string>) =>
	admin().post('/staff/reference', 'staff.saveReference', fields);

describe('the admin console’s districts and categories', () => {
	it('renames a district: the public schedule shows the new name at once, and it is audited', async () => {
		const id = w.world.district.id;
		const saved = await save({
			kind: 'district',
			id: String(id),
			nameZh: '越秀区',
			nameEn: 'Yuexiu',
			sort: '3',
		});
		const schedule = readPage(await (await server.getFresh('/en/schedule?day=2026-06-07')).text());
		expect([
			saved.status,
			saved.headers.get('location'),
			schedule.texts('select[name=district] option').includes('Yuexiu'),
			queryDb(server.file, 'select name_zh, name_en, sort from district where id = ?', id),
			queryDb(
				server.file,
				"select action, entity_id from audit_event where action like 'district.%'",
			),
		]).toEqual([
			303,
			`/staff/reference?saved=district-${id}`,
			true,
			[{ name_zh: '越秀区', name_en: 'Yuexiu', sort: 3 }],
			[{ action: 'district.update', entity_id: id }],
		]);
	});

	it('adds a category to the list; a taken code and a bad sort are told next to their fields', async () => {
		const taken = await save({
			kind: 'category',
			code: w.world.category.code,
			nameZh: '老字号',
			nameEn: 'Time-honoured brands',
			sort: 'first',
		});
		const html = await taken.text();
		const added = await save({
			kind: 'category',
			code: 'heritage',
			nameZh: '老字号',
			nameEn: 'Time-honoured brands',
			sort: '20',
		});
		expect([
			taken.status,
			readFieldErrors(html),
			readPage(html).attr('#category-new-zh', 'value'),
			added.status,
			queryDb(server.file, "select name_en, sort from category where code = 'heritage'"),
		]).toEqual([
			400,
			{ 'category-new-sort': '请填写 0 到 9999 之间的整数。' },
			'老字号',
			303,
			[{ name_en: 'Time-honoured brands', sort: 20 }],
		]);
		const again = await save({
			kind: 'category',
			code: 'heritage',
			nameZh: '老字号二',
			nameEn: 'Again',
			sort: '21',
		});
		expect([again.status, readFieldErrors(await again.text())]).toEqual([
			400,
			{ 'category-new-code': '这个代码已被使用。' },
		]);
	});

	it('is the admins’ alone: staff get 404 for the page and the action', async () => {
		const staff = clientWith(server, w.tokens.staff);
		const page = await staff.get('/staff/reference');
		const posted = await staff.post('/staff/reference', 'staff.saveReference', {
			kind: 'district',
			code: 'liwan',
			nameZh: '荔湾区',
			nameEn: 'Liwan',
			sort: '1',
		});
		expect([
			page.status,
			posted.status,
			queryDb(server.file, "select count(*) n from district where code = 'liwan'"),
		]).toEqual([404, 404, [{ n: 0 }]]);
	});
});
