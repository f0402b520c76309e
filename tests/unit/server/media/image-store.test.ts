/**
 * Unit (real sharp, real files): the media pipeline decodes, re-encodes and strips every picture,
 * refuses what it cannot decode, and stores each input once by key.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
	computeImageKey,
	readStoredImage,
	storeImage,
} from '../../../../src/lib/server/media/image-store';
import { GPS_MARKER, makePhoto } from '../../../support/images';

const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real PNG whose header claims `width` × `height` (its CRC fixed), without those pixels. */
async function claimSize(width: number, height: number): Promise<Buffer> {
	const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
		.png()
		.toBuffer();
	png.writeUInt32BE(width, 16);
	png.writeUInt32BE(height, 20);
	png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
	return png;
}

describe('storeImage', () => {
	it('serves a phone photo with GPS EXIF as WebP at two widths with no metadata at all', async () => {
		const photo = await makePhoto({ gps: true, width: 1200, height: 1600 });
		const before = await sharp(photo).metadata();
		const stored = await storeImage(dir, photo, 'cover');
		if (!stored.ok) throw new Error(stored.problem);
		const files = await Promise.all(
			[320, 640].map(async (w) => readStoredImage(dir, `${stored.key}-${w}.webp`)),
		);
		const metas = await Promise.all(files.map((f) => sharp(f!).metadata()));
		expect({
			inputHadGps: before.exif?.includes(Buffer.from(GPS_MARKER)) ?? false,
			outputs: metas.map((m) => [m.format, m.width, m.height, m.exif, m.xmp, m.icc]),
			markerInBytes: files.map((f) => f!.includes(Buffer.from(GPS_MARKER))),
		}).toEqual({
			inputHadGps: true,
			outputs: [
				['webp', 320, 240, undefined, undefined, undefined],
				['webp', 640, 480, undefined, undefined, undefined],
			],
			markerInBytes: [false, false],
		});
	});

	it('stores the same picture once, under the key of its bytes and kind', async () => {
		const photo = await makePhoto({ format: 'png', colour: '#0b5cad' });
		const first = await storeImage(dir, photo, 'product');
		const count = readdirSync(dir).length;
		const second = await storeImage(dir, photo, 'product');
		expect([first, second, readdirSync(dir).length - count]).toEqual([
			{ ok: true, key: computeImageKey(photo, 'product') },
			{ ok: true, key: computeImageKey(photo, 'product') },
			0,
		]);
	});

	it('refuses what it cannot decode, an SVG from outside, and a header claiming 100 megapixels', async () => {
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
		);
		const results = await Promise.all([
			storeImage(dir, new TextEncoder().encode('<html>not a picture</html>'), 'cover'),
			storeImage(dir, (await makePhoto()).subarray(0, 200), 'cover'),
			storeImage(dir, svg, 'cover'),
			storeImage(dir, await claimSize(10_000, 10_000), 'cover'),
		]);
		expect(results).toEqual([
			{ ok: false, problem: 'notImage' },
			{ ok: false, problem: 'notImage' },
			{ ok: false, problem: 'notImage' },
			{ ok: false, problem: 'tooManyPixels' },
		]);
	});

	it('readStoredImage reads only names the pipeline makes', async () => {
		const stored = await storeImage(dir, await makePhoto({ colour: '#11592a' }), 'cover');
		if (!stored.ok) throw new Error(stored.problem);
		const names = [
			`${stored.key}-320.webp`,
			`${stored.key}-321.webp`,
			`${stored.key}-320.jpg`,
			`../${stored.key}-320.webp`,
			`${stored.key.toUpperCase()}-320.webp`,
		];
		const read = await Promise.all(names.map((n) => readStoredImage(dir, n)));
		expect(read.map((b) => b !== null)).toEqual([true, false, false, false, false]);
	});
});
