/**
 * Unit (real SQLite, a real loopback HTTP server, real sharp): the image worker turns the picture
 * URLs an import leaves behind into stored pictures — once per URL however many rows name it —
 * and gives up on what is not a picture or too large, remembering why.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteImage, room, roomProduct } from '../../../../db/schema';
import {
	readStoredImage,
	REMOTE_IMAGE_MAX_BYTES,
} from '../../../../src/lib/server/media/image-store';
import { processPendingImages } from '../../../../src/lib/server/media/image-worker';
import { importLiveRooms } from '../../../../src/lib/server/room/import';
import {
	createFestival,
	createDistrict,
	createCategory,
	createMerchant,
} from '../../../support/factories';
import { GPS_MARKER, makePhoto } from '../../../support/images';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-worker-'));
const hits = new Map<string, number>();
let server: Server;
let origin = '';

beforeAll(async () => {
	const photo = await makePhoto({ gps: true });
	const goods = await makePhoto({ format: 'png', colour: '#0b5cad' });
	server = createServer((req, res) => {
		hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
		if (req.url === '/cover.jpg') res.end(photo);
		else if (req.url === '/goods.png') res.end(goods);
		else if (req.url === '/page.html') res.end('<html>a shop page</html>');
		else if (req.url === '/huge.jpg') {
			res.writeHead(200, { 'content-length': String(REMOTE_IMAGE_MAX_BYTES + 1) });
			res.end(Buffer.alloc(REMOTE_IMAGE_MAX_BYTES + 1));
		} else {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	temp.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({
	dir,
	policy: {
		allowHttp: true,
		allowLoopback: true,
		timeoutMs: 5000,
		maxBytes: REMOTE_IMAGE_MAX_BYTES,
	},
});

describe('processPendingImages', () => {
	it('fetches each URL once, stores it re-encoded, and marks refused pictures as having none', async () => {
		const { db } = temp;
		const d = createDistrict(db);
		const c = createCategory(db);
		const festival = createFestival(db, { startDate: '2020-06-06', endDate: '2020-06-08' });
		const business = createMerchant(db, { districtId: d.id, categoryId: c.id });
		const at = (h: number) => Date.parse(`2020-06-07T0${h}:00:00Z`) / 1000;
		const live = (roomid: number, cover: string) => ({
			roomid,
			name: `直播间${roomid}号`,
			cover_img: `${origin}${cover}`,
			live_status: 102,
			start_time: at(roomid),
			end_time: at(roomid + 1),
			anchor_name: '小李',
			goods: [
				{
					name: '真丝连衣裙',
					cover_img: `${origin}/goods.png`,
					price: 9900,
					price_type: 1 as const,
				},
			],
		});
		importLiveRooms(
			db,
			[live(1, '/cover.jpg'), live(2, '/cover.jpg'), live(3, '/page.html'), live(4, '/huge.jpg')],
			{ business, festival, actor: { kind: 'system', name: 'test' }, now: new Date() },
		);
		const settled = await processPendingImages(db, deps(), new Date());
		const rooms = db.select().from(room).orderBy(asc(room.wxRoomId)).all();
		const products = db.select().from(roomProduct).all();
		const served = await readStoredImage(dir, `${rooms[0]!.coverKey}-640.webp`);
		expect({
			settled,
			covers: rooms.map((r) => (r.coverKey ? 'key' : r.coverKey)),
			sameCover: rooms[0]!.coverKey === rooms[1]!.coverKey,
			products: products.map((p) => (p.imageKey ? 'key' : p.imageKey)),
			fetches: Object.fromEntries([...hits].sort()),
			failures: db
				.select({ url: remoteImage.url, failure: remoteImage.failure })
				.from(remoteImage)
				.all()
				.filter((r) => r.failure !== null)
				.map((r) => [r.url.replace(origin, ''), r.failure])
				.sort(),
			servedWithoutGps: served !== null && !served.includes(Buffer.from(GPS_MARKER)),
			servedSize: served && (await sharp(served).metadata()).width,
		}).toEqual({
			settled: 8,
			covers: ['key', 'key', '', ''],
			sameCover: true,
			products: ['key', 'key', 'key', 'key'],
			fetches: { '/cover.jpg': 1, '/goods.png': 1, '/huge.jpg': 1, '/page.html': 1 },
			failures: [
				['/huge.jpg', 'tooLarge'],
				['/page.html', 'notImage'],
			],
			servedWithoutGps: true,
			servedSize: 640,
		});
	});

	it('a re-import that keeps its URLs shows the pictures at once, with no fetch', async () => {
		const { db } = temp;
		const before = new Map(hits);
		const first = db.select().from(room).orderBy(asc(room.id)).get()!;
		db.update(room).set({ coverKey: null }).where(eq(room.id, first.id)).run();
		const settled = await processPendingImages(db, deps(), new Date());
		const after = db.select().from(room).where(eq(room.id, first.id)).get()!;
		expect([settled, after.coverKey === null, Object.fromEntries(hits)]).toEqual([
			1,
			false,
			Object.fromEntries(before),
		]);
	});
});
