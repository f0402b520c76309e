import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from '../../../src/lib/server/security/csrf';

/** Unit: which requests count as cross-site writes (src/lib/server/security/csrf.ts). */
const SERVER = 'http://10.0.0.5:4321';
const PUBLIC = 'https://festival.example';

const request = (method: string, origin?: string, contentType?: string): Request =>
	new Request(`${SERVER}/merchant/rooms`, {
		method,
		headers: {
			...(origin === undefined ? {} : { origin }),
			...(contentType === undefined ? {} : { 'content-type': contentType }),
		},
	});

describe('isCrossSiteWrite', () => {
	it('refuses every unsafe method unless Origin is the server or the public origin', () => {
		const cases: [string, string | undefined, string | undefined][] = [
			['POST', PUBLIC, 'application/x-www-form-urlencoded'],
			['POST', SERVER, 'multipart/form-data; boundary=x'],
			['POST', 'https://evil.example', 'application/json'],
			['POST', 'https://evil.example', 'text/plain;foo'],
			['POST', 'https://evil.example', 'application/x-www-form-urlencoded;x'],
			['POST', 'http://festival.example', 'application/x-www-form-urlencoded'],
			['POST', 'https://sub.festival.example', 'application/x-www-form-urlencoded'],
			['POST', 'null', 'application/x-www-form-urlencoded'],
			['POST', undefined, 'application/json'],
			['DELETE', 'https://evil.example', undefined],
			['PUT', PUBLIC, 'application/json'],
		];
		expect(cases.map(([m, o, t]) => isCrossSiteWrite(request(m, o, t), SERVER, PUBLIC))).toEqual([
			false,
			false,
			true,
			true,
			true,
			true,
			true,
			true,
			true,
			true,
			false,
		]);
	});

	it('lets safe methods through from anywhere', () => {
		expect(
			['GET', 'HEAD', 'OPTIONS'].map((m) =>
				isCrossSiteWrite(request(m, 'https://evil.example'), SERVER, PUBLIC),
			),
		).toEqual([false, false, false]);
	});
});
