import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { openDatabase } from '../../../src/lib/server/db';
import { STALENESS_BOUND_MS } from '../../../src/serve/serving-layer';
import { rawRequest, type RawResponse } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { clientWith } from '../staff/session-client';

/**
 * The serving layer's cache against the real build (issues 8 and 13): a change is visible on every
 * page it touches within the stated bound, from this server's actions or another process, while
 * the pages it does not touch stay cached; a stale copy is served while its refresh runs;
 * signed-in visitors never get or leave a shared copy; bodies are compressed as each client accepts.
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

/**
 * Asks for `path` until `shows` holds of its body, for at most the stated bound; returns the
 * answers in order, each as its X-Cache and whether it showed the change, repeats collapsed.
 */
async function watch(path: string, shows: (body: string) => boolean): Promise<string[]> {
	const states: string[] = [];
	const deadline = Date.now() + STALENESS_BOUND_MS;
	let response: RawResponse;
	do {
		response = await rawGet(path);
		const state = `${String(response.headers['x-cache'])} ${shows(response.body.toString()) ? 'new' : 'old'}`;
		if (states.at(-1) !== state) states.push(state);
		if (state.endsWith('new')) break;
		await new Promise((r) => setTimeout(r, 20));
	} while (Date.now() < deadline);
	return states;
}

/** Asks for `path` until it is answered from a fresh copy (within the bound). */
async function settle(path: string): Promise<void> {
	const deadline = Date.now() + STALENESS_BOUND_MS;
	while ((await rawGet(path)).headers['x-cache'] !== 'HIT' && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** The answers after the change was noticed: what came before the feed read it is a HIT. */
const afterNotice = (states: string[]) => (states[0] === 'HIT old' ? states.slice(1) : states);

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

	it('show a staff decision on every page it touches within the bound; the others stay cached', async () => {
		const title = w.submitted.title;
		const touched = [
			DAY,
			`/api/search?q=${encodeURIComponent('荔枝节女装')}`,
			`/merchants/${w.shop.id}`,
		];
		const untouched = [`/rooms/${w.showcase.id}`, `/merchants/${w.world.merchant.id}`];
		for (const path of [...touched, ...untouched]) await rawGet(path);
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
		const seen = [];
		for (const path of touched) seen.push((await watch(path, (b) => b.includes(title))).at(-1));
		const room = await watch(`/rooms/${w.submitted.id}`, (b) => b.includes(title));
		const others = await Promise.all(untouched.map((path) => rawGet(path)));
		expect([decided.status, seen, room.at(-1), others.map((r) => r.headers['x-cache'])]).toEqual([
			303,
			['HIT new', 'HIT new', 'HIT new'],
			'MISS new',
			['HIT', 'HIT'],
		]);
	});

	it('show a write committed by another process within the bound, serving the stale copy while it refreshes', async () => {
		const [room, other] = [w.approved[0]!, w.approved[1]!];
		await Promise.all([rawGet(`/rooms/${room.id}`), rawGet(`/rooms/${other.id}`)]);
		const before = await rawGet(`/rooms/${room.id}`);
		const db = openDatabase(server.file, { migrate: false });
		db.$client.prepare('update room set title = ? where id = ?').run('换了标题的直播间', room.id);
		db.$client.close();
		const states = await watch(`/rooms/${room.id}`, (b) => b.includes('换了标题的直播间'));
		const untouched = await rawGet(`/rooms/${other.id}`);
		expect([before.headers['x-cache'], afterNotice(states), untouched.headers['x-cache']]).toEqual([
			'HIT',
			['STALE old', 'HIT new'],
			'HIT',
		]);
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
		// Earlier tests' writes leave the home page refreshing: compare encodings of one copy.
		await settle('/');
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
