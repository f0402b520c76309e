import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../../src/lib/shared/forms/parse-form';
import {
	toFormIssues,
	toVenueSpec,
	venueFormFields,
} from '../../../../src/lib/server/venue/venue-form';
import type { VenueRow } from '../../../../src/lib/server/venue/venues';

/** Unit: the console's venue form as the plain data saveVenue takes, and its issues as fields. */
const districts = new Map([
	[1, 'liwan'],
	[2, 'tianhe'],
]);
const ref = {
	districtCode: (id: number) => districts.get(id),
	categoryCode: (id: number) => (id === 7 ? 'fashion' : undefined),
};
const stored = {
	id: 9,
	festivalId: 1,
	slug: 'liwan',
	kind: 'district',
	nameZh: '荔湾分会场',
	nameEn: 'Liwan',
	introZh: '',
	introEn: '',
	bannerKey: null,
	sort: 2,
	curatorDistrictId: 1,
	ruleDistricts: [1],
	ruleCategories: [7],
	ruleTags: ['老字号'],
	featured: [],
	createdAt: new Date(0),
	updatedAt: new Date(0),
} satisfies VenueRow;

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
}

describe('the venue form', () => {
	const posted = form([
		['slug', 'taken-over'],
		['kind', 'themed'],
		['nameZh', '荔湾分会场'],
		['nameEn', 'Liwan'],
		['sort', '5'],
		['ruleDistricts', 'tianhe'],
		['ruleTags', '夜市，助农 夜市'],
		['picks', '12, 13，14'],
		['featured', '13 12'],
	]);

	it('reads room lists and tags as typed, and the rule from the checkboxes', () => {
		const parsed = parseForm(posted, venueFormFields);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(toVenueSpec(parsed.data, ref, undefined, { locked: false, bannerKey: null })).toEqual({
			slug: 'taken-over',
			kind: 'themed',
			name: { zh: '荔湾分会场', en: 'Liwan' },
			intro: { zh: '', en: '' },
			sort: 5,
			curatorDistrict: null,
			rule: { districts: ['tianhe'], categories: [], tags: ['夜市', '助农'] },
			picks: [12, 13, 14],
			excludes: [],
			featured: [13, 12],
			bannerKey: null,
		});
	});

	it("keeps a locked venue's kind, address, order, rule and district whatever was posted", () => {
		const parsed = parseForm(posted, venueFormFields);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		const spec = toVenueSpec(parsed.data, ref, stored, { locked: true, bannerKey: 'k' });
		expect([spec.slug, spec.kind, spec.sort, spec.curatorDistrict, spec.rule, spec.picks]).toEqual([
			'liwan',
			'district',
			2,
			'liwan',
			{ districts: ['liwan'], categories: ['fashion'], tags: ['老字号'] },
			[12, 13, 14],
		]);
	});

	it('names the field of each problem saveVenue reports', () => {
		expect(
			toFormIssues([
				{ venue: 'x', field: 'name.en', message: 'form.required' },
				{ venue: 'x', field: 'rule.tags.3', message: 'form.invalid' },
				{ venue: 'x', field: 'picks', message: 'venue.form.unknownRoom' },
				{ venue: 'x', field: 'id', message: 'form.notFound' },
			]).map((i) => i.field),
		).toEqual(['nameEn', 'ruleTags', 'picks', 'venueId']);
	});
});
