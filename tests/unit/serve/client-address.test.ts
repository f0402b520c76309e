import { afterEach, describe, expect, it } from 'vitest';
import { anonymizeAddress, compileTrustedProxies } from '../../../src/serve/client-address';
import { listen, type RunningHttpServer } from '../../../src/serve/http-server';
import { PageCache } from '../../../src/serve/page-cache';
import { createServingLayer, type AstroHandler } from '../../../src/serve/serving-layer';
import { rawRequest } from '../../support/net';

/**
 * Unit: the serving layer decides the client address once (src/serve/client-address.ts) and
 * hands it to Astro as the only `X-Forwarded-For` value, on a real HTTP server whose peer is
 * 127.0.0.1; the stand-in for Astro's handler answers with what it was given.
 */
let running: RunningHttpServer | undefined;
afterEach(async () => {
	await running?.shutdown(100);
	running = undefined;
});

async function start(trusted: string[] = []): Promise<string> {
	const handler: AstroHandler = async (req, res) => {
		const seen = {
			forwardedFor: req.headers['x-forwarded-for'] ?? null,
			forwardedHost: req.headers['x-forwarded-host'] ?? null,
			forwardedProto: req.headers['x-forwarded-proto'] ?? null,
		};
		res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		res.write(JSON.stringify(seen));
		res.end();
	};
	const layer = createServingLayer({
		handler,
		statics: new Map(),
		cache: new PageCache(1024 * 1024),
		trustProxy: compileTrustedProxies(trusted),
	});
	running = await listen(layer, { host: '127.0.0.1', port: 0 });
	const address = running.server.address();
	return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function seen(origin: string, headers: Record<string, string>) {
	const response = await rawRequest(`${origin}/`, { method: 'POST', headers });
	return JSON.parse(response.body.toString('utf8')) as Record<string, string | null>;
}

describe('the client address', () => {
	it('with no trusted proxies, a spoofed X-Forwarded-For is replaced by the socket peer', async () => {
		const origin = await start();
		expect([
			await seen(origin, { 'x-forwarded-for': '10.9.1.7' }),
			await seen(origin, {
				'x-forwarded-for': '10.9.2.7, 203.0.113.9',
				'x-forwarded-host': 'evil.example',
				'x-forwarded-proto': 'https',
			}),
			await seen(origin, {}),
		]).toEqual([
			{ forwardedFor: '127.0.0.1', forwardedHost: null, forwardedProto: null },
			{ forwardedFor: '127.0.0.1', forwardedHost: null, forwardedProto: null },
			{ forwardedFor: '127.0.0.1', forwardedHost: null, forwardedProto: null },
		]);
	});

	it('from a trusted proxy, the nearest untrusted address of X-Forwarded-For is the client', async () => {
		const origin = await start(['127.0.0.1/32', '10.0.0.0/8']);
		const answers = await Promise.all([
			seen(origin, { 'x-forwarded-for': '203.0.113.5' }),
			// A client wrote the first entry itself; the proxy appended the address it saw.
			seen(origin, { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' }),
			// Two proxies: the inner one (10.x) is trusted too, so the client is before it.
			seen(origin, { 'x-forwarded-for': '203.0.113.5, 10.1.1.1' }),
			seen(origin, { 'x-forwarded-for': 'not-an-address' }),
			seen(origin, { 'x-forwarded-for': '2001:db8::7' }),
			seen(origin, { 'x-forwarded-proto': 'https' }),
		]);
		expect(answers.map((a) => a.forwardedFor)).toEqual([
			'203.0.113.5',
			'203.0.113.5',
			'203.0.113.5',
			'127.0.0.1',
			'2001:db8::7',
			'127.0.0.1',
		]);
		expect(answers[5]!.forwardedProto).toBe('https');
	});

	it('a peer outside TRUSTED_PROXIES is not believed even when other proxies are', async () => {
		const origin = await start(['192.0.2.0/24']);
		expect((await seen(origin, { 'x-forwarded-for': '203.0.113.5' })).forwardedFor).toBe(
			'127.0.0.1',
		);
	});

	it('compileTrustedProxies refuses an entry that is not an address', () => {
		expect(() => compileTrustedProxies(['10.0.0.0/8', 'proxy.example'])).toThrow(TypeError);
	});
});

describe('methods', () => {
	it('TRACE, PUT, DELETE and PATCH answer 405 with Allow; OPTIONS 204; none reaches Astro', async () => {
		const origin = await start();
		const answers = await Promise.all(
			['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((method) =>
				rawRequest(`${origin}/`, { method }),
			),
		);
		expect(answers.map((a) => [a.status, a.headers.allow])).toEqual([
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[204, 'GET, HEAD, POST, OPTIONS'],
		]);
	});
});

describe('the address the access log keeps', () => {
	it('is the network: IPv4 without its last byte, IPv6 cut to 48 bits, nothing else', () => {
		expect(
			[
				'203.0.113.57',
				'127.0.0.1',
				'2001:db8:85a3::8a2e:370:7334',
				'2001:0db8:0000:0042::1',
				'::1',
				'unknown',
			].map(anonymizeAddress),
		).toEqual(['203.0.113.0', '127.0.0.0', '2001:db8:85a3::', '2001:db8::', '::', 'unknown']);
	});
});
