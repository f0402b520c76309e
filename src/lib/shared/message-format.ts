/**
 * Message formatting shared by the server's translator (src/i18n/) and islands: `{name}`
 * placeholders, and plural forms chosen by `Intl.PluralRules` for the locale. A catalogue entry
 * that depends on a number is an object of CLDR plural categories (`{ one, other }` in English;
 * Chinese has only `other`, so a plain string), chosen by the `count` parameter.
 */

export interface PluralForms {
	zero?: string;
	one?: string;
	two?: string;
	few?: string;
	many?: string;
	other: string;
}

export type Message = string | PluralForms;

const rules = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
	let r = rules.get(locale);
	if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
	return r;
}

/** The BCP 47 tag Intl wants for a site locale (`zh-cn` → `zh-CN`). */
export function toIntlLocale(locale: string): string {
	return locale === 'zh-cn' ? 'zh-CN' : locale;
}

/** The text of `message` for `params` in `locale`. */
export function formatMessage(
	locale: string,
	message: Message,
	params?: Record<string, string | number>,
): string {
	let text: string;
	if (typeof message === 'string') text = message;
	else {
		const count = Number(params?.count ?? Number.NaN);
		const category = Number.isFinite(count)
			? pluralRules(toIntlLocale(locale)).select(count)
			: 'other';
		text = message[category] ?? message.other;
	}
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole,
	);
}
