/// <reference types="astro/client" />

declare namespace App {
	interface Locals {
		/** The instant this request is rendered at: one clock reading for the whole page. */
		now: Date;
		/**
		 * Set by public pages: the response may be kept by shared caches, fresh until a change of the
		 * festival's or of the rooms shown (src/lib/server/cache/policy.ts).
		 */
		publicCache?: import('./lib/server/cache/policy').PublicCacheScope;
		/** The signed-in account (src/lib/server/auth/middleware.ts), null when signed out. */
		user: import('./lib/server/auth/session').AuthUser | null;
		session: import('./lib/server/auth/session').AuthSession | null;
	}
}
