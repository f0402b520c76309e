/** Account roles: merchants sign themselves up; staff and admins are made by an admin. */
export const USER_ROLES = ['merchant', 'staff', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
