// Layer: integration (the built server with UPLOAD_DIR under a regular file, so no cover can be
// stored — not even by root, whom chmod does not stop). Issue 9, fault tests: a broken uploads
// directory is the merchant's clear error, never a 500, a half-written room or an orphan file.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith } from '../staff/session-client';
import { readPage } from '../../support/html';
import { makePhoto } from '../../support/images';
import { FAULT_NOW, seedFaultWorld, type FaultWorld } from '../../support/fault-world';
import { startServer, type RunningServer } from '../../support/server';

/** `<dir>/not-a-dir` is a file, so `<dir>/not-a-dir/uploads` fails with ENOTDIR for everyone. */
const DIR = mkdtempSync(path.join(os.tmpdir(), 'livefest-faults-upload-'));
writeFileSync(path.join(DIR, 'not-a-dir'), 'a file where the uploads folder should be');

let server: RunningServer;
let world: FaultWorld;
beforeAll(async () => {
	ROOM_FORM.cover = {
		blob: new Blob([new Uint8Array(await makePhoto({ format: 'png' }))]),
		name: 'cover.png',
	};
	server = await startServer({
		now: FAULT_NOW,
		seed: (db) => void (world = seedFaultWorld(db)),
		env: { UPLOAD_DIR: path.join(DIR, 'not-a-dir', 'uploads') },
	});
});
afterAll(async () => {
	await server?.stop();
	rmSync(DIR, { recursive: true, force: true });
});

const roomCount = () =>
	queryDb<{ n: number }>(
		server.file,
		'select count(*) n from room where merchant_id = ?',
		world.merchantId,
	)[0]!.n;

/** A room as the merchant fills the form in, with a valid PNG cover (made in beforeAll). */
const ROOM_FORM = {
	title: '广式点心现做',
	titleEn: 'Dim sum made live',
	anchorName: '陈师傅',
	description: '早茶一盅两件',
	start: '2026-06-07T19:30',
	end: '2026-06-07T21:00',
	wxRoomId: '',
	productName: ['虾饺礼盒'],
	productPriceType: ['fixed'],
	productPrice: ['68'],
	productPrice2: [''],
	cover: { blob: new Blob([]), name: 'cover.png' },
};

async function submit() {
	const response = await clientWith(server, world.merchantToken).post(
		'/merchant/rooms/new',
		'rooms.save',
		ROOM_FORM,
	);
	const html = await response.text();
	const page = readPage(html);
	return {
		status: response.status,
		fieldErrors: readFieldErrors(html),
		alert: page.text('.form-alert'),
		kept: [page.attr('#f-title', 'value'), page.attr('#product-name-0', 'value')],
	};
}

describe('submitting a room with a cover when the uploads directory is unusable', () => {
	it('names the cover as what could not be saved, keeps the input, and writes no room and no file', async () => {
		const result = await submit();
		expect([result.status, result.fieldErrors, result.kept]).toEqual([
			400,
			{ cover: '服务器暂时无法保存封面图，未作任何更改。请稍后再试，或先不上传封面保存。' },
			['广式点心现做', '虾饺礼盒'],
		]);
		expect([roomCount(), readdirSync(DIR)]).toEqual([0, ['not-a-dir']]);
	});
});
