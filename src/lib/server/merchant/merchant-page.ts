import type { AstroGlobal } from 'astro';
import {
	createTranslator,
	localizePath,
	resolveLocale,
	type Locale,
	type Translate,
} from '../../../i18n';
import type { AuthUser } from '../auth/session';
import { getDb, type Db } from '../db';
import type { Festival } from '../festival/current';
import { findCurrentFestival } from './current-festival';

export interface MerchantPage {
	locale: Locale;
	t: Translate;
	db: Db;
	user: AuthUser | null;
	/** The edition open to merchants, published or not. */
	festival: Festival | undefined;
	now: Date;
	/** A merchant-area path in this page's language. */
	href(path: string): string;
}

/**
 * What every merchant-area page starts from. These pages are per account: never cached by a
 * shared cache, never indexed. Null when the language prefix is unknown (→ 404).
 */
export function openMerchantPage(astro: AstroGlobal): MerchantPage | null {
	const locale = resolveLocale(astro.params.lang);
	if (!locale) return null;
	astro.response.headers.set('Cache-Control', 'private, no-store');
	astro.response.headers.set('X-Robots-Tag', 'noindex');
	const db = getDb();
	return {
		locale,
		t: createTranslator(locale),
		db,
		user: astro.locals.user,
		festival: findCurrentFestival(db),
		now: astro.locals.now,
		href: (path) => localizePath(locale, path),
	};
}

const NEXT_PATTERN = /^\/(?:en\/)?merchant(?:\/[A-Za-z0-9_\-/]*)?$/;

/** Where to go after logging in: a merchant-area path of this site, never anywhere else. */
export function safeNextPath(raw: string | null, fallback: string): string {
	return raw && NEXT_PATTERN.test(raw) && !raw.includes('//') ? raw : fallback;
}

/** Sends a signed-out visitor to the log-in page, coming back here afterwards. */
export function redirectToLogin(astro: AstroGlobal, page: MerchantPage): Response {
	const next = encodeURIComponent(astro.url.pathname);
	return astro.redirect(`${page.href('/merchant/login')}?next=${next}`, 303);
}

/**
 * The `action` attribute of a form posting `action` (an Astro action) to `path`, keeping `params`
 * (e.g. `next`) in the query: Astro reads the action's name from the `_action` parameter.
 */
export function formAction(
	path: string,
	action: { toString(): string },
	params: Record<string, string> = {},
): string {
	const query = new URLSearchParams(params);
	for (const [k, v] of new URLSearchParams(action.toString().replace(/^\?/, ''))) query.set(k, v);
	return `${path}?${query.toString()}`;
}
