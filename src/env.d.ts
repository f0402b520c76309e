/// <reference types="astro/client" />

declare namespace App {
	interface Locals {
		/** The instant this request is rendered at: one clock reading for the whole page. */
		now: Date;
		/** The client's address as the serving layer decided it (src/serve/client-address.ts). */
		clientAddress: string;
		/**
		 * Set by public pages: the response may be kept by shared caches, fresh until a change of the
		 * festival's or of the rooms shown (src/lib/server/cache/policy.ts).
		 */
		publicCache?: import('./lib/server/cache/policy').PublicCacheScope;
		/** The signed-in account (src/lib/server/auth/middleware.ts), null when signed out. */
		user: import('./lib/server/auth/session').AuthUser | null;
		session: import('./lib/server/auth/session').AuthSession | null;
		/** A session that gave its password and waits for the account's second-factor code. */
		pendingSignIn: import('./lib/server/auth/sign-in-code').PendingSignIn | null;
		/** Seconds until a rate-limited request may be tried again (sent as `Retry-After`). */
		retryAfterSeconds?: number;
		/** Handed in by the serving layer: the route and search engine, for its log and metrics. */
		servingFacts?: import('./lib/server/serving-facts').ServingFacts;
	}
}
