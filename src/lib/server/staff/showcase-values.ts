import { formatFenAsYuan } from '../../shared/money';
import { formatZonedInput } from '../../shared/room-window';
import type { FormState } from '../merchant/form-state';
import type { ShowcaseRecord } from './showcase-queries';

export interface ShowcaseFormValues {
	values: Record<string, string | undefined>;
	hosts: { name: string; nameEn: string; title: string; titleEn: string; district: string }[];
	products: { name: string; type: string; price: string; price2: string }[];
}

/**
 * What the showcase form shows: after a failed submission exactly what was sent; otherwise the
 * stored session in the form's units (festival-zone times, yuan), or nothing for a new one.
 */
export function getShowcaseFormValues(
	state: FormState,
	stored: ShowcaseRecord | undefined,
	timeZone: string,
): ShowcaseFormValues {
	if (state.submitted && !state.succeeded) {
		const list = (name: string) => state.lists[name] ?? [];
		return {
			values: state.values,
			hosts: list('hostName').map((name, i) => ({
				name,
				nameEn: list('hostNameEn')[i] ?? '',
				title: list('hostTitle')[i] ?? '',
				titleEn: list('hostTitleEn')[i] ?? '',
				district: list('hostDistrict')[i] ?? '',
			})),
			products: list('productName').map((name, i) => ({
				name,
				type: list('productPriceType')[i] ?? 'fixed',
				price: list('productPrice')[i] ?? '',
				price2: list('productPrice2')[i] ?? '',
			})),
		};
	}
	if (!stored) return { values: {}, hosts: [], products: [] };
	const r = stored.room;
	return {
		values: {
			title: r.title,
			titleEn: r.titleEn ?? '',
			description: r.description,
			descriptionEn: r.descriptionEn ?? '',
			anchorName: r.anchorName,
			start: formatZonedInput(r.startAt, timeZone),
			end: formatZonedInput(r.endAt, timeZone),
			districtId: String(r.districtId),
			categoryId: String(r.categoryId),
			merchantId: r.merchantId === null ? 'none' : String(r.merchantId),
		},
		hosts: stored.hosts.map((h) => ({
			name: h.name,
			nameEn: h.nameEn ?? '',
			title: h.title,
			titleEn: h.titleEn ?? '',
			district: h.districtId === null ? 'none' : String(h.districtId),
		})),
		products: stored.products.map((p) => ({
			name: p.name,
			type: p.priceType,
			price: formatFenAsYuan(p.price),
			price2: p.price2 === null ? '' : formatFenAsYuan(p.price2),
		})),
	};
}
