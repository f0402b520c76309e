import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	buildCustomParams,
	buildOpenTagPath,
	buildRoomQuery,
	buildUrlScheme,
	CUSTOM_PARAMS_MAX_LENGTH,
	SCHEME_QUERY_MAX_LENGTH,
} from '../../../../src/lib/server/deeplink/scheme';
import { DEEPLINK_CHANNELS } from '../../../../src/lib/shared/status';

const HEX = [...'0123456789abcdef'];
const appIdArb = fc
	.array(fc.constantFrom(...HEX), { minLength: 16, maxLength: 16 })
	.map((d) => `wx${d.join('')}`);
const segmentArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
/** Page paths as merchants name them: segments, sometimes a dotted last one. */
const pathArb = fc
	.tuple(fc.array(segmentArb, { minLength: 1, maxLength: 5 }), fc.boolean())
	.map(([segments, dotted]) => segments.join('/') + (dotted ? '.page' : ''));
/** Any text a query could hold, Chinese and emoji included. */
const queryArb = fc.string({ unit: 'grapheme', maxLength: 200 });
const slugArb = fc.stringMatching(/^[a-z0-9-]{1,200}$/);

/** The parts of a built scheme, read back the way WeChat reads them. */
function readScheme(scheme: string) {
	const url = new URL(scheme);
	return {
		protocol: url.protocol,
		host: url.host,
		pathname: url.pathname,
		keys: [...url.searchParams.keys()],
		appid: url.searchParams.get('appid'),
		path: url.searchParams.get('path'),
		query: url.searchParams.get('query'),
		env: url.searchParams.get('env_version'),
	};
}

describe('buildUrlScheme', () => {
	it('buildUrlScheme of a room query gives the documented plaintext scheme', () => {
		const query = buildRoomQuery(42, { festival: 'gz-2026', channel: 'scheme' });
		expect(query).toEqual({
			ok: true,
			value:
				'room_id=42&custom_params=%7B%22source%22%3A%22livefest%22%2C%22festival%22%3A%22gz-2026%22%2C%22channel%22%3A%22scheme%22%7D',
		});
		const scheme = buildUrlScheme({
			appId: 'wx2b03c6e691cd7370',
			path: 'pages/live/room',
			query: query.ok ? query.value : '',
		});
		expect(scheme).toEqual({
			ok: true,
			value:
				'weixin://dl/business/?appid=wx2b03c6e691cd7370&path=pages/live/room&query=room_id%3D42%26custom_params%3D%257B%2522source%2522%253A%2522livefest%2522%252C%2522festival%2522%253A%2522gz-2026%2522%252C%2522channel%2522%253A%2522scheme%2522%257D&env_version=release',
		});
	});

	it('buildUrlScheme accepts an encoded query of exactly 512 characters and refuses 513', () => {
		const input = { appId: 'wx2b03c6e691cd7370', path: 'pages/live/room' };
		expect([
			buildUrlScheme({ ...input, query: 'a'.repeat(512) }).ok,
			buildUrlScheme({ ...input, query: 'a'.repeat(513) }),
			// 女 is 9 characters once encoded (%E5%A5%B3): 56 × 9 = 504 fits, 57 × 9 = 513 does not.
			buildUrlScheme({ ...input, query: '女'.repeat(56) }).ok,
			buildUrlScheme({ ...input, query: '女'.repeat(57) }),
		]).toEqual([
			true,
			{ ok: false, problem: 'queryTooLong' },
			true,
			{ ok: false, problem: 'queryTooLong' },
		]);
	});

	it('buildUrlScheme round-trips every valid AppID, path and query, and refuses long ones', () => {
		fc.assert(
			fc.property(appIdArb, pathArb, queryArb, (appId, path, query) => {
				const result = buildUrlScheme({ appId, path, query });
				if (encodeURIComponent(query).length > SCHEME_QUERY_MAX_LENGTH) {
					expect(result).toEqual({ ok: false, problem: 'queryTooLong' });
					return;
				}
				expect(result.ok).toBe(true);
				const value = result.ok ? result.value : '';
				expect(readScheme(value)).toEqual({
					protocol: 'weixin:',
					host: 'dl',
					pathname: '/business/',
					keys: ['appid', 'path', 'query', 'env_version'],
					appid: appId,
					path,
					query,
					env: 'release',
				});
				// Only characters that need no further escaping anywhere a link is written.
				expect(value).toMatch(/^[A-Za-z0-9:/?&=%._~!*'()-]+$/);
			}),
			{ numRuns: 500 },
		);
	});

	it('buildUrlScheme refuses anything that is not wx and 16 lowercase hex digits', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 24 }), (appId) => {
				fc.pre(!/^wx[0-9a-f]{16}$/.test(appId));
				expect(buildUrlScheme({ appId, path: 'pages/live/room', query: 'room_id=1' })).toEqual({
					ok: false,
					problem: 'appId',
				});
			}),
			{ numRuns: 300 },
		);
	});

	it('buildUrlScheme refuses a path with a leading slash, a query or a fragment', () => {
		const appId = 'wx2b03c6e691cd7370';
		const paths = [
			'/pages/live/room',
			'pages/live/room?x=1',
			'pages/live#room',
			'pages/live room',
			'',
		];
		expect(paths.map((path) => buildUrlScheme({ appId, path, query: 'room_id=1' }))).toEqual(
			paths.map(() => ({ ok: false, problem: 'pagePath' })),
		);
	});

	it('buildUrlScheme refuses every generated path that starts with a slash or holds ?', () => {
		fc.assert(
			fc.property(pathArb, fc.constantFrom('/', '?', '#', ' '), fc.nat(40), (path, bad, at) => {
				const broken = bad === '/' ? `/${path}` : path.slice(0, at) + bad + path.slice(at);
				const result = buildUrlScheme({ appId: 'wx2b03c6e691cd7370', path: broken, query: 'a=1' });
				expect(result).toEqual({ ok: false, problem: 'pagePath' });
			}),
		);
	});
});

describe('buildCustomParams', () => {
	it('buildCustomParams of any festival and channel decodes to the attribution, within 600', () => {
		fc.assert(
			fc.property(slugArb, fc.constantFrom(...DEEPLINK_CHANNELS), (festival, channel) => {
				const result = buildCustomParams({ festival, channel });
				const json = JSON.stringify({ source: 'livefest', festival, channel });
				if (encodeURIComponent(json).length > CUSTOM_PARAMS_MAX_LENGTH) {
					expect(result).toEqual({ ok: false, problem: 'customParamsTooLong' });
					return;
				}
				expect(result.ok).toBe(true);
				const value = result.ok ? result.value : '';
				expect(JSON.parse(decodeURIComponent(value))).toEqual({
					source: 'livefest',
					festival,
					channel,
				});
				expect(value.length).toBeLessThanOrEqual(CUSTOM_PARAMS_MAX_LENGTH);
			}),
		);
	});

	it('buildCustomParams refuses a festival slug that makes it longer than 600', () => {
		expect(buildCustomParams({ festival: 'x'.repeat(600), channel: 'qr' })).toEqual({
			ok: false,
			problem: 'customParamsTooLong',
		});
	});
});

describe('buildRoomQuery', () => {
	it('buildRoomQuery of any WeChat room id gives room_id and custom_params a page can read', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), slugArb, (id, slug) => {
				const result = buildRoomQuery(id, { festival: slug.slice(0, 40), channel: 'scheme' });
				expect(result.ok).toBe(true);
				const params = new URLSearchParams(result.ok ? result.value : '');
				expect([...params.keys()]).toEqual(['room_id', 'custom_params']);
				expect(params.get('room_id')).toBe(String(id));
				expect(JSON.parse(params.get('custom_params')!).festival).toBe(slug.slice(0, 40));
			}),
		);
	});

	it('buildRoomQuery refuses an id that is not a positive safe integer', () => {
		const ids = [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1];
		expect(ids.map((id) => buildRoomQuery(id, { festival: 'f', channel: 'scheme' }))).toEqual(
			ids.map(() => ({ ok: false, problem: 'roomId' })),
		);
	});
});

describe('buildOpenTagPath', () => {
	it('buildOpenTagPath adds .html to the page and keeps the query readable', () => {
		expect(
			buildOpenTagPath({ path: 'pages/live/room', query: 'room_id=42&custom_params=%7B%7D' }),
		).toEqual({
			ok: true,
			value: 'pages/live/room.html?room_id=42&custom_params=%7B%7D',
		});
	});

	it('buildOpenTagPath refuses what the URL Scheme refuses', () => {
		expect([
			buildOpenTagPath({ path: '/pages/live/room', query: 'a=1' }),
			buildOpenTagPath({ path: 'pages/live/room', query: 'a'.repeat(513) }),
		]).toEqual([
			{ ok: false, problem: 'pagePath' },
			{ ok: false, problem: 'queryTooLong' },
		]);
	});
});
