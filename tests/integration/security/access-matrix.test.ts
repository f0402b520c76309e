import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { createSession } from '../../../src/lib/server/auth/session';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { storeImage } from '../../../src/lib/server/media/image-store';
import { makePhoto } from '../../support/images';
import { applyVenueSpecs } from '../../../src/lib/server/venue/apply-venues';
import { createDistrict, createMerchant, createSessionFor } from '../../support/factories';
import { expandPattern, listActionNames, listRouteFiles } from '../../support/route-list';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	createSignedInUser,
	createStaffUser,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';

/**
 * Integration: every route and every action, called as each kind of visitor, against one table of
 * expected statuses. Routes come from the file system and actions from src/actions, so a new one
 * fails this test until it has a row here. Merchant B is a second approved merchant acting on
 * merchant A's rooms and sessions; staff is a reviewer, admin the bureau's administrator, district
 * a district staff member of another district than everything the world holds (so each of the
 * world's registrations, rooms and its district venue answers that account 404).
 */
const ROLES = ['anonymous', 'merchantA', 'merchantB', 'staff', 'admin', 'district'] as const;
type Role = (typeof ROLES)[number];
/** B acts on A's objects before A changes them (A cancels its room, revokes its other session). */
const CALL_ORDER: readonly Role[] = [
	'anonymous',
	'merchantB',
	'staff',
	'admin',
	'district',
	'merchantA',
];
type Statuses = [
	anonymous: number,
	merchantA: number,
	merchantB: number,
	staff: number,
	admin: number,
	/** District staff of another district than the world's: its data answers 404. */
	district: number,
];

interface World extends ConsoleWorld {
	merchantB: { accountId: number; shopId: number };
	accountIds: Record<Exclude<Role, 'anonymous'>, number>;
	cover: string;
	/** The district venue of the world's district, curated by it. */
	venue: { id: number; slug: string };
	/** Signs merchant A in once more and returns that session's id (for B to try to revoke). */
	newSessionIdOfA: () => string;
}

interface Entry {
	expect: Statuses;
	/** Values for the pattern's `[param]`s. */
	params?: (w: World) => Record<string, string>;
	/** Form fields of an action, or the body of an endpoint's POST. */
	fields?: (w: World) => Record<string, string | string[]>;
	body?: string;
}

const NOW = new Date(CONSOLE_NOW);
const room = (w: World) => ({ id: String(w.approved[0]!.id), room: String(w.approved[0]!.id) });
const venue = (w: World) => ({ slug: w.venue.slug });

/** Pages and endpoints, by `METHOD pattern`; both languages of a `[...lang]` page share a row. */
const ROUTES: Record<string, Entry> = {
	'GET /[...lang]': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/go/[room]': { expect: [200, 200, 200, 200, 200, 200], params: room },
	'GET /[...lang]/merchant': { expect: [303, 200, 200, 200, 200, 200] },
	'GET /[...lang]/merchant/account': { expect: [303, 200, 200, 200, 200, 200] },
	'GET /[...lang]/merchant/login': { expect: [200, 303, 303, 303, 303, 303] },
	'GET /[...lang]/merchant/register': { expect: [303, 200, 200, 200, 200, 200] },
	'GET /[...lang]/merchant/rooms': { expect: [303, 200, 200, 303, 303, 303] },
	'GET /[...lang]/merchant/rooms/[id]': {
		expect: [303, 200, 404, 404, 404, 404],
		params: (w) => ({ id: String(w.submitted.id) }),
	}, // A's own room; B and the bureau get 404, not 403
	'GET /[...lang]/merchant/rooms/import': { expect: [303, 200, 200, 303, 303, 303] },
	'GET /[...lang]/merchant/sync': { expect: [303, 200, 200, 303, 303, 303] },
	'GET /[...lang]/staff/sync': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /[...lang]/merchant/rooms/new': { expect: [303, 200, 200, 303, 303, 303] },
	'GET /[...lang]/merchant/signup': { expect: [200, 303, 303, 303, 303, 303] },
	// A's own approved session: its results page (the session has not ended yet: it says so).
	'GET /[...lang]/merchant/rooms/[id]/results': {
		expect: [303, 200, 404, 404, 404, 404],
		params: (w) => ({ id: String(w.approved[0]!.id) }),
	},
	'GET /[...lang]/merchants/[id]': {
		expect: [200, 200, 200, 200, 200, 200],
		params: (w) => ({ id: String(w.shop.id) }),
	},
	'GET /[...lang]/my': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/privacy': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/my/calendar.ics': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/rooms/[id]': { expect: [200, 200, 200, 200, 200, 200], params: room },
	'GET /[...lang]/rooms/[id].ics': { expect: [200, 200, 200, 200, 200, 200], params: room },
	'GET /[...lang]/schedule': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/search': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/showcase': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/staff': { expect: [403, 404, 404, 200, 200, 200] },
	'GET /[...lang]/staff-login': { expect: [200, 200, 200, 303, 303, 303] },
	'GET /[...lang]/results': { expect: [200, 200, 200, 200, 200, 200] },
	// Not published in this world: the file exists only once staff publish (results.test.ts).
	'GET /[...lang]/festival-results.csv': { expect: [404, 404, 404, 404, 404, 404] },
	// Only a session waiting for its code stays; everyone else is sent on (to sign in, or in).
	'GET /[...lang]/staff-login/code': { expect: [303, 303, 303, 303, 303, 303] },
	'GET /[...lang]/staff/accounts': { expect: [403, 404, 404, 404, 200, 404] },
	'GET /[...lang]/staff/audit': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /[...lang]/staff/export/[file]': {
		expect: [403, 404, 404, 200, 200, 200],
		params: () => ({ file: 'merchants.csv' }),
	},
	'GET /[...lang]/staff/featured': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /[...lang]/staff/review': { expect: [403, 404, 404, 200, 200, 200] },
	'GET /[...lang]/staff/review/merchant/[id]': {
		expect: [403, 404, 404, 200, 200, 404],
		params: (w) => ({ id: String(w.pending.id) }),
	},
	'GET /[...lang]/staff/review/room/[id]': {
		expect: [403, 404, 404, 200, 200, 404],
		params: (w) => ({ id: String(w.submitted.id) }),
	},
	'GET /[...lang]/staff/settings': { expect: [403, 404, 404, 404, 200, 404] },
	'GET /[...lang]/staff/security': { expect: [403, 404, 404, 200, 200, 200] },
	'GET /[...lang]/staff/reference': { expect: [403, 404, 404, 404, 200, 404] },
	'GET /[...lang]/staff/showcase/[id]': {
		expect: [403, 404, 404, 200, 200, 404],
		params: (w) => ({ id: String(w.showcase.id) }),
	},
	'GET /[...lang]/staff/showcase/new': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /[...lang]/staff/showcase/carriers.json': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /404': { expect: [404, 404, 404, 404, 404, 404] },
	'GET /500': { expect: [500, 500, 500, 500, 500, 500] }, // the error page itself, as Astro serves it
	'POST /api/rooms/[id]/open': {
		expect: [204, 204, 204, 204, 204, 204],
		params: room,
		body: 'scheme',
	},
	'GET /api/rooms/status': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /api/search': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /api/suggest': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /en/staff/showcase': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /media/[file]': {
		expect: [200, 200, 200, 200, 200, 200],
		params: (w) => ({ file: w.cover }),
	},
	'GET /staff/showcase': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /[...lang]/venues': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /[...lang]/venues/[slug]': { expect: [200, 200, 200, 200, 200, 200], params: venue },
	'GET /[...lang]/venues/[slug].ics': { expect: [200, 200, 200, 200, 200, 200], params: venue },
	'GET /[...lang]/embed/venues/[slug]': { expect: [200, 200, 200, 200, 200, 200], params: venue },
	'GET /[...lang]/embed/districts/[code]': {
		expect: [200, 200, 200, 200, 200, 200],
		params: (w) => ({ code: w.world.district.code }),
	},
	'GET /[...lang]/staff/venues': { expect: [403, 404, 404, 200, 200, 200] },
	// The world's district venue: its curators and the bureau; another district's staff get 404.
	'GET /[...lang]/staff/venues/[id]': {
		expect: [403, 404, 404, 200, 200, 404],
		params: (w) => ({ id: String(w.venue.id) }),
	},
	'GET /api/v1/schedule': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /api/v1/venues': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /api/v1/openapi.json': { expect: [200, 200, 200, 200, 200, 200] },
	'GET /api/v1/xmltv.xml': { expect: [200, 200, 200, 200, 200, 200] },
	'POST /api/rooms/[id]/star': { expect: [204, 204, 204, 204, 204, 204], params: room },
	'GET /en/staff/results': { expect: [403, 404, 404, 200, 200, 404] },
	'GET /staff/results': { expect: [403, 404, 404, 200, 200, 404] },
};

/** Actions, by name, posted to `/_actions/<name>` as a script (or a form without JS) would. */
const ACTIONS: Record<string, Entry> = {
	'auth.signup': { expect: [400, 400, 400, 400, 400, 400] },
	'auth.login': { expect: [400, 400, 400, 400, 400, 400] },
	'auth.logout': { expect: [200, 200, 200, 200, 200, 200] },
	'auth.logoutEverywhere': { expect: [401, 200, 200, 200, 200, 200] },
	'auth.revokeSession': {
		expect: [401, 200, 404, 404, 404, 404],
		fields: (w) => ({ sessionId: w.newSessionIdOfA() }),
	},
	'auth.changePassword': { expect: [401, 400, 400, 400, 400, 400] },
	'business.save': { expect: [401, 400, 400, 400, 400, 400] },
	'rooms.save': {
		expect: [401, 200, 404, 403, 403, 403],
		fields: (w) => ({
			roomId: String(w.submitted2.id),
			title: '广式点心现做第二场',
			anchorName: '主播小李',
			start: '2026-06-08T20:00',
			end: '2026-06-08T21:00',
		}),
	},
	'rooms.cancel': {
		expect: [401, 200, 404, 403, 403, 403],
		fields: (w) => ({ roomId: String(w.submitted.id) }),
	},
	'rooms.import': { expect: [401, 400, 400, 403, 403, 403] },
	'sync.save': { expect: [401, 400, 400, 403, 403, 403] },
	'sync.disable': { expect: [401, 200, 200, 403, 403, 403] },
	'staff.decideRoom': { expect: [403, 404, 404, 400, 400, 400] },
	'staff.decideMerchant': { expect: [403, 404, 404, 400, 400, 400] },
	'staff.bulkApprove': { expect: [403, 404, 404, 400, 400, 400] },
	'staff.featureAdd': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.featureRemove': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.featureMove': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.featureReorder': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.saveShowcase': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.cancelShowcase': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.saveFestival': { expect: [403, 404, 404, 404, 400, 404] },
	'staff.createAccount': { expect: [403, 404, 404, 404, 400, 404] },
	'staff.updateAccount': { expect: [403, 404, 404, 404, 400, 404] },
	// A's own session, not ended at the world's noon: refused with the reason; B's is not found.
	'results.report': {
		expect: [401, 403, 404, 403, 403, 403],
		fields: (w) => ({ roomId: String(w.approved[0]!.id), viewers: '1200' }),
	},
	'results.manage': { expect: [403, 404, 404, 400, 400, 404] },
	'staff.saveReference': { expect: [403, 404, 404, 404, 400, 404] },
	// The code step answers only a session that gave its password and waits for a code.
	'twoFactor.verify': { expect: [401, 401, 401, 401, 401, 401] },
	'twoFactor.enrol': { expect: [401, 404, 404, 400, 400, 400] },
	// Saving the world's district venue as it is: the bureau may, another district may not.
	'venues.save': {
		expect: [403, 404, 404, 200, 200, 404],
		fields: (w) => ({
			venueId: String(w.venue.id),
			slug: w.venue.slug,
			kind: 'district',
			nameZh: '一区分会场',
			nameEn: 'District venue',
			curatorDistrict: w.world.district.code,
			ruleDistricts: [w.world.district.code],
		}),
	},
};

let server: RunningServer;
let world: World;
let db: Db;
let uploads: string;

beforeAll(async () => {
	uploads = mkdtempSync(path.join(os.tmpdir(), 'livefest-matrix-uploads-'));
	const cover = await storeImage(uploads, await makePhoto(), 'cover');
	if (!cover.ok) throw new Error(`the test photo was refused: ${cover.problem}`);
	let seeded: ConsoleWorld | undefined;
	let merchantB: World['merchantB'] | undefined;
	let venue: World['venue'] | undefined;
	server = await startServer({
		now: CONSOLE_NOW,
		env: { UPLOAD_DIR: uploads },
		seed: (seedDb) => {
			seeded = seedConsoleWorld(seedDb);
			const b = createSignedInUser(seedDb, 'merchant', NOW, { email: 'other-shop@example.com' });
			const shop = createMerchant(seedDb, {
				ownerUserId: b.account.id,
				districtId: seeded.world.district.id,
				categoryId: seeded.world.category.id,
				nameZh: '另一家店',
			});
			merchantB = { accountId: b.account.id, shopId: shop.id };
			const { festival, district } = seeded.world;
			const written = applyVenueSpecs(
				seedDb,
				festival,
				[
					{
						slug: `v-${district.code}`,
						kind: 'district',
						name: { zh: '一区分会场', en: 'District venue' },
						curatorDistrict: district.code,
						rule: { districts: [district.code] },
					},
				],
				{ actor: { userId: null, name: 'test' }, now: NOW, audit: false },
			);
			if (!written.ok) throw new Error(JSON.stringify(written.issues));
			venue = { id: written.venues[0]!.id, slug: `v-${district.code}` };
			// District staff of a second district: nothing of the world is theirs.
			const other = createDistrict(seedDb, { city: festival.city });
			createStaffUser(seedDb, 'district', 'district@haizhu.gov.cn', { districtId: other.id });
		},
	});
	db = openDatabase(server.file);
	const idOf = (email: string) =>
		db.$client.prepare('SELECT id FROM user WHERE email = ?').pluck().get(email) as number;
	world = {
		...seeded!,
		merchantB: merchantB!,
		cover: `${cover.key}-320.webp`,
		venue: venue!,
		accountIds: {
			merchantA: idOf('shop@example.com'),
			merchantB: merchantB!.accountId,
			staff: idOf('reviewer@bureau.gov.cn'),
			admin: idOf('chief@bureau.gov.cn'),
			district: idOf('district@haizhu.gov.cn'),
		},
		newSessionIdOfA: () =>
			createSession(db, { id: idOf('shop@example.com'), role: 'merchant' }, { now: NOW }).session
				.id,
	};
});

afterAll(async () => {
	db?.$client.close();
	await server?.stop();
	rmSync(uploads, { recursive: true, force: true });
});

/** A fresh session for the role, so an action that signs out cannot spoil the next request. */
function cookieFor(role: Role): Record<string, string> {
	if (role === 'anonymous') return {};
	const id = world.accountIds[role];
	const account = { id, role: role.startsWith('merchant') ? 'merchant' : role } as const;
	const token = createSessionFor(db, account as never, {
		createdAt: new Date(NOW.getTime() - 60_000),
	});
	return { cookie: `${SESSION_COOKIE}=${token}` };
}

function formBody(fields: Record<string, string | string[]>): URLSearchParams {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) {
		for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
	}
	return body;
}

async function call(method: string, url: string, role: Role, entry: Entry): Promise<number> {
	const headers: Record<string, string> = { ...cookieFor(role) };
	let body: BodyInit | undefined;
	if (method !== 'GET') {
		headers.origin = server.origin;
		if (entry.fields) body = formBody(entry.fields(world));
		else if (entry.body !== undefined) {
			body = entry.body;
			headers['content-type'] = 'text/plain';
		} else body = new URLSearchParams();
	}
	const response = await server.get(url, { method, headers, body });
	await response.arrayBuffer();
	return response.status;
}

describe('access matrix', () => {
	it('every route and action has a row in the table', () => {
		const routes = listRouteFiles().flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`));
		const actions = listActionNames();
		const missing = [
			...routes.filter((key) => !(key in ROUTES)),
			...actions.filter((name) => !(name in ACTIONS)).map((name) => `action ${name}`),
		];
		const stale = [
			...Object.keys(ROUTES).filter((key) => !routes.includes(key)),
			...Object.keys(ACTIONS).filter((name) => !actions.includes(name)),
		];
		// A failure lists each uncovered route or action: add a row for it to ROUTES or ACTIONS.
		expect({ missing, stale }).toEqual({ missing: [], stale: [] });
	});

	it('every route answers each role with the status in the table', async () => {
		const actual: Record<string, Record<Role, number>> = {};
		const expected: Record<string, Record<Role, number>> = {};
		for (const route of listRouteFiles()) {
			for (const method of route.methods) {
				const entry = ROUTES[`${method} ${route.pattern}`];
				if (!entry) continue; // named by the first test
				for (const url of expandPattern(route.pattern, entry.params?.(world) ?? {})) {
					const key = `${method} ${url}`;
					actual[key] = {} as Record<Role, number>;
					expected[key] = Object.fromEntries(ROLES.map((r, i) => [r, entry.expect[i]])) as never;
					for (const role of CALL_ORDER) actual[key][role] = await call(method, url, role, entry);
				}
			}
		}
		expect(actual).toEqual(expected);
	});

	it('every action answers each role with the status in the table', async () => {
		const actual: Record<string, Record<Role, number>> = {};
		const expected: Record<string, Record<Role, number>> = {};
		for (const name of listActionNames()) {
			const entry = ACTIONS[name];
			if (!entry) continue; // named by the first test
			actual[name] = {} as Record<Role, number>;
			expected[name] = Object.fromEntries(ROLES.map((r, i) => [r, entry.expect[i]])) as never;
			for (const role of CALL_ORDER) {
				actual[name][role] = await call('POST', `/_actions/${name}`, role, entry);
			}
		}
		expect(actual).toEqual(expected);
	});
});
