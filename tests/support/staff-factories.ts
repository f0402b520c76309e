import type { Db } from '../../src/lib/server/db';
import {
	createFestivalWorld,
	createHost,
	createMerchant,
	createRoom,
	createSessionFor,
	createUser,
} from './factories';
import { enrolTestAuthenticator } from './two-factor';

/**
 * Factories for the bureau's console tests: staff and admin accounts with a signed-in session
 * started `minutesAgo` before `now` (the session cookie's value is returned with the account).
 */
let serial = 0;

export type StaffRole = 'staff' | 'admin' | 'district';

/**
 * A bureau account. Admins come with an enrolled authenticator (tests/support/two-factor.ts), as
 * the console requires of them; pass `twoFactor: false` for one that has not enrolled yet.
 */
export function createStaffUser(
	db: Db,
	role: StaffRole,
	email?: string,
	options: { twoFactor?: boolean | undefined; districtId?: number } = {},
) {
	serial += 1;
	const account = createUser(db, {
		role,
		email: email ?? `${role}${serial}@bureau.example.gov.cn`,
		districtId: options.districtId ?? null,
	});
	if (options.twoFactor ?? role === 'admin')
		enrolTestAuthenticator(db, account.id, account.createdAt);
	return account;
}

/** An account of `role` (merchant too) signed in `minutesAgo` before `now`. */
export function createSignedInUser(
	db: Db,
	role: 'merchant' | StaffRole,
	now: Date,
	options: { minutesAgo?: number; email?: string; twoFactor?: boolean; districtId?: number } = {},
) {
	const account =
		role === 'merchant'
			? createUser(db, options.email ? { email: options.email } : {})
			: createStaffUser(db, role, options.email, {
					twoFactor: options.twoFactor,
					districtId: options.districtId,
				});
	const token = createSessionFor(db, account, {
		createdAt: new Date(now.getTime() - (options.minutesAgo ?? 1) * 60_000),
	});
	return { account, token };
}

/** 12:00 on the festival's second day (2026-06-07), Shanghai time: the console tests' clock. */
export const CONSOLE_NOW = '2026-06-07T04:00:00Z';
const shanghai = (local: string) => new Date(`${local}+08:00`);

/**
 * A festival (6–8 June 2026, published) with what each console page works on: a merchant
 * account with an approved business and rooms in every review state, a pending registration,
 * a showcase session, and signed-in merchant, staff and admin sessions.
 */
export function seedConsoleWorld(db: Db, now: Date = new Date(CONSOLE_NOW)) {
	const w = createFestivalWorld(db);
	const base = { festivalId: w.festival.id, districtId: w.district.id, categoryId: w.category.id };
	const merchant = createSignedInUser(db, 'merchant', now, { email: 'shop@example.com' });
	const shop = createMerchant(db, {
		ownerUserId: merchant.account.id,
		districtId: w.district.id,
		categoryId: w.category.id,
		nameZh: '荔枝小店',
		status: 'approved',
	});
	const applicant = createUser(db, { email: 'applicant@example.com' });
	const pending = createMerchant(db, {
		ownerUserId: applicant.id,
		districtId: w.district.id,
		categoryId: w.category.id,
		nameZh: '待审商家',
		status: 'pending',
		updatedAt: new Date('2026-06-05T01:00:00Z'),
	});
	const submitted = createRoom(db, {
		...base,
		merchantId: shop.id,
		reviewStatus: 'submitted',
		title: '荔枝节女装专场',
		startAt: shanghai('2026-06-07T19:30'),
		endAt: shanghai('2026-06-07T21:00'),
		updatedAt: new Date('2026-06-06T01:00:00Z'),
	});
	const submitted2 = createRoom(db, {
		...base,
		merchantId: shop.id,
		reviewStatus: 'submitted',
		title: '广式点心现做',
		startAt: shanghai('2026-06-07T20:00'),
		endAt: shanghai('2026-06-07T21:30'),
		updatedAt: new Date('2026-06-06T02:00:00Z'),
	});
	// Approved rooms are linked to their WeChat live rooms, so citizens can watch (and staff feature)
	// them; the showcase is carried by the shop's mini program.
	const approved = ['早茶一盅两件', '荔枝采摘直播', '老字号手信'].map((title, i) =>
		createRoom(db, {
			...base,
			merchantId: shop.id,
			wxRoomId: 8001 + i,
			title,
			startAt: shanghai(`2026-06-07T${14 + i}:00`),
		}),
	);
	const showcase = createRoom(db, {
		...base,
		kind: 'showcase',
		merchantId: shop.id,
		wxRoomId: 8100,
		title: '区长带你逛越秀',
		startAt: shanghai('2026-06-07T20:30'),
	});
	createHost(db, { roomId: showcase.id, name: '林某', title: '副区长' });
	return {
		world: w,
		shop,
		pending,
		submitted,
		submitted2,
		approved,
		showcase,
		tokens: {
			merchant: merchant.token,
			staff: createSignedInUser(db, 'staff', now, { email: 'reviewer@bureau.gov.cn' }).token,
			staff2: createSignedInUser(db, 'staff', now, { email: 'second@bureau.gov.cn' }).token,
			admin: createSignedInUser(db, 'admin', now, { email: 'chief@bureau.gov.cn' }).token,
		},
	};
}

export type ConsoleWorld = ReturnType<typeof seedConsoleWorld>;

/** The festival settings form (/staff/settings) filled in as the console world's festival is. */
export function festivalSettingsForm<T extends object>(over?: T) {
	return {
		nameZh: '2026广州直播带货节',
		nameEn: 'Guangzhou Live Commerce Festival 2026',
		startDate: '2026-06-06',
		endDate: '2026-06-08',
		timezone: 'Asia/Shanghai',
		submissionOpens: '2026-05-01T00:00',
		submissionCloses: '2026-06-09T00:00',
		published: 'on',
		...over,
	};
}
