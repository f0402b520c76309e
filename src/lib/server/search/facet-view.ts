import type { Locale, Translate } from '../../../i18n';
import { pickName } from '../../shared/room-card';
import { PHASE_FILTERS, ROOM_KINDS } from '../../shared/status';
import { formatDay } from '../../shared/time';
import type { Category, District } from '../festival/current';
import type { FacetName, FacetView } from '../../shared/search-types';
import type { FacetCounts } from './types';

/**
 * Facet counts as lists a page or an island can render: every value in display order (districts
 * and categories as the bureau sorts them), labelled in the locale, zero counts included so a
 * filter never vanishes while it is selected.
 */
export function labelFacets(
	facets: FacetCounts,
	context: {
		days: string[];
		districts: District[];
		categories: Category[];
		locale: Locale;
		t: Translate;
	},
): FacetView {
	const { days, districts, categories, locale, t } = context;
	const count = (name: FacetName, value: string) => facets[name][value] ?? 0;
	return {
		day: days.map((d) => ({ value: d, label: formatDay(d, locale), count: count('day', d) })),
		district: districts.map((d) => ({
			value: d.code,
			label: pickName({ zh: d.nameZh, en: d.nameEn }, locale),
			count: count('district', d.code),
		})),
		category: categories.map((c) => ({
			value: c.code,
			label: pickName({ zh: c.nameZh, en: c.nameEn }, locale),
			count: count('category', c.code),
		})),
		kind: ROOM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`), count: count('kind', k) })),
		phase: PHASE_FILTERS.map((p) => ({
			value: p,
			label: t(`phaseFilter.${p}`),
			count: count('phase', p),
		})),
	};
}
