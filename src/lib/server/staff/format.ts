import type { Translate } from '../../../i18n';
import { formatClock, formatDay, getDayKey, type Locale } from '../../shared/time';

/** How long something has waited, in the largest unit that reads well: 45 分钟, 5 小时, 3 天. */
export function formatWaiting(t: Translate, since: Date, now: Date): string {
	const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
	if (minutes < 60) return t('staff.age.minutes', { n: minutes });
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return t('staff.age.hours', { n: hours });
	return t('staff.age.days', { n: Math.floor(hours / 24) });
}

/** `6月7日周日 19:30–21:00` in the festival's zone. */
export function formatSlot(locale: Locale, startAt: Date, endAt: Date, timeZone: string): string {
	const day = formatDay(getDayKey(startAt, timeZone), locale);
	return `${day} ${formatClock(startAt, timeZone)}–${formatClock(endAt, timeZone)}`;
}

/** `2026-06-07 19:30` in the festival's zone: for logs and tables. */
export function formatStamp(instant: Date, timeZone: string): string {
	return `${getDayKey(instant, timeZone)} ${formatClock(instant, timeZone)}`;
}
