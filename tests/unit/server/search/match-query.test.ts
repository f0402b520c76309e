import { describe, expect, it } from 'vitest';
import {
	listHanTerms,
	listHighlightTerms,
	planQuery,
	planSoundQuery,
	type QueryTerm,
} from '../../../../src/lib/server/search/match-query';

/** A plan as one line: each term's alternatives as typed, `index:expression`, joined by AND. */
function describe_(terms: QueryTerm[]): string | null {
	if (terms.length === 0) return null;
	return terms.map((t) => t.exact.map((a) => `${a.index}:${a.expr}`).join(' | ')).join(' AND ');
}

describe('planQuery', () => {
	const cases: [string, string | null][] = [
		['女装', 'han:"女装"'],
		['鞋', 'han:{title names products} : "鞋"'],
		['老字号', 'han:"老字" AND han:"字号"'],
		['广州酒家点心', 'han:"广州" AND han:"酒家" AND han:"点心"'],
		[
			'dim sum',
			'latin:("dim" OR {title_pinyin names_pinyin products_pinyin} : "dim"*) AND latin:"sum"*',
		],
		['nvzhuang', 'latin:"nvzhuang"*'],
		['女装 nz', 'han:"女装" AND latin:"nz"*'],
		[
			'NEAR("a" "b")',
			'latin:("near" OR {title_pinyin names_pinyin products_pinyin} : "near"*) AND latin:"a" AND latin:"b"',
		],
		["' OR 1=1 --", 'latin:"or" AND latin:"1"'],
		['title: 女装', 'latin:"title"* AND han:"女装"'],
		['珠寶', 'han:"珠宝"'],
		['*', null],
		['"', null],
		['   ', null],
		['😀🎉', null],
	];
	for (const [input, expected] of cases) {
		it(`turns ${JSON.stringify(input)} into ${expected}`, () => {
			expect(describe_(planQuery(input))).toBe(expected);
		});
	}

	it('quotes every token, so FTS5 syntax in the input is only text', () => {
		expect(describe_(planQuery('a"b'))).toBe('latin:"a" AND latin:"b"');
	});

	it('bounds a 10,000-character query to at most 12 terms', () => {
		// Cut at 100 characters: the 34th 女装 is cut after 女, which becomes a term of its own.
		expect(describe_(planQuery('女装 '.repeat(3333) + 'abc'))).toBe(
			'han:"女装" AND han:{title names products} : "女"',
		);
		const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
		expect(planQuery(words).length).toBe(12);
	});

	it('matches a long dictionary word as itself or as all its bigrams', () => {
		expect(describe_(planQuery('直播带货'))).toBe('han:"直播" AND han:"带货"');
		expect(describe_(planQuery('荔枝蜜'))).toMatch(
			/^han:\("荔枝蜜" OR \("荔枝" AND "枝蜜"\)\)$|^han:"荔枝" AND han:"枝蜜"$/,
		);
	});

	it('adds accent-merged spellings of pinyin words, and none of English ones or initials', () => {
		const accent = (q: string): string[] =>
			planQuery(q).flatMap((t) => t.accent.map((a) => a.expr));
		expect([accent('souji'), accent('lychee'), accent('sj')]).toEqual([
			['{title_pinyin names_pinyin products_pinyin} : ("shouji"*)'],
			[],
			[],
		]);
	});
});

describe('planSoundQuery', () => {
	it('spells the Chinese of a query in pinyin, matched in the pinyin columns', () => {
		const sound = planSoundQuery('旗泡');
		expect([sound?.spelt, describe_(sound?.terms ?? [])]).toEqual([
			['qipao'],
			'latin:{title_pinyin names_pinyin products_pinyin} : "qipao"*',
		]);
	});

	it('is null for a query without two Chinese characters in a row', () => {
		expect([planSoundQuery('鞋'), planSoundQuery('dim sum')]).toEqual([null, null]);
	});
});

describe('listHanTerms', () => {
	it('turns a one-character word inside a longer run into the bigram with its neighbour', () => {
		expect([listHanTerms('老字号'), listHanTerms('买鞋'), listHanTerms('鞋')]).toEqual([
			['老字', '字号'],
			['买鞋'],
			['鞋'],
		]);
	});
});

describe('listHighlightTerms', () => {
	it('lists whole runs before their parts, and the spellings an accent merges', () => {
		expect([listHighlightTerms('老字号 Dim'), listHighlightTerms('souji')]).toEqual([
			['老字号', '老字', '字号', 'dim'],
			['souji', 'shouji'],
		]);
	});
});
