import { describe, expect, it } from 'vitest';
import { encodeBody, pickEncoding } from '../../../src/serve/encoded-body';
import { acceptedEncodings, etagFor, matchesEtag } from '../../../src/serve/negotiate';

describe('Accept-Encoding', () => {
	it.each([
		[undefined, { br: false, gzip: false }],
		['', { br: false, gzip: false }],
		['gzip, deflate, br', { br: true, gzip: true }],
		['gzip', { br: false, gzip: true }],
		['br;q=0, gzip;q=0.5', { br: false, gzip: true }],
		['BR ; Q=1', { br: true, gzip: false }],
		['*', { br: true, gzip: true }],
		['*;q=0', { br: false, gzip: false }],
		['br;q=0, *', { br: false, gzip: true }],
		['identity', { br: false, gzip: false }],
		['x-gzip', { br: false, gzip: true }],
		['gzip;q=nonsense', { br: false, gzip: false }],
	])('%j accepts %j', (header, expected) => {
		expect(acceptedEncodings(header)).toEqual(expected);
	});

	it('serves the smallest accepted encoding and tags each encoding differently', async () => {
		const page = Buffer.from('<p>荔枝节女装专场</p>'.repeat(200));
		const body = await encodeBody(page, 'text/html; charset=utf-8');
		const br = pickEncoding(body, { br: true, gzip: true });
		const gz = pickEncoding(body, { br: false, gzip: true });
		const plain = pickEncoding(body, { br: false, gzip: false });
		expect([br.encoding, gz.encoding, plain.encoding]).toEqual(['br', 'gzip', 'identity']);
		expect(new Set([br.etag, gz.etag, plain.etag]).size).toBe(3);
		expect(plain.bytes.equals(page)).toBe(true);
		expect(br.bytes.length).toBeLessThan(gz.bytes.length);
	});

	it('does not compress small bodies or images', async () => {
		const small = await encodeBody(Buffer.from('ok'), 'text/plain');
		const image = await encodeBody(Buffer.alloc(50_000, 7), 'image/png');
		expect([small.br, small.gzip, image.br, image.gzip]).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
	});
});

describe('If-None-Match', () => {
	const base = '"abc"';
	it.each([
		[undefined, false],
		['"abc"', true],
		['W/"abc"', true],
		['"abc-br"', true],
		['"zzz", "abc-gz"', true],
		['*', true],
		['"abcd"', false],
		['"ab"', false],
	])('%j matches %s', (header, expected) => {
		expect(matchesEtag(header, etagFor(base, 'br'))).toBe(expected);
	});
});
