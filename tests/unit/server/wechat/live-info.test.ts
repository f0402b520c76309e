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

	it('parseLiveInfo names the first field of the wrong type', () => {
		const wrong = sample();
		wrong.room_info[2]!.start_time = '2020-06-05';
		const wrongGoods = sample();
		(wrongGoods.room_info[0]!.goods as Record<string, unknown>[])[1]!.price_type = 9;
		expect([
			refusal(encode(wrong)),
			refusal(encode(wrongGoods)),
			refusal(encode({ errcode: 0 })),
		]).toEqual([
			{ id: 'import.wrongType', params: { path: 'room_info[2].start_time' } },
			{ id: 'import.wrongType', params: { path: 'room_info[0].goods[1].price_type' } },
			{ id: 'import.wrongType', params: { path: 'room_info' } },
		]);
	});

	it('parseLiveInfo refuses a script tag in a room, anchor or product name', () => {
		const inName = sample();
		inName.room_info[1]!.name = '女装<script>alert(1)</script>';
		const inGoods = sample();
		(inGoods.room_info[0]!.goods as Record<string, unknown>[])[0]!.name =
			'<img src=x onerror=alert(1)>';
		const inAnchor = sample();
		inAnchor.room_info[3]!.anchor_name = 'a\u0000b';
		expect([refusal(encode(inName)), refusal(encode(inGoods)), refusal(encode(inAnchor))]).toEqual([
			{ id: 'import.markup', params: { row: '2', roomid: '1022' } },
			{ id: 'import.markup', params: { row: '1', roomid: '1021' } },
			{ id: 'import.markup', params: { row: '4', roomid: '1024' } },
		]);
	});
});
