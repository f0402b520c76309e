import { createTranslator, resolveLocale, type Locale, type Translate } from '../../i18n';
import { noteFestivalShown } from './cache/policy';
import { getDb, type Db } from './db';
import { findPublishedFestival, hasAnyFestival, type Festival } from './festival/current';

export interface PublicPage {
	locale: Locale;
	t: Translate;
	db: Db;
	/** The published current festival; undefined before it is published. */
	festival: Festival | undefined;
	/** Some festival exists (published or not); false on an empty database: nothing is set up. */
	configured: boolean;
	now: Date;
}

/**
 * What every public page starts from: the locale named by its `[...lang]` prefix, the message
 * lookup, the database and the published festival. Null when the prefix is not a locale (→ 404).
 */
export function openPublicPage(lang: string | undefined, locals: App.Locals): PublicPage | null {
	const locale = resolveLocale(lang);
	if (!locale) return null;
	const db = getDb();
	// The same for every anonymous visitor: shared caches may keep it (see src/middleware.ts) until
	// any room's phase changes or any room is written, unless the page narrows that to the rooms it
	// shows (cache/policy.ts).
	locals.publicCache = 'festival';
	const festival = findPublishedFestival(db);
	if (festival) noteFestivalShown(festival.id);
	const configured = festival !== undefined || hasAnyFestival(db);
	return { locale, t: createTranslator(locale), db, festival, configured, now: locals.now };
}
