import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	festivalSettingsForm,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';
import { FormClient, queryDb, readFieldErrors, type FormFields } from '../merchant/client';
import { clientWith } from '../staff/session-client';

/**
 * Integration: every text field of every form that stores text, sent each hostile character of
 * the shared rule (src/lib/shared/text-hygiene.ts). Each must answer 400 with the rule's message
 * next to that field — the page re-rendered, the other input kept — and store nothing.
 */
let server: RunningServer;
let w: ConsoleWorld;

beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => {
			w = seedConsoleWorld(db);
		},
	});
});
afterAll(() => server?.stop());

const HOSTILE: [name: string, make: (valid: string) => string, message: string][] = [
	['U+0001', (v) => `${v}\u0001`, '含有控制字符（看不见的特殊字符），请删除后重新输入。'],
	['U+007F', (v) => `\u007f${v}`, '含有控制字符（看不见的特殊字符），请删除后重新输入。'],
	['U+0085', (v) => `${v}\u0085x`, '含有控制字符（看不见的特殊字符），请删除后重新输入。'],
	[
		'U+202E',
		(v) => `${v}\u202egnp.exe`,
		'含有改变文字显示方向的隐藏字符，可能让内容看起来与实际不同，请删除。',
	],
	[
		'U+2066',
		(v) => `\u2066${v}\u2069`,
		'含有改变文字显示方向的隐藏字符，可能让内容看起来与实际不同，请删除。',
	],
	[
		'zero-width only',
		() => '\u200b\u200b\u200d',
		'只有看不见的字符（如零宽空格），请填写真实内容。',
	],
];

interface FormCase {
	form: string;
	who: keyof ConsoleWorld['tokens'] | 'anonymous';
	page: string;
	action: string;
	fields: () => FormFields;
	/** Text fields: the form's field name (rows: `name.0`) → the id its error is shown under. */
	texts: Record<string, string>;
}

const ROOM: FormFields = {
	title: '荔枝节女装专场二',
	titleEn: 'Lychee festival fashion',
	description: '第一行\r\n第二行',
	anchorName: '主播小李',
	start: '2026-06-08T19:30',
	end: '2026-06-08T21:00',
	productName: ['荔枝', ''],
	productPriceType: ['fixed', 'fixed'],
	productPrice: ['12.80', ''],
	productPrice2: ['', ''],
};

const FORMS: FormCase[] = [
	{
		form: 'sign-up',
		who: 'anonymous',
		page: '/merchant/signup',
		action: 'auth.signup',
		fields: () => ({
			email: 'new-shop@example.com',
			password: 'Lychee-Season-2026',
			confirm: 'Lychee-Season-2026',
		}),
		texts: { email: 'email' },
	},
	{
		form: 'registration',
		who: 'merchant',
		page: '/merchant/register',
		action: 'business.save',
		fields: () => ({
			legalName: '荔枝小店有限公司',
			nameZh: '荔枝小店',
			nameEn: 'Lychee Shop',
			creditCode: '91440101MA59TEST00',
			districtId: String(w.world.district.id),
			categoryId: String(w.world.category.id),
			contactName: '张三',
			contactMobile: '13800000000',
			appId: 'wx0000000000000001',
			roomPagePath: 'pages/live/room',
			urlLink: '',
		}),
		texts: {
			legalName: 'legalName',
			nameZh: 'nameZh',
			nameEn: 'nameEn',
			contactName: 'contactName',
		},
	},
	{
		form: 'room',
		who: 'merchant',
		page: '/merchant/rooms/new',
		action: 'rooms.save',
		fields: () => ROOM,
		texts: {
			title: 'title',
			titleEn: 'titleEn',
			description: 'description',
			anchorName: 'anchorName',
			'productName.0': 'product-name-0',
		},
	},
	{
		form: 'room sync',
		who: 'merchant',
		page: '/merchant/sync',
		action: 'sync.save',
		fields: () => ({ kind: 'feed', feedUrl: 'https://shop.example/live.json' }),
		texts: { feedUrl: 'feedUrl' },
	},
	{
		form: 'showcase',
		who: 'staff',
		page: '/staff/showcase/new',
		action: 'staff.saveShowcase',
		fields: () => ({
			...ROOM,
			title: '副市长直播推介增城荔枝',
			descriptionEn: 'Line one',
			districtId: String(w.world.district.id),
			categoryId: String(w.world.category.id),
			merchantId: 'none',
			anchorName: '主播',
			hostName: ['王某', ''],
			hostTitle: ['副市长', ''],
			hostDistrict: ['none', 'none'],
			hostNameEn: ['Wang', ''],
			hostTitleEn: ['Deputy Mayor', ''],
		}),
		texts: {
			title: 'title',
			titleEn: 'titleEn',
			description: 'description',
			descriptionEn: 'descriptionEn',
			anchorName: 'anchorName',
			'hostName.0': 'host-name-0',
			'hostTitle.0': 'host-title-0',
			'hostNameEn.0': 'host-name-en-0',
			'hostTitleEn.0': 'host-title-en-0',
			'productName.0': 'product-name-0',
		},
	},
	{
		form: 'room decision',
		who: 'staff',
		page: '/staff/review/room/ROOM',
		action: 'staff.decideRoom',
		fields: () => ({
			roomId: String(w.submitted.id),
			decision: 'reject',
			reason: '时间冲突',
			seenStatus: 'submitted',
			seenAt: String(w.submitted.updatedAt.getTime()),
		}),
		texts: { reason: 'reason-reject' },
	},
	{
		form: 'festival settings',
		who: 'admin',
		page: '/staff/settings',
		action: 'staff.saveFestival',
		fields: () => festivalSettingsForm(),
		texts: { nameZh: 'nameZh', nameEn: 'nameEn' },
	},
	{
		form: 'staff account',
		who: 'admin',
		page: '/staff/accounts',
		action: 'staff.createAccount',
		fields: () => ({ email: 'new@bureau.gov.cn', role: 'staff', password: 'Canton-Tower-600m' }),
		texts: { email: 'email' },
	},
];

/** Every row of the tables forms write, so an UPDATE shows as well as an INSERT. */
function snapshot(): string {
	return JSON.stringify(
		[
			'user',
			'merchant',
			'room',
			'room_product',
			'showcase_host',
			'festival',
			'merchant_room_source',
		].map((table) => queryDb(server.file, `select * from "${table}" order by rowid`)),
	);
}

/** Puts `value` into one field of a form's valid fields (`name.0` is the first of a row). */
function withField(fields: FormFields, field: string, value: string): FormFields {
	const [name, row] = field.split('.');
	if (row === undefined) return { ...fields, [name!]: value };
	const list = [...(fields[name!] as string[])];
	list[Number(row)] = value;
	return { ...fields, [name!]: list };
}

/** The valid value of a field, which the hostile character is added to. */
function validOf(fields: FormFields, field: string): string {
	const [name, row] = field.split('.');
	const value = fields[name!];
	return (Array.isArray(value) ? value[Number(row ?? 0)] : value) as string;
}

describe('hostile characters', () => {
	it('are refused next to the field, on every text field of every form, and nothing is stored', async () => {
		const before = snapshot();
		const expected: string[] = [];
		const actual: string[] = [];
		for (const form of FORMS) {
			const client =
				form.who === 'anonymous' ? new FormClient(server) : clientWith(server, w.tokens[form.who]);
			const page = form.page.replace('ROOM', String(w.submitted.id));
			for (const [field, errorId] of Object.entries(form.texts)) {
				for (const [charName, make, message] of HOSTILE) {
					const valid = form.fields();
					const value = make(validOf(valid, field));
					const response = await client.post(page, form.action, withField(valid, field, value));
					const errors = readFieldErrors(await response.text());
					const where = `${form.form} · ${field} · ${charName}`;
					expected.push(`${where} → 400 ${message}`);
					actual.push(`${where} → ${response.status} ${errors[errorId] ?? JSON.stringify(errors)}`);
				}
			}
		}
		expect(actual).toEqual(expected);
		expect(snapshot()).toBe(before);
	});

	it('the other input is kept when one field is refused', async () => {
		const client = clientWith(server, w.tokens.merchant);
		const response = await client.post('/merchant/rooms/new', 'rooms.save', {
			...ROOM,
			title: '荔枝节\u202e女装专场',
		});
		const html = await response.text();
		expect([
			response.status,
			readFieldErrors(html),
			html.includes('value="Lychee festival fashion"'),
			html.includes('value="主播小李"'),
		]).toEqual([
			400,
			{ title: '含有改变文字显示方向的隐藏字符，可能让内容看起来与实际不同，请删除。' },
			true,
			true,
		]);
	});
});
