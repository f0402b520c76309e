import { formatMessage, type Message } from '../lib/shared/message-format';
import type { Locale } from '../lib/shared/time';
import { accessEn } from './access.en';
import { accessZhCN } from './access.zh-cn';
import { en } from './en';
import { merchantEn } from './merchant.en';
import { merchantZhCN } from './merchant.zh-cn';
import { operationsEn } from './operations.en';
import { operationsZhCN } from './operations.zh-cn';
import { resultsEn } from './results.en';
import { resultsZhCN } from './results.zh-cn';
import { securityEn } from './security.en';
import { securityZhCN } from './security.zh-cn';
import { staffEn } from './staff.en';
import { staffZhCN } from './staff.zh-cn';
import { syncEn } from './sync.en';
import { syncZhCN } from './sync.zh-cn';
import { tonightEn } from './tonight.en';
import { tonightZhCN } from './tonight.zh-cn';
import { venueEn } from './venue.en';
import { venueZhCN } from './venue.zh-cn';
import { zhCN } from './zh-cn';

/**
 * One catalogue per locale, assembled from one file per area (public pages, merchant area, …) so
 * areas can grow without touching each other. zh-CN is the source: its keys are the message ids.
 */
const zhCNAll = {
	...zhCN,
	...merchantZhCN,
	...staffZhCN,
	...accessZhCN,
	...syncZhCN,
	...securityZhCN,
	...tonightZhCN,
	...operationsZhCN,
	...resultsZhCN,
	...venueZhCN,
};
const enAll: Record<keyof typeof zhCNAll, Message> = {
	...en,
	...merchantEn,
	...staffEn,
	...accessEn,
	...syncEn,
	...securityEn,
	...tonightEn,
	...operationsEn,
	...resultsEn,
	...venueEn,
};

export type MessageId = keyof typeof zhCNAll;
export type { Locale };
export const LOCALES: readonly Locale[] = ['zh-cn', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-cn';

const catalogues: Record<Locale, Record<MessageId, Message>> = { 'zh-cn': zhCNAll, en: enAll };

export type Translate = (id: MessageId, params?: Record<string, string | number>) => string;

/**
 * The message lookup for one locale; `{name}` placeholders are filled from `params`, and a
 * message with plural forms takes the one `Intl.PluralRules` picks for `params.count`.
 */
export function createTranslator(locale: Locale): Translate {
	const messages = catalogues[locale];
	return (id, params) => formatMessage(locale, messages[id], params);
}

/** A message as the catalogue holds it (plural forms included), for an island to format itself. */
export function getMessage(locale: Locale, id: MessageId): Message {
	return catalogues[locale][id];
}

/** The locale named by the optional first path segment (`undefined` → zh-CN); null if unknown. */
export function resolveLocale(segment: string | undefined): Locale | null {
	if (segment === undefined || segment === '') return DEFAULT_LOCALE;
	return segment === 'en' ? 'en' : null;
}

/** A site path in a locale: `/schedule` stays as it is in Chinese and becomes `/en/schedule`. */
export function localizePath(locale: Locale, path: string): string {
	if (locale === DEFAULT_LOCALE) return path;
	return path === '/' ? '/en/' : `/en${path}`;
}

/** The same page in the other locale, keeping the query string. */
export function switchLocalePath(url: URL, to: Locale): string {
	const bare = url.pathname.replace(/^\/en(?=\/|$)/, '') || '/';
	return localizePath(to, bare) + url.search;
}

/** The BCP 47 tag for `lang` attributes. */
export function htmlLang(locale: Locale): string {
	return locale === 'en' ? 'en' : 'zh-CN';
}
