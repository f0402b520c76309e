import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { district, session, user, userTotp } from '../../../../db/schema';
import type { UserRole } from '../../shared/user-role';
import { recordAuditEvent, type AuditActor } from '../audit/record';
import { checkNewPassword, hashPassword } from '../auth/password';
import { removeSecondFactor } from '../auth/second-factor';
import { invalidateUserSessions } from '../auth/session';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';

/**
 * Bureau accounts. They are never signed up for: the first admin is made by the CLI
 * (`npm run staff:create`), every other one by an admin in the console. An account is disabled by
 * replacing its password hash with a value no password matches (and ending its sessions): the
 * account and its audit history stay, and a password reset brings it back.
 */

export const STAFF_ROLES = ['staff', 'admin', 'district'] as const satisfies readonly UserRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Not a PHC string: argon2 verification fails for it, so no password opens the account. */
const DISABLED_HASH = '!disabled';

export interface StaffAccount {
	id: number;
	email: string;
	role: StaffRole;
	/** The district a `district` account works for; null for the bureau's. */
	districtId: number | null;
	disabled: boolean;
	/** Has an authenticator enrolled (two-step sign-in). */
	twoFactor: boolean;
	createdAt: Date;
	lastSeenAt: Date | null;
}

/** Every staff and admin account, with when each was last active. */
export function listStaffAccounts(db: Db): StaffAccount[] {
	return db
		.select({
			id: user.id,
			email: user.email,
			role: user.role,
			districtId: user.districtId,
			passwordHash: user.passwordHash,
			createdAt: user.createdAt,
			lastSeenAt: max(session.lastUsedAt),
			totpConfirmedAt: max(userTotp.confirmedAt),
		})
		.from(user)
		.leftJoin(session, eq(session.userId, user.id))
		.leftJoin(userTotp, eq(userTotp.userId, user.id))
		.where(inArray(user.role, STAFF_ROLES))
		.groupBy(user.id)
		.orderBy(asc(user.email))
		.all()
		.map(({ passwordHash, totpConfirmedAt, ...a }) => ({
			...a,
			role: a.role as StaffRole,
			disabled: passwordHash === DISABLED_HASH,
			twoFactor: totpConfirmedAt !== null,
			lastSeenAt: a.lastSeenAt === null ? null : new Date(Number(a.lastSeenAt)),
		}));
}

/**
 * The id of the district with `code` (a district account's), preferring the city of the current
 * festival when two cities share a code; undefined for none.
 */
export function findDistrictByCode(db: Db, code: string, city?: string): number | undefined {
	const rows = db
		.select({ id: district.id, city: district.city })
		.from(district)
		.where(eq(district.code, code))
		.all();
	return (rows.find((r) => r.city === city) ?? rows[0])?.id;
}

/**
 * Creates a staff, admin or district account with an initial password (same rules as every
 * password), and its `staff.create` audit event, in one transaction. A district account names
 * its district (by code); the other roles have none. The password is never logged.
 */
export async function createStaffAccount(
	db: Db,
	actor: AuditActor,
	input: { email: string; role: StaffRole; password: string; district?: string | undefined },
	now: Date,
	city?: string,
): Promise<Outcome<{ userId: number }>> {
	let districtId: number | null = null;
	if (input.role === 'district') {
		if (!input.district) return invalid('district', 'staff.accounts.districtNeeded');
		districtId = findDistrictByCode(db, input.district, city) ?? null;
		if (districtId === null) return invalid('district', 'venue.form.unknownCode');
	}
	const problem = checkNewPassword(input.password, input.email);
	if (problem) return invalid('password', `auth.password.${problem}`);
	if (db.select({ id: user.id }).from(user).where(eq(user.email, input.email)).get()) {
		return invalid('email', 'staff.accounts.emailTaken');
	}
	const passwordHash = await hashPassword(input.password);
	try {
		return db.$client.transaction(() => {
			const created = db
				.insert(user)
				.values({
					email: input.email,
					passwordHash,
					role: input.role,
					districtId,
					createdAt: now,
					updatedAt: now,
				})
				.returning({ id: user.id })
				.get();
			recordAuditEvent(db, {
				actor,
				action: 'staff.create',
				entityType: 'user',
				entityId: created.id,
				after: {
					email: input.email,
					role: input.role,
					...(districtId === null ? {} : { districtId }),
				},
				at: now,
			});
			return { ok: true as const, userId: created.id };
		})();
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
			return invalid('email', 'staff.accounts.emailTaken');
		}
		throw error;
	}
}

export type StaffChange =
	'makeStaff' | 'makeAdmin' | 'disable' | 'resetPassword' | 'resetTwoFactor';

/**
 * Changes another bureau account: its role, disabling it, setting a new password (which also
 * re-enables it), or removing its authenticator and recovery codes (a lost phone: the owner
 * enrols again at the next sign-in; an admin must). Disabling and both resets end the account's
 * sessions. An admin cannot change their own account here, so the console always keeps at least
 * one working admin, and no one resets their own second factor. One audit event each.
 */
export async function updateStaffAccount(
	db: Db,
	actor: { userId: number; name: string },
	input: { userId: number; change: StaffChange; password?: string | undefined },
	now: Date,
): Promise<Outcome<{ userId: number }>> {
	const target = db
		.select()
		.from(user)
		.where(and(eq(user.id, input.userId), inArray(user.role, STAFF_ROLES)))
		.get();
	if (!target) return { ok: false, kind: 'notFound' };
	if (target.id === actor.userId) {
		return { ok: false, kind: 'forbidden', message: 'staff.accounts.notSelf' };
	}
	let passwordHash: string | undefined;
	if (input.change === 'resetPassword') {
		const problem = checkNewPassword(input.password ?? '', target.email);
		if (problem) return invalid('password', `auth.password.${problem}`);
		passwordHash = await hashPassword(input.password!);
	}
	const before = { role: target.role, disabled: target.passwordHash === DISABLED_HASH };
	const resetsTwoFactor = input.change === 'resetTwoFactor';
	const changes: Partial<typeof user.$inferInsert> = { updatedAt: now };
	// The bureau's roles work for the whole festival: a district account made one leaves its district.
	if (input.change === 'makeStaff' || input.change === 'makeAdmin') {
		changes.role = input.change === 'makeStaff' ? 'staff' : 'admin';
		changes.districtId = null;
	}
	if (input.change === 'disable') changes.passwordHash = DISABLED_HASH;
	if (passwordHash) changes.passwordHash = passwordHash;
	db.$client.transaction(() => {
		db.update(user).set(changes).where(eq(user.id, target.id)).run();
		const hadTwoFactor = resetsTwoFactor && removeSecondFactor(db, target.id);
		if (input.change !== 'makeStaff' && input.change !== 'makeAdmin') {
			invalidateUserSessions(db, target.id);
		}
		recordAuditEvent(db, {
			actor,
			action: `staff.${input.change}`,
			entityType: 'user',
			entityId: target.id,
			before: resetsTwoFactor ? { ...before, twoFactor: hadTwoFactor } : before,
			after: {
				role: changes.role ?? target.role,
				disabled:
					input.change === 'disable'
						? true
						: input.change === 'resetPassword'
							? false
							: before.disabled,
				...(resetsTwoFactor ? { twoFactor: false } : {}),
			},
			at: now,
		});
	})();
	return { ok: true, userId: target.id };
}
