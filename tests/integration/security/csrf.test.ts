import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { readOpenCounts } from '../../support/access-factories';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb } from '../merchant/client';

/**
 * Integration: state-changing requests from anywhere but the portal's own pages are refused
 * (src/lib/server/security/csrf.ts), whatever their content type, before anything is written.
 * Every request carries a signed-in merchant's cookie, as a browser visiting another site would.
 */
let server: RunningServer;
let world: ConsoleWorld;
beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => void (world = seedConsoleWorld(db)),
	});
});
afterAll(() => server?.stop());

const EVIL = 'https://evil.example';

interface Attempt {
	origin: string | null;
	contentType: string | null;
	body: string;
	method?: string;
	/** Defaults to the action endpoint; `page` posts the form to the page, as a browser without JavaScript does. */
	target?: 'action' | 'page';
}

const form = () => `roomId=${world.submitted.id}`;
const multipart = () =>
	`--b\r\nContent-Disposition: form-data; name="roomId"\r\n\r\n${world.submitted.id}\r\n--b--\r\n`;

function cancelRoom(a: Attempt): Promise<Response> {
	const path =
		a.target === 'page' ? '/merchant/rooms?_action=rooms.cancel' : '/_actions/rooms.cancel';
	return server.get(path, {
		method: a.method ?? 'POST',
		body: a.body,
		headers: {
			cookie: `${SESSION_COOKIE}=${world.tokens.merchant}`,
			...(a.origin === null ? {} : { origin: a.origin }),
			...(a.contentType === null ? {} : { 'content-type': a.contentType }),
			connection: 'close',
		},
	});
}

const reviewStatus = (): string =>
	queryDb<{ review_status: string }>(
		server.file,
		'SELECT review_status FROM room WHERE id = ?',
		world.submitted.id,
	)[0]!.review_status;

describe('state-changing requests from elsewhere', () => {
	it('are refused with 403 whatever the content type or origin (405 for methods the portal never serves), and change nothing', async () => {
		const attempts: Record<string, () => Attempt> = {
			'a form from another site': () => ({
				origin: EVIL,
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
			}),
			'a form from another site, to the page': () => ({
				origin: EVIL,
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
				target: 'page',
			}),
			'a multipart form from another site': () => ({
				origin: EVIL,
				contentType: 'multipart/form-data; boundary=b',
				body: multipart(),
			}),
			'text/plain from another site': () => ({
				origin: EVIL,
				contentType: 'text/plain',
				body: form(),
			}),
			'JSON from another site': () => ({
				origin: EVIL,
				contentType: 'application/json',
				body: JSON.stringify({ roomId: world.submitted.id }),
			}),
			'JSON from another site, to the page': () => ({
				origin: EVIL,
				contentType: 'application/json',
				body: JSON.stringify({ roomId: world.submitted.id }),
				target: 'page',
			}),
			'text/plain;foo from another site': () => ({
				origin: EVIL,
				contentType: 'text/plain;foo',
				body: form(),
			}),
			'application/x-www-form-urlencoded;x from another site': () => ({
				origin: EVIL,
				contentType: 'application/x-www-form-urlencoded;x',
				body: form(),
			}),
			'an unknown content type with parameters from another site': () => ({
				origin: EVIL,
				contentType: 'application/x-livefest; a=b',
				body: form(),
				target: 'page',
			}),
			'no content type from another site': () => ({
				origin: EVIL,
				contentType: null,
				body: form(),
			}),
			'no Origin header': () => ({
				origin: null,
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
			}),
			'no Origin header, JSON': () => ({
				origin: null,
				contentType: 'application/json',
				body: JSON.stringify({ roomId: world.submitted.id }),
			}),
			'Origin: null (a sandboxed frame)': () => ({
				origin: 'null',
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
			}),
			'the same host over https (another origin)': () => ({
				origin: server.origin.replace('http:', 'https:'),
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
			}),
			'the same machine under another name': () => ({
				origin: server.origin.replace('127.0.0.1', 'localhost'),
				contentType: 'application/x-www-form-urlencoded',
				body: form(),
			}),
			'PUT from another site': () => ({
				origin: EVIL,
				contentType: 'application/json',
				body: '{}',
				method: 'PUT',
				target: 'page',
			}),
			'DELETE from another site': () => ({
				origin: EVIL,
				contentType: null,
				body: '',
				method: 'DELETE',
				target: 'page',
			}),
			'PATCH from another site': () => ({
				origin: EVIL,
				contentType: 'text/plain;charset=UTF-8',
				body: form(),
				method: 'PATCH',
			}),
		};
		const statuses: Record<string, number> = {};
		for (const [name, attempt] of Object.entries(attempts)) {
			const response = await cancelRoom(attempt());
			await response.arrayBuffer();
			statuses[name] = response.status;
		}
		expect({ statuses, status: reviewStatus() }).toEqual({
			// PUT, DELETE and PATCH are answered 405 by the serving layer before any origin check.
			statuses: Object.fromEntries(
				Object.keys(attempts).map((name) => [name, /^(PUT|DELETE|PATCH) /.test(name) ? 405 : 403]),
			),
			status: 'submitted',
		});
	});

	it('the open counter refuses a beacon from another site, in JSON or text', async () => {
		const room = world.approved[0]!.id;
		const before = readOpenCounts(server.file);
		const send = (origin: string, contentType: string, body: string) =>
			server.get(`/api/rooms/${room}/open`, {
				method: 'POST',
				body,
				headers: { origin, 'content-type': contentType },
			});
		const statuses = [
			(await send(EVIL, 'application/json', '"scheme"')).status,
			(await send(EVIL, 'text/plain;charset=UTF-8', 'scheme')).status,
			(await send(EVIL, 'text/plain;foo', 'scheme')).status,
		];
		expect({ statuses, counts: readOpenCounts(server.file) }).toEqual({
			statuses: [403, 403, 403],
			counts: before,
		});
	});
});

describe('state-changing requests from the portal’s own pages', () => {
	it('a beacon with a charset parameter is counted', async () => {
		const response = await server.get(`/api/rooms/${world.approved[0]!.id}/open`, {
			method: 'POST',
			body: 'scheme',
			headers: { origin: server.origin, 'content-type': 'text/plain;charset=UTF-8' },
		});
		expect(response.status).toBe(204);
	});

	it('a form with a charset parameter goes through', async () => {
		const response = await cancelRoom({
			origin: server.origin,
			contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
			body: form(),
		});
		await response.arrayBuffer();
		expect([response.status, reviewStatus()]).toEqual([200, 'cancelled']);
	});
});
