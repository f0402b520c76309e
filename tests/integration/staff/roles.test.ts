import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { queryDb } from '../merchant/client';
import { clientWith, postActionDirectly } from './session-client';

/**
 * Authorisation of the whole console: every page, export and action, for a visitor, a merchant,
 * staff and an admin. Pages and exports answer 403 to visitors (the sign-in form, in place), 404
 * to accounts without the right; actions called directly answer the same and change nothing.
 */
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

type Role = 'anonymous' | 'merchant' | 'staff' | 'admin';
const ROLES: Role[] = ['anonymous', 'merchant', 'staff', 'admin'];
const token = (role: Role): string | null =>
	role === 'anonymous' ? null : w.tokens[role as 'merchant' | 'staff' | 'admin'];

/** Pages any staff account may open, then the admin-only ones. */
const STAFF_ROUTES = () => [
	'/staff',
	'/staff/review',
	'/staff/review?queue=merchants',
	`/staff/review/room/${w.submitted.id}`,
	`/staff/review/merchant/${w.pending.id}`,
	'/staff/featured',
	'/staff/showcase',
	'/staff/showcase/new',
	`/staff/showcase/${w.showcase.id}`,
	'/staff/audit',
	'/staff/export/merchants.csv',
	'/staff/export/rooms.csv',
	'/staff/export/decisions.csv',
	'/en/staff',
	'/en/staff/review',
	'/en/staff/showcase',
	'/%73taff',
	'/%73taff/review',
	'/%73taff/showcase',
	'/en/%73taff/featured',
	'/staff/%72eview',
	'/%73taff/export/rooms.csv',
];
const ADMIN_ROUTES = [
	'/staff/settings',
	'/staff/accounts',
	'/en/staff/settings',
	'/%73taff/accounts',
];

/** Every console action, with whether staff (not only admins) may call it. */
const ACTIONS: [string, 'staff' | 'admin'][] = [
	['staff.decideRoom', 'staff'],
	['staff.decideMerchant', 'staff'],
	['staff.bulkApprove', 'staff'],
	['staff.featureAdd', 'staff'],
	['staff.featureRemove', 'staff'],
	['staff.featureMove', 'staff'],
	['staff.featureReorder', 'staff'],
	['staff.saveShowcase', 'staff'],
	['staff.cancelShowcase', 'staff'],
	['staff.saveFestival', 'admin'],
	['staff.createAccount', 'admin'],
	['staff.updateAccount', 'admin'],
];

async function statusOf(role: Role, path: string): Promise<number> {
	const response = await clientWith(server, token(role)).get(path);
	await response.arrayBuffer();
	return response.status;
}

/** What a caller could change: every row an action writes, fingerprinted. */
function snapshot(): string {
	return JSON.stringify([
		queryDb(server.file, 'select count(*) n from audit_event'),
		queryDb(
			server.file,
			'select id, review_status, featured_rank, updated_at from room order by id',
		),
		queryDb(server.file, 'select id, status, updated_at from merchant order by id'),
		queryDb(server.file, 'select id, role, password_hash from user order by id'),
		queryDb(server.file, 'select * from festival'),
	]);
}

/** A form that every action would accept from an allowed caller. */
function validFields(): Record<string, string> {
	return {
		roomId: String(w.approved[0]!.id),
		merchantId: String(w.pending.id),
		decision: 'approve',
		seenStatus: 'submitted',
		seenAt: String(w.submitted.updatedAt.getTime()),
		queue: 'rooms',
		items: `${w.submitted.id}:${w.submitted.updatedAt.getTime()}`,
		direction: 'up',
		day: '2026-06-07',
		order: String(w.approved[0]!.id),
		userId: '1',
		change: 'disable',
		email: 'new@bureau.gov.cn',
		role: 'staff',
		password: 'Lychee-Season-2026',
	};
}

describe('console pages and exports', () => {
	it('each staff page answers 403 signed out, 404 to a merchant, 200 to staff and admins', async () => {
		const results: Record<string, number[]> = {};
		for (const path of STAFF_ROUTES()) {
			results[path] = [];
			for (const role of ROLES) results[path]!.push(await statusOf(role, path));
		}
		const expected = Object.fromEntries(STAFF_ROUTES().map((p) => [p, [403, 404, 200, 200]]));
		expect(results).toEqual(expected);
	});

	it('each admin page answers 403 signed out, 404 to a merchant and to staff, 200 to admins', async () => {
		const results: Record<string, number[]> = {};
		for (const path of ADMIN_ROUTES) {
			results[path] = [];
			for (const role of ROLES) results[path]!.push(await statusOf(role, path));
		}
		expect(results).toEqual(Object.fromEntries(ADMIN_ROUTES.map((p) => [p, [403, 404, 404, 200]])));
	});

	it('a signed-out visitor sees the sign-in form and nothing of the console', async () => {
		const response = await clientWith(server, null).get(`/staff/review/room/${w.submitted.id}`);
		const html = await response.text();
		expect([
			response.status,
			html.includes('管理后台登录'),
			html.includes('荔枝节女装专场'),
			html.includes('staff.decideRoom'),
			response.headers.get('cache-control'),
		]).toEqual([403, true, false, false, 'private, no-store']);
	});

	it('a merchant gets the same 404 page as for a page that does not exist', async () => {
		const console404 = await clientWith(server, w.tokens.merchant).get('/staff/review');
		const missing = await clientWith(server, w.tokens.merchant).get('/no-such-page');
		const [a, b] = [await console404.text(), await missing.text()];
		expect([console404.status, a.includes('荔枝节女装专场'), readPage(a).text('main')]).toEqual([
			404,
			false,
			readPage(b).text('main'),
		]);
	});
});

describe('console actions called directly', () => {
	it('every action refuses a visitor (403) and a merchant (404) and changes nothing', async () => {
		const before = snapshot();
		const results: Record<string, number[]> = {};
		for (const [name] of ACTIONS) {
			results[name] = [];
			for (const role of ['anonymous', 'merchant'] as const) {
				const response = await postActionDirectly(server, name, token(role), validFields());
				await response.arrayBuffer();
				results[name]!.push(response.status);
			}
		}
		expect(results).toEqual(Object.fromEntries(ACTIONS.map(([n]) => [n, [403, 404]])));
		expect(snapshot()).toBe(before);
	});

	it('admin actions refuse staff (404) and change nothing; every action lets its role in', async () => {
		const before = snapshot();
		const results: Record<string, number> = {};
		for (const [name, who] of ACTIONS) {
			// An empty form: allowed callers get past the policy and stop at input validation (400).
			const response = await postActionDirectly(server, name, w.tokens.staff, {});
			await response.arrayBuffer();
			results[name] = response.status;
			if (who === 'admin') {
				const admin = await postActionDirectly(server, name, w.tokens.admin, {});
				await admin.arrayBuffer();
				results[`${name} (admin)`] = admin.status;
			}
		}
		expect(results).toEqual({
			...Object.fromEntries(ACTIONS.map(([n, who]) => [n, who === 'admin' ? 404 : 400])),
			'staff.saveFestival (admin)': 400,
			'staff.createAccount (admin)': 400,
			'staff.updateAccount (admin)': 400,
		});
		expect(snapshot()).toBe(before);
	});

	it('a console form posted through a console page by a visitor (403) or a merchant (404) changes nothing', async () => {
		const before = snapshot();
		const statuses: Record<string, number[]> = {};
		for (const [name] of ACTIONS) {
			statuses[name] = [];
			for (const role of ['anonymous', 'merchant'] as const) {
				const response = await clientWith(server, token(role)).post(
					'/staff/review',
					name,
					validFields(),
				);
				await response.arrayBuffer();
				statuses[name]!.push(response.status);
			}
		}
		expect(statuses).toEqual(Object.fromEntries(ACTIONS.map(([n]) => [n, [403, 404]])));
		expect(snapshot()).toBe(before);
	});
});
