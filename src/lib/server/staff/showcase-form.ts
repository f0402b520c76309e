import { parseRoomFieldset } from '../../shared/forms/room-fields';
import { parseForm, readTexts, requiredId, type FormIssue } from '../../shared/forms/parse-form';
import { parseHostRows, showcaseOwnFields } from './forms';
import type { ShowcaseDraft } from './showcase';

const idField = { roomId: requiredId('form.notFound').optional() };

/**
 * Reads the showcase form: the shared room fieldset (shared/forms/room-fields.ts: its fields,
 * times in the festival's zone, product rows), then what only a showcase has (district, category,
 * carrier, host rows), reporting every problem at once.
 */
export function parseShowcaseForm(
	form: FormData,
	timeZone: string,
):
	| { ok: true; roomId: number | undefined; draft: ShowcaseDraft }
	| { ok: false; issues: FormIssue[] } {
	const id = parseForm(form, idField);
	const fieldset = parseRoomFieldset(form, 'showcase', timeZone);
	const own = parseForm(form, showcaseOwnFields);
	const texts = (name: string) => readTexts(form, name);
	const hosts = parseHostRows({
		names: texts('hostName'),
		namesEn: texts('hostNameEn'),
		titles: texts('hostTitle'),
		titlesEn: texts('hostTitleEn'),
		districts: texts('hostDistrict'),
	});
	const issues: FormIssue[] = [
		...(id.ok ? [] : id.issues),
		...fieldset.issues,
		...(own.ok ? [] : own.issues),
		...hosts.issues,
	];
	if (!id.ok || !own.ok || issues.length > 0) return { ok: false, issues };
	const v = fieldset.values;
	return {
		ok: true,
		roomId: id.data.roomId,
		draft: {
			title: v.title!,
			titleEn: v.titleEn ?? null,
			description: v.description ?? '',
			descriptionEn: v.descriptionEn ?? null,
			anchorName: v.anchorName ?? '',
			startAt: v.startAt!,
			endAt: v.endAt!,
			districtId: own.data.districtId,
			categoryId: own.data.categoryId,
			merchantId:
				own.data.merchantId && 'id' in own.data.merchantId ? own.data.merchantId.id : null,
			...(own.data.merchantId && 'name' in own.data.merchantId
				? { carrierName: own.data.merchantId.name }
				: {}),
			hosts: hosts.hosts,
			products: fieldset.products,
		},
	};
}
