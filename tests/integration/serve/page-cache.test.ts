import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { openDatabase } from '../../../src/lib/server/db';
import { rawRequest } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { clientWith } from '../staff/session-client';

/**
 * The serving layer's cache against the real build (issue 8): a change is visible to the very
 * next request, signed-in visitors never get or leave a shared copy, and bodies are compressed as
 * each client accepts.
 */
let server: RunningServer;
let w: ConsoleWorld;
beforeAll(async () => {
	server = await startServer({ seed: (db) => (w = seedConsoleWorld(db)), now: CONSOLE_NOW });
});
afterAll(() => server?.stop());

const rawGet = (path: string, headers: Record<string, string> = {}) =>
	rawRequest(`${server.origin}${path}`, { headers });

const DAY = '/schedule?day=2026-06-07';
const asStaff = () => ({ cookie: `${SESSION_COOKIE}=${w.tokens.staff}` });

describe('public pages in the serving layer', () => {
	it('are kept for anonymous visitors with headers a CDN can use', async () => {
		await rawGet(DAY);
		const second = await rawGet(DAY);
		expect([second.status, second.headers['x-cache'], second.headers['cache-control']]).toEqual([
			200,
			'HIT',
			'public, max-age=0, s-maxage=30, stale-while-revalidate=30',
		]);
	});

	it('show a staff decision to the very next anonymous request', async () => {
		const title = w.submitted.title;
		const before = await rawGet(DAY);
		const search = await rawGet(`/api/search?q=${encodeURIComponent('荔枝节女装')}`);
		const decided = await clientWith(server, w.tokens.staff).post(
			`/staff/review/room/${w.submitted.id}`,
			'staff.decideRoom',
			{
				roomId: String(w.submitted.id),
				decision: 'approve',
				seenStatus: 'submitted',
				seenAt: String(w.submitted.updatedAt.getTime()),
			},
		);
		const after = await rawGet(DAY);
		const searchAfter = await rawGet(`/api/search?q=${encodeURIComponent('荔枝节女装')}`);
		expect([
			decided.status,
			before.body.toString().includes(title),
			search.body.toString().includes(title),
			after.headers['x-cache'],
			after.body.toString().includes(title),
			searchAfter.body.toString().includes(title),
		]).toEqual([303, false, false, 'MISS', true, true]);
	});

	it('show a write committed by another process (an import, a sync run) at once', async () => {
		const room = w.approved[0]!;
		const before = await rawGet(`/rooms/${room.id}`);
		const cachedBefore = await rawGet(`/rooms/${room.id}`);
		const db = openDatabase(server.file, { migrate: false });
		db.$client.prepare('update room set title = ? where id = ?').run('换了标题的直播间', room.id);
		db.$client.close();
		const after = await rawGet(`/rooms/${room.id}`);
		expect([
			cachedBefore.headers['x-cache'],
			before.body.toString().includes(room.title),
			after.body.toString().includes('换了标题的直播间'),
		]).toEqual(['HIT', true, true]);
	});

	it('are never served from or into the cache for a signed-in visitor', async () => {
		const anonymous = await rawGet('/showcase');
		const signedIn = await rawGet('/showcase', asStaff());
		const anonymousAgain = await rawGet('/showcase');
		const signedInAgain = await rawGet('/showcase', asStaff());
		// Only a bureau account's header links to the console.
		const consoleLink = 'href="/staff"';
		expect([
			signedIn.headers['x-cache'],
			signedIn.headers['cache-control'],
			signedIn.body.toString().includes(consoleLink),
			signedInAgain.headers['x-cache'],
			anonymous.body.toString().includes(consoleLink),
			anonymousAgain.headers['x-cache'],
			anonymousAgain.body.toString().includes(consoleLink),
		]).toEqual(['BYPASS', 'private, no-store', true, 'BYPASS', false, 'HIT', false]);
	});

	it('keep account pages private, compressed all the same', async () => {
		const page = await rawGet('/staff', { ...asStaff(), 'accept-encoding': 'gzip' });
		expect([
			page.status,
			page.headers['x-cache'],
			page.headers['cache-control'],
			page.headers['content-encoding'],
		]).toEqual([200, 'BYPASS', 'private, no-store', 'gzip']);
	});

	it('are compressed as the client accepts, each encoding the same page', async () => {
		const plain = await rawGet('/');
		const br = await rawGet('/', { 'accept-encoding': 'gzip, deflate, br' });
		const gzip = await rawGet('/', { 'accept-encoding': 'br;q=0, gzip' });
		expect([
			plain.headers['content-encoding'],
			br.headers['content-encoding'],
			gzip.headers['content-encoding'],
			br.headers.vary,
			brotliDecompressSync(br.body).equals(plain.body),
			gunzipSync(gzip.body).equals(plain.body),
			br.body.length < gzip.body.length && gzip.body.length < plain.body.length / 3,
		]).toEqual([undefined, 'br', 'gzip', 'Accept-Encoding', true, true, true]);
	});

	it('answer a revalidation with 304 while the page is unchanged', async () => {
		const first = await rawGet('/en/schedule', { 'accept-encoding': 'br' });
		const again = await rawGet('/en/schedule', {
			'accept-encoding': 'br',
			'if-none-match': String(first.headers.etag),
		});
		expect([again.status, again.body.length, again.headers.etag]).toEqual([
			304,
			0,
			first.headers.etag,
		]);
	});

	it('serve build assets from memory, compressed and immutable', async () => {
		const home = (await rawGet('/')).body.toString();
		const script = /src="(\/_astro\/[^"]+\.js)"/.exec(home)?.[1] ?? '';
		const asset = await rawGet(script, { 'accept-encoding': 'br' });
		expect([
			script.length > 0,
			asset.status,
			asset.headers['x-cache'],
			asset.headers['content-encoding'],
			asset.headers['cache-control'],
			asset.headers['x-content-type-options'],
		]).toEqual([true, 200, 'STATIC', 'br', 'public, max-age=31536000, immutable', 'nosniff']);
	});
});
