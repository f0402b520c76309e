import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { createUser, TEST_PASSWORD } from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { FormClient } from '../merchant/client';

/**
 * Integration: the security headers of the built server (src/lib/server/security/), on public,
 * merchant and console pages, over plain http and with an https public origin (TLS ending at a
 * proxy in front of the server).
 */
let server: RunningServer;
let world: ConsoleWorld;
beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => {
			world = seedConsoleWorld(db);
			createUser(db, { email: 'cookie@example.com' });
		},
	});
});
afterAll(() => server?.stop());

type Who = 'anonymous' | 'merchant' | 'staff' | 'admin';
const pages = (): [string, Who][] => {
	const room = world.approved[0]!.id;
	return [
		['/', 'anonymous'],
		['/en/', 'anonymous'],
		['/schedule', 'anonymous'],
		['/en/schedule?day=2026-06-07', 'anonymous'],
		[`/rooms/${room}`, 'anonymous'],
		[`/rooms/${world.showcase.id}`, 'anonymous'],
		['/search?q=%E8%8D%94%E6%9E%9D', 'anonymous'],
		['/showcase', 'anonymous'],
		[`/merchants/${world.shop.id}`, 'anonymous'],
		['/my', 'anonymous'],
		[`/go/${room}`, 'anonymous'],
		[`/en/go/${room}`, 'anonymous'],
		['/merchant/login', 'anonymous'],
		['/staff-login', 'anonymous'],
		['/no-such-page', 'anonymous'],
		['/', 'merchant'],
		['/merchant', 'merchant'],
		['/merchant/rooms', 'merchant'],
		[`/merchant/rooms/${room}`, 'merchant'],
		['/staff', 'staff'],
		['/staff/review', 'staff'],
		['/staff/featured', 'staff'],
		['/staff/showcase', 'staff'],
		['/staff/settings', 'admin'],
	];
};

const get = (path: string, who: Who): Promise<Response> =>
	server.get(path, {
		headers: who === 'anonymous' ? {} : { cookie: `${SESSION_COOKIE}=${world.tokens[who]}` },
	});

/** The CSP's directives by name. */
function directives(csp: string): Record<string, string[]> {
	return Object.fromEntries(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!, values]),
	);
}

/** The scripts a browser would run from the page's own text (not JSON-LD, not templates). */
function inlineScripts(html: string): string[] {
	return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
		.filter(([, attrs = '']) => {
			const type = /\stype="([^"]*)"/.exec(attrs)?.[1];
			return !/\ssrc=/.test(attrs) && (!type || type === 'module' || /javascript/.test(type));
		})
		.map(([, , text]) => text!);
}

const sha256 = (text: string) =>
	`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('security headers over http', () => {
	it('every page answers with the same baseline headers and no HSTS', async () => {
		const seen: Record<string, unknown> = {};
		for (const [path, who] of pages()) {
			const response = await get(path, who);
			await response.arrayBuffer();
			const h = response.headers;
			seen[`${who} ${path}`] = {
				nosniff: h.get('x-content-type-options'),
				frame: h.get('x-frame-options'),
				referrer: h.get('referrer-policy'),
				permissions: h.get('permissions-policy'),
				coop: h.get('cross-origin-opener-policy'),
				hsts: h.get('strict-transport-security'),
			};
		}
		const expected = {
			nosniff: 'nosniff',
			frame: 'DENY',
			referrer: 'strict-origin-when-cross-origin',
			permissions: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
			coop: 'same-origin',
			hsts: null,
		};
		expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, expected])));
	});

	it('no page allows inline script, framing, plugins or other origins’ scripts, except WeChat’s SDK on /go', async () => {
		const seen: Record<string, unknown> = {};
		for (const [path, who] of pages()) {
			const response = await get(path, who);
			await response.arrayBuffer();
			const d = directives(response.headers.get('content-security-policy') ?? '');
			seen[`${who} ${path}`] = {
				scriptSources: d['script-src']!.filter((s) => !s.startsWith("'sha256-")),
				hashes: d['script-src']!.filter((s) => s.startsWith("'sha256-")).length > 0,
				style: d['style-src'],
				frameAncestors: d['frame-ancestors'],
				objects: d['object-src'],
				base: d['base-uri'],
				forms: d['form-action'],
				defaults: d['default-src'],
				upgrade: 'upgrade-insecure-requests' in d,
			};
		}
		const base = {
			scriptSources: ["'self'"],
			hashes: true,
			// Styles are inlined by the build (see src/lib/server/security/csp.ts).
			style: ["'self'", "'unsafe-inline'"],
			frameAncestors: ["'none'"],
			objects: ["'none'"],
			base: ["'self'"],
			forms: ["'self'"],
			defaults: ["'self'"],
			upgrade: false,
		};
		const wechat = ["'self'", 'https://res.wx.qq.com', 'https://res2.wx.qq.com'];
		expect(seen).toEqual(
			Object.fromEntries(
				Object.keys(seen).map((k) => [
					k,
					/ (\/en)?\/go\//.test(k) ? { ...base, scriptSources: wechat } : base,
				]),
			),
		);
	});

	it("every inline script a page carries is allowed by that page's own hashes", async () => {
		const missing: string[] = [];
		let checked = 0;
		for (const [path, who] of pages()) {
			const response = await get(path, who);
			const csp = directives(response.headers.get('content-security-policy') ?? '');
			for (const script of inlineScripts(await response.text())) {
				checked += 1;
				if (!csp['script-src']!.includes(sha256(script))) {
					missing.push(`${who} ${path}: ${script.slice(0, 60)}`);
				}
			}
		}
		expect(missing).toEqual([]);
		// The island pages carry the astro-island bootstrap and a directive each.
		expect(checked).toBeGreaterThan(10);
	});

	it('a page served from the page cache carries the same policy as when it was rendered', async () => {
		const first = await server.get('/schedule?category=food');
		const second = await server.get('/schedule?category=food');
		await Promise.all([first.arrayBuffer(), second.arrayBuffer()]);
		expect([second.headers.get('x-cache'), second.headers.get('content-security-policy')]).toEqual([
			'HIT',
			first.headers.get('content-security-policy'),
		]);
	});

	it('X-Forwarded-Proto from the client does not turn on HSTS', async () => {
		const response = await server.get('/', { headers: { 'x-forwarded-proto': 'https' } });
		await response.arrayBuffer();
		expect([
			response.headers.get('strict-transport-security'),
			'upgrade-insecure-requests' in
				directives(response.headers.get('content-security-policy') ?? ''),
		]).toEqual([null, false]);
	});

	it('the session cookie is HttpOnly, SameSite=Lax and Path=/, without Secure over http', async () => {
		const client = new FormClient(server);
		await client.post('/merchant/login', 'auth.login', {
			email: 'cookie@example.com',
			password: TEST_PASSWORD,
		});
		expect(cookieFlags(client.lastSetCookie)).toEqual([
			'HttpOnly',
			'Max-Age',
			'Path=/',
			'SameSite=Lax',
		]);
	});
});

/** The attributes of the session cookie's Set-Cookie line (Max-Age without its value), sorted. */
function cookieFlags(lines: string[]): string[] {
	const line = lines.find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? '';
	return line
		.split(';')
		.slice(1)
		.map((a) => a.trim())
		.map((a) => (a.startsWith('Max-Age=') ? 'Max-Age' : a))
		.sort();
}

describe('security headers with an https public origin', () => {
	let https: RunningServer;
	beforeAll(async () => {
		https = await startServer({
			now: CONSOLE_NOW,
			seed: (db) => {
				seedConsoleWorld(db);
				createUser(db, { email: 'cookie@example.com' });
			},
			env: { PUBLIC_ORIGIN: 'https://festival.example' },
		});
	});
	afterAll(() => https?.stop());

	it('sends HSTS and upgrades insecure requests on every response', async () => {
		const seen: Record<string, unknown> = {};
		for (const path of ['/', '/schedule', '/no-such-page', '/api/search?q=x']) {
			const response = await https.get(path);
			await response.arrayBuffer();
			seen[path] = [
				response.headers.get('strict-transport-security'),
				'upgrade-insecure-requests' in
					directives(response.headers.get('content-security-policy') ?? ''),
			];
		}
		expect(seen).toEqual({
			'/': ['max-age=31536000', true],
			'/schedule': ['max-age=31536000', true],
			'/no-such-page': ['max-age=31536000', true],
			'/api/search?q=x': ['max-age=31536000', true],
		});
	});

	it('the session cookie is Secure as well', async () => {
		const client = new FormClient(https);
		const response = await client.post('/merchant/login', 'auth.login', {
			email: 'cookie@example.com',
			password: TEST_PASSWORD,
		});
		expect([response.status, cookieFlags(client.lastSetCookie)]).toEqual([
			303,
			['HttpOnly', 'Max-Age', 'Path=/', 'SameSite=Lax', 'Secure'],
		]);
	});
});
