import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/lib/server/env';

/** Unit: the configuration issue 14 adds, parsed by src/lib/server/env.ts. */
const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('hex');

describe('loadEnv', () => {
	it('TRUSTED_PROXIES is empty by default and lists addresses, CIDRs and named ranges', () => {
		expect([
			loadEnv({}).trustedProxies,
			loadEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7 loopback,::1' }).trustedProxies,
		]).toEqual([[], ['10.0.0.0/8', '192.168.1.7', 'loopback', '::1']]);
	});

	it('a TRUSTED_PROXIES entry that is not an address stops the start with its name', () => {
		expect(() => loadEnv({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.example' })).toThrow(
			'TRUSTED_PROXIES: not an address or CIDR: proxy.example',
		);
	});

	it('SECRETS_KEY_PREVIOUS holds retired keys; a key of the wrong size is refused', () => {
		const env = loadEnv({ SECRETS_KEY: KEY_A, SECRETS_KEY_PREVIOUS: `${KEY_B}` });
		expect([
			env.previousSecretsKeys.map((k) => k.toString('hex')),
			loadEnv({}).previousSecretsKeys,
		]).toEqual([[KEY_B], []]);
		expect(() => loadEnv({ SECRETS_KEY_PREVIOUS: `${KEY_B},c2hvcnQ=` })).toThrow(
			'SECRETS_KEY_PREVIOUS: each key must be 32 bytes',
		);
	});

	it('ICP_FILING is trimmed and optional', () => {
		expect([
			loadEnv({}).icpFiling,
			loadEnv({ ICP_FILING: ' 粤ICP备12345678号-1 ' }).icpFiling,
		]).toEqual([undefined, '粤ICP备12345678号-1']);
	});

	it('seeds the demo by default, not with LIVEFEST_DEMO=0, never with NODE_ENV=production', () => {
		expect(
			[
				{},
				{ LIVEFEST_DEMO: '0' },
				{ LIVEFEST_DEMO: 'false' },
				{ NODE_ENV: 'production' },
				{ NODE_ENV: 'production', LIVEFEST_DEMO: '1' },
				{ NODE_ENV: 'development', LIVEFEST_DEMO: 'true' },
			].map((vars) => loadEnv(vars).demo),
		).toEqual([true, false, false, false, false, true]);
	});

	it('METRICS_ALLOW is loopback by default and refuses what is not an address', () => {
		expect([
			loadEnv({}).metricsAllow,
			loadEnv({ METRICS_ALLOW: '10.0.0.0/8, ::1' }).metricsAllow,
		]).toEqual([['loopback'], ['10.0.0.0/8', '::1']]);
		expect(() => loadEnv({ METRICS_ALLOW: 'prometheus.internal' })).toThrow(
			'METRICS_ALLOW: not an address or CIDR: prometheus.internal',
		);
	});
});
