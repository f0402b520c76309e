import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, hashScript } from '../../../src/lib/server/security/csp';
import { buildSecurityHeaders } from '../../../src/lib/server/security/headers';

/** Unit: the policy strings (src/lib/server/security/csp.ts, headers.ts). */
const scriptSrc = (csp: string): string[] =>
	csp
		.split('; ')
		.find((d) => d.startsWith('script-src '))!
		.split(' ')
		.slice(1);

describe('hashScript', () => {
	it('gives the CSP source of a script text (the example of CSP Level 3)', () => {
		expect(hashScript("alert('Hello, world.');")).toBe(
			"'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
		);
	});
});

describe('buildContentSecurityPolicy', () => {
	it('a page over http: own scripts and hashes only, no framing, no upgrade', () => {
		const csp = buildContentSecurityPolicy({ pathname: '/schedule', https: false });
		expect(csp.replace(/ 'sha256-[^']+'/g, '')).toBe(
			"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
				"img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
				"base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
		);
	});

	it('never allows inline script or eval, on any page', () => {
		const sources = ['/', '/go/1', '/en/go/1', '/staff'].flatMap((pathname) =>
			scriptSrc(buildContentSecurityPolicy({ pathname, https: true })),
		);
		expect(sources.filter((s) => /unsafe|\*|data:|https:$/.test(s))).toEqual([]);
	});

	it("allows WeChat's SDK hosts on /go (both languages) and nowhere else", () => {
		const hosts = (pathname: string) =>
			scriptSrc(buildContentSecurityPolicy({ pathname, https: false })).filter((s) =>
				s.startsWith('https://'),
			);
		const wechat = ['https://res.wx.qq.com', 'https://res2.wx.qq.com'];
		expect([hosts('/go/7'), hosts('/en/go/7'), hosts('/rooms/7'), hosts('/goods/go/7')]).toEqual([
			wechat,
			wechat,
			[],
			[],
		]);
	});

	it('lets only the widget (/embed/, both languages) be framed: by the portal and EMBED_ORIGINS', () => {
		const ancestors = (pathname: string) =>
			buildContentSecurityPolicy({
				pathname,
				https: false,
				embedOrigins: ['https://www.gz.gov.cn', 'https://news.example.cn'],
			})
				.split('; ')
				.find((d) => d.startsWith('frame-ancestors '));
		const widget = "frame-ancestors 'self' https://www.gz.gov.cn https://news.example.cn";
		expect([
			ancestors('/embed/venues/liwan'),
			ancestors('/en/embed/districts/liwan'),
			ancestors('/venues/liwan'),
			ancestors('/staff/embed/x'),
		]).toEqual([widget, widget, "frame-ancestors 'none'", "frame-ancestors 'none'"]);
	});

	it('over https, upgrades insecure requests', () => {
		expect(buildContentSecurityPolicy({ pathname: '/', https: true })).toMatch(
			/; upgrade-insecure-requests$/,
		);
	});
});

describe('buildSecurityHeaders', () => {
	it('sends HSTS only when the public origin is https', () => {
		expect([
			buildSecurityHeaders('/', true)['Strict-Transport-Security'],
			buildSecurityHeaders('/', false)['Strict-Transport-Security'],
		]).toEqual(['max-age=31536000', undefined]);
	});

	it('sends X-Frame-Options: DENY everywhere but on the widget, which it cannot allow a list of sites', () => {
		expect([
			buildSecurityHeaders('/embed/venues/liwan', false, ['https://www.gz.gov.cn'])[
				'X-Frame-Options'
			],
			buildSecurityHeaders('/venues/liwan', false, ['https://www.gz.gov.cn'])['X-Frame-Options'],
		]).toEqual([undefined, 'DENY']);
	});
});
