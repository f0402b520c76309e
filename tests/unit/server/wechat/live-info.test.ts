import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFormMessage } from '../../../../src/lib/shared/forms/form-message';
import { IMPORT_WEB_MAX_BYTES, parseLiveInfo } from '../../../../src/lib/server/wechat/live-info';

const FIXTURE = readFileSync(
	path.join(import.meta.dirname, '../../../fixtures/getliveinfo-sample.json'),
);
const encode = (value: unknown) =>
	new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const refusal = (bytes: Uint8Array) => {
	const parsed = parseLiveInfo(bytes, IMPORT_WEB_MAX_BYTES);
	return parsed.ok ? null : decodeFormMessage(parsed.message);
};
const sample = () =>
	JSON.parse(FIXTURE.toString('utf8')) as { room_info: Record<string, unknown>[] } & Record<
		string,
		unknown
	>;

describe('parseLiveInfo', () => {
	it('parseLiveInfo of the sample fixture returns its four rooms', () => {
		const parsed = parseLiveInfo(FIXTURE, IMPORT_WEB_MAX_BYTES);
		expect(parsed.ok && parsed.rooms.map((r) => [r.roomid, r.live_status])).toEqual([
			[1021, 102],
			[1022, 101],
			[1023, 103],
			[1024, 107],
		]);
	});

	it('parseLiveInfo refuses a file over the limit before parsing it', () => {
		const big = new Uint8Array(IMPORT_WEB_MAX_BYTES + 1);
		expect(refusal(big)).toEqual({ id: 'import.tooLarge', params: { size: '2.0', max: '2' } });
	});

	it('parseLiveInfo refuses text that is not JSON, and bytes that are not UTF-8', () => {
		expect([
			refusal(encode('<html>not json</html>')),
			refusal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
		]).toEqual([
			{ id: 'import.notJson', params: {} },
			{ id: 'import.notJson', params: {} },
		]);
	});

	it('parseLiveInfo refuses JSON that is not a getliveinfo object', () => {
		expect([
			refusal(encode([1, 2])),
			refusal(encode({ rooms: [] })),
			refusal(encode('null')),
		]).toEqual([
			{ id: 'import.notLiveInfo', params: {} },
			{ id: 'import.notLiveInfo', params: {} },
			{ id: 'import.notLiveInfo', params: {} },
		]);
	});

	it('parseLiveInfo refuses an errcode other than 0 with WeChat’s message', () => {
		expect(refusal(encode({ errcode: 40001, errmsg: 'invalid credential' }))).toEqual({
			id: 'import.wechatError',
			params: { code: '40001', errmsg: 'invalid credential' },
		});
	});

	it('parseLiveInfo refuses a file whose frame is not a room list, naming the field', () => {
		expect([
			refusal(encode({ errcode: 0 })),
			refusal(encode({ errcode: '0', room_info: [] })),
			refusal(encode({ errcode: 0, room_info: { roomid: 1 } })),
		]).toEqual([
			{ id: 'import.wrongType', params: { path: 'room_info' } },
			{ id: 'import.wrongType', params: { path: 'errcode' } },
			{ id: 'import.wrongType', params: { path: 'room_info' } },
		]);
	});

	it('parseLiveInfo keeps the good rows and reports each bad one by row (from 1), field and reason', () => {
		const file = sample();
		const clean = sample().room_info[1]!;
		const goods = (row: number) => file.room_info[row]!.goods as Record<string, unknown>[];
		file.room_info[0]!.roomid = '1021';
		goods(1)[0]!.name = null;
		goods(2).push({ name: '负价', price: -100, price_type: 1 });
		file.room_info[3]!.anchor_name = '主播<b>林</b>';
		file.room_info.push(
			{ ...clean, roomid: 2001, name: '夏季\u202e女装' },
			{ ...clean, roomid: 2002, name: '\u200b\u200b' },
			{ ...clean, roomid: 2003, start_time: '2020-06-05' },
			{ ...clean, roomid: 2004, name: '正常的直播间' },
			'not a room' as unknown as Record<string, unknown>,
		);
		const parsed = parseLiveInfo(encode(file), IMPORT_WEB_MAX_BYTES);
		expect(parsed.ok && parsed.rooms.map((r) => [r.row, r.roomid])).toEqual([[8, 2004]]);
		expect(parsed.ok && parsed.refused).toEqual([
			{ row: 1, roomid: null, field: 'roomid', reason: 'import.field.type' },
			{ row: 2, roomid: 1022, field: 'goods[1].name', reason: 'import.field.missing' },
			{ row: 3, roomid: 1023, field: 'goods[1].price', reason: 'import.field.negative' },
			{ row: 4, roomid: 1024, field: 'anchor_name', reason: 'import.field.markup' },
			{ row: 5, roomid: 2001, field: 'name', reason: 'form.bidiControl' },
			{ row: 6, roomid: 2002, field: 'name', reason: 'form.invisibleOnly' },
			{ row: 7, roomid: 2003, field: 'start_time', reason: 'import.field.type' },
			{ row: 9, roomid: null, field: 'room_info', reason: 'import.field.type' },
		]);
	});

	it('parseLiveInfo refuses control characters and markup in any name the portal shows', () => {
		const file = sample();
		file.room_info[0]!.name = '女装<script>alert(1)</script>';
		(file.room_info[1]!.goods as Record<string, unknown>[])[0]!.name = 'a\u007fb';
		file.room_info[2]!.anchor_name = 'a\u0000b';
		const parsed = parseLiveInfo(encode(file), IMPORT_WEB_MAX_BYTES);
		expect(parsed.ok && parsed.refused.map((r) => [r.row, r.field, r.reason])).toEqual([
			[1, 'name', 'import.field.markup'],
			[2, 'goods[1].name', 'form.controlChars'],
			[3, 'anchor_name', 'form.controlChars'],
		]);
	});
});
