import type { AstroGlobal } from 'astro';
import {
	createTranslator,
	localizePath,
	resolveLocale,
	type Locale,
	type Translate,
} from '../../../i18n';
import { needsPasswordReentry } from '../auth/session-policy';
import type { AuthSession, AuthUser } from '../auth/session';
import { getDb, type Db } from '../db';
import type { Festival } from '../festival/current';
import { notFoundResponse } from '../http';
import { findCurrentFestival } from '../merchant/current-festival';
import { isAdmin, mustEnrolSecondFactor } from './policy';

export interface StaffPage {
	locale: Locale;
	t: Translate;
	db: Db;
	user: AuthUser;
	session: AuthSession;
	/** The current edition, published or not (staff prepare it before it goes public). */
	festival: Festival | undefined;
	now: Date;
	isAdmin: boolean;
	/** Admin forms must ask for the password again (it was typed more than 15 minutes ago). */
	needsReentry: boolean;
	/** A console path in this page's language. */
	href(path: string): string;
}

export type StaffGate =
	| { page: StaffPage; response?: undefined }
	| { page?: undefined; response: Response | Promise<Response> };

/**
 * The gate every console page passes, with the page's own policy (`canReview`, `canManageStaff`…).
 * Signed out: the staff sign-in form is shown in place, with status 403, so a session that timed
 * out resumes where it was. Signed in without the right: 404, the same answer as for a page that
 * does not exist, so a merchant learns nothing about the console. Console pages are per person:
 * never stored by a shared cache, never indexed. `fixedLocale` is for the few console pages that
 * live outside `[...lang]` (see src/pages/staff/showcase.astro). A session waiting for its
 * second-factor code is sent to the code step, and an admin without an authenticator to
 * enrolment (`/staff/security`, the one page that opens with `enrolling`), then back here.
 */
export function openStaffPage(
	astro: AstroGlobal,
	allowed: (user: AuthUser | null) => boolean,
	fixedLocale?: Locale,
	enrolling = false,
): StaffGate {
	const locale = fixedLocale ?? resolveLocale(astro.params.lang);
	if (!locale) return { response: notFoundResponse() };
	astro.response.headers.set('Cache-Control', 'private, no-store');
	astro.response.headers.set('X-Robots-Tag', 'noindex');
	const { user, session, now, pendingSignIn } = astro.locals;
	const back = new URLSearchParams({ next: astro.url.pathname + astro.url.search });
	if (pendingSignIn) {
		return { response: astro.redirect(`${localizePath(locale, '/staff-login/code')}?${back}`) };
	}
	if (!user || !session) {
		return { response: astro.rewrite(localizePath(locale, '/staff-login')) };
	}
	if (!allowed(user)) return { response: notFoundResponse() };
	if (!enrolling && mustEnrolSecondFactor(user)) {
		return { response: astro.redirect(`${localizePath(locale, '/staff/security')}?${back}`) };
	}
	const db = getDb();
	return {
		page: {
			locale,
			t: createTranslator(locale),
			db,
			user,
			session,
			festival: findCurrentFestival(db),
			now,
			isAdmin: isAdmin(user),
			needsReentry: needsPasswordReentry(session.passwordConfirmedAt, now),
			href: (path) => localizePath(locale, path),
		},
	};
}

const NEXT_PATTERN = /^\/(?:en\/)?staff(?:\/[A-Za-z0-9_\-/.]*)?(?:\?[A-Za-z0-9_\-=&%.]*)?$/;

/** Where to go after the staff sign-in: a console path of this site, never anywhere else. */
export function safeStaffPath(raw: string | null, fallback: string): string {
	return raw && NEXT_PATTERN.test(raw) && !raw.includes('//') && !raw.includes('/../')
		? raw
		: fallback;
}
