import { describe, expect, it } from 'vitest';
import {
	fingerprintRoom,
	getRoomFieldsetText,
	listRoomFields,
	parseRoomFieldset,
	ROOM_FIELDS,
	type RoomFieldValues,
} from '../../../../src/lib/shared/forms/room-fields';

const TZ = 'Asia/Shanghai';
const stored: RoomFieldValues = {
	title: '荔枝节女装专场',
	titleEn: 'Lychee fashion',
	anchorName: '小美',
	description: '夏季新品',
	descriptionEn: null,
	startAt: new Date('2026-06-07T11:30:00Z'),
	endAt: new Date('2026-06-07T13:00:00Z'),
	coverKey: '0123456789abcdef0123456789abcdef',
	wxRoomId: 1001,
};
const products = [{ name: '真丝连衣裙', priceType: 'fixed' as const, price: 12800, price2: null }];

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
	return data;
}

describe('the room fields, declared once', () => {
	it('every declared field is in the change fingerprint: changing any one changes it', () => {
		const other: Record<keyof RoomFieldValues, unknown> = {
			title: '荔枝节女装专场二',
			titleEn: 'Other',
			anchorName: '小丽',
			description: '秋季新品',
			descriptionEn: 'New in autumn',
			startAt: new Date('2026-06-07T12:00:00Z'),
			endAt: new Date('2026-06-07T14:00:00Z'),
			coverKey: 'fedcba9876543210fedcba9876543210',
			wxRoomId: 1002,
		};
		const base = fingerprintRoom(stored, products);
		const unchanged = ROOM_FIELDS.filter(
			(f) => fingerprintRoom({ ...stored, [f.column]: other[f.column] }, products) === base,
		).map((f) => f.name);
		expect([ROOM_FIELDS.length, unchanged]).toEqual([Object.keys(other).length, []]);
	});

	it('the room and showcase forms share their fields, in one order, each with its own rules', () => {
		expect([
			listRoomFields('room').map((f) => f.name),
			listRoomFields('showcase').map((f) => f.name),
		]).toEqual([
			[
				'title',
				'titleEn',
				'anchorName',
				'description',
				'descriptionEn',
				'start',
				'end',
				'cover',
				'wxRoomId',
			],
			['title', 'titleEn', 'anchorName', 'description', 'descriptionEn', 'start', 'end'],
		]);
	});

	it('a stored room becomes the form text it was typed as (festival-zone times), and back', () => {
		const text = getRoomFieldsetText(null, { values: stored, products }, 'room', TZ);
		const parsed = parseRoomFieldset(
			form({
				...(text.values as Record<string, string>),
				productName: text.rows.map((r) => r.name),
				productPriceType: text.rows.map((r) => r.type),
				productPrice: text.rows.map((r) => r.price),
				productPrice2: text.rows.map((r) => r.price2),
			}),
			'room',
			TZ,
		);
		expect([text.values.start, text.values.cover, parsed.issues]).toEqual([
			'2026-06-07T19:30',
			'',
			[],
		]);
		expect(fingerprintRoom({ ...stored, ...parsed.values }, parsed.products)).toBe(
			fingerprintRoom(stored, products),
		);
	});

	it('parseRoomFieldset reports every bad field at once', () => {
		const parsed = parseRoomFieldset(
			form({
				title: 'ab',
				anchorName: '',
				start: 'tomorrow',
				end: '2026-06-07T25:00',
				wxRoomId: 'abc',
				productName: ['虾饺'],
				productPriceType: ['fixed'],
				productPrice: ['-1'],
				productPrice2: [''],
			}),
			'room',
			TZ,
		);
		expect(parsed.issues.map((i) => i.field)).toEqual([
			'title',
			'anchorName',
			'start',
			'end',
			'wxRoomId',
			'productPrice.0',
		]);
	});
});
