import { parseProductRows } from '../../shared/forms/room-form';
import { parseForm, requiredId, type FormIssue } from '../../shared/forms/parse-form';
import { parseZonedDateTime } from '../../shared/room-window';
import { parseHostRows, showcaseFields } from './forms';
import type { ShowcaseDraft } from './showcase';

const idField = { roomId: requiredId('form.notFound').optional() };

/**
 * Reads the showcase form: its fields, host rows, product rows (the merchant form's rules) and
 * times in the festival's zone, reporting every problem at once.
 */
export function parseShowcaseForm(
	form: FormData,
	timeZone: string,
):
	| { ok: true; roomId: number | undefined; draft: ShowcaseDraft }
	| { ok: false; issues: FormIssue[] } {
	const id = parseForm(form, idField);
	const parsed = parseForm(form, showcaseFields);
	const issues: FormIssue[] = [...(id.ok ? [] : id.issues), ...(parsed.ok ? [] : parsed.issues)];
	const texts = (name: string) =>
		form.getAll(name).filter((v): v is string => typeof v === 'string');
	const hosts = parseHostRows({
		names: texts('hostName'),
		namesEn: texts('hostNameEn'),
		titles: texts('hostTitle'),
		titlesEn: texts('hostTitleEn'),
		districts: texts('hostDistrict'),
	});
	issues.push(...hosts.issues);
	const products = parseProductRows({
		names: texts('productName'),
		types: texts('productPriceType'),
		prices: texts('productPrice'),
		prices2: texts('productPrice2'),
	});
	issues.push(...products.issues);
	const times = { start: null as Date | null, end: null as Date | null };
	for (const field of ['start', 'end'] as const) {
		const raw = form.get(field);
		if (issues.some((i) => i.field === field) || typeof raw !== 'string') continue;
		times[field] = parseZonedDateTime(raw, timeZone);
		if (!times[field]) issues.push({ field, message: 'rooms.timeInvalid' });
	}
	if (!id.ok || !parsed.ok || issues.length > 0) return { ok: false, issues };
	const input = parsed.data;
	return {
		ok: true,
		roomId: id.data.roomId,
		draft: {
			title: input.title,
			titleEn: input.titleEn ?? null,
			description: input.description ?? '',
			descriptionEn: input.descriptionEn ?? null,
			anchorName: input.anchorName ?? '',
			startAt: times.start!,
			endAt: times.end!,
			districtId: input.districtId,
			categoryId: input.categoryId,
			merchantId: input.merchantId,
			hosts: hosts.hosts,
			products: products.products,
		},
	};
}
