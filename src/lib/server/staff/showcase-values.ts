import { getRoomFieldsetText, type ProductRowText } from '../../shared/forms/room-fields';
import type { FormState } from '../merchant/form-state';
import type { ShowcaseRecord } from './showcase-queries';

export interface ShowcaseFormValues {
	values: Record<string, string | undefined>;
	hosts: { name: string; nameEn: string; title: string; titleEn: string; district: string }[];
	products: ProductRowText[];
}

/**
 * What the showcase form shows: after a failed submission exactly what was sent; otherwise the
 * stored session — its room fields as the shared fieldset shows them (shared/forms/room-fields.ts),
 * its district, category, carrier and hosts — or nothing for a new one.
 */
export function getShowcaseFormValues(
	state: FormState,
	stored: ShowcaseRecord | undefined,
	timeZone: string,
	/** The stored carrier as its field shows it (staff/carriers.ts `describeCarrier`). */
	storedCarrier = '',
): ShowcaseFormValues {
	const failed = state.submitted && !state.succeeded;
	const fieldset = getRoomFieldsetText(
		failed ? state : null,
		stored && { values: stored.room, products: stored.products },
		'showcase',
		timeZone,
	);
	if (failed) {
		const list = (name: string) => state.lists[name] ?? [];
		return {
			values: fieldset.values,
			hosts: list('hostName').map((name, i) => ({
				name,
				nameEn: list('hostNameEn')[i] ?? '',
				title: list('hostTitle')[i] ?? '',
				titleEn: list('hostTitleEn')[i] ?? '',
				district: list('hostDistrict')[i] ?? '',
			})),
			products: fieldset.rows,
		};
	}
	if (!stored) return { values: {}, hosts: [], products: [] };
	const r = stored.room;
	return {
		values: {
			...fieldset.values,
			districtId: String(r.districtId),
			categoryId: String(r.categoryId),
			merchantId: storedCarrier,
		},
		hosts: stored.hosts.map((h) => ({
			name: h.name,
			nameEn: h.nameEn ?? '',
			title: h.title,
			titleEn: h.titleEn ?? '',
			district: h.districtId === null ? 'none' : String(h.districtId),
		})),
		products: fieldset.rows,
	};
}
