import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	checkCover,
	COVER_MAX_BYTES,
	readStoredCover,
	storeCover,
} from '../../../../src/lib/server/upload/cover';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('covers', () => {
	it('checkCover tells JPEG, PNG and WebP by content and refuses anything else', () => {
		const gif = new TextEncoder().encode('GIF89a......');
		const html = new TextEncoder().encode('<svg onload=alert(1)>');
		expect([JPEG, PNG, WEBP, gif, html, new Uint8Array()].map(checkCover)).toEqual([
			{ ok: true, type: 'jpeg' },
			{ ok: true, type: 'png' },
			{ ok: true, type: 'webp' },
			{ ok: false, problem: 'notImage' },
			{ ok: false, problem: 'notImage' },
			{ ok: false, problem: 'notImage' },
		]);
	});

	it('checkCover refuses one byte over 2 MB', () => {
		const big = new Uint8Array(COVER_MAX_BYTES + 1);
		big.set(PNG);
		expect([checkCover(big.subarray(0, COVER_MAX_BYTES)), checkCover(big)]).toEqual([
			{ ok: true, type: 'png' },
			{ ok: false, problem: 'tooLarge' },
		]);
	});

	it('storeCover names the file by its content hash, once, and readStoredCover reads only such names', () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-covers-'));
		const first = storeCover(dir, PNG, 'png');
		const second = storeCover(dir, PNG, 'png');
		const name = first.replace('/media/', '');
		expect([
			first === second,
			/^\/media\/[0-9a-f]{32}\.png$/.test(first),
			readdirSync(dir),
		]).toEqual([true, true, [name]]);
		expect([
			readStoredCover(dir, name)?.contentType,
			readStoredCover(dir, '../../etc/passwd'),
			readStoredCover(dir, name.replace('.png', '.jpg')),
			readStoredCover(dir, name.toUpperCase()),
		]).toEqual(['image/png', null, null, null]);
	});
});
