/**
 * Account roles: merchants sign themselves up; bureau staff, admins and district staff are made by
 * an admin. A district account works for one district only (user.district_id). What each role may
 * do is one table: src/lib/server/staff/capabilities.ts.
 */
export const USER_ROLES = ['merchant', 'staff', 'admin', 'district'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The roles that work in the bureau's console (every one but merchants). */
export const CONSOLE_ROLES = ['staff', 'admin', 'district'] as const satisfies readonly UserRole[];
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export function isConsoleRole(role: UserRole): role is ConsoleRole {
	return (CONSOLE_ROLES as readonly UserRole[]).includes(role);
}
