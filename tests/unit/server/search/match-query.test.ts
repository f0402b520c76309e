import { describe, expect, it } from 'vitest';
import {
	buildAnyMatchQuery,
	buildMatchQuery,
	listHanTerms,
	listHighlightTerms,
} from '../../../../src/lib/server/search/match-query';

describe('buildMatchQuery', () => {
	const cases: [string, string | null][] = [
		['女装', '"女装"'],
		['鞋', '{title names products} : "鞋"'],
		['老字号', '"老字" AND "字号"'],
		['广州酒家点心', '"广州" AND "酒家" AND "点心"'],
		['dim sum', '("dim" OR {title_pinyin names_pinyin} : "dim"*) AND "sum"*'],
		['nvzhuang', '"nvzhuang"*'],
		['女装 nz', '"女装" AND "nz"*'],
		['NEAR("a" "b")', '("near" OR {title_pinyin names_pinyin} : "near"*) AND "a" AND "b"*'],
		["' OR 1=1 --", '"or" AND "1" AND "1"*'],
		['title: 女装', '"title"* AND "女装"'],
		['女装 tianhe', '"女装" AND "tianhe"*'],
		['*', null],
		['"', null],
		['   ', null],
		['😀🎉', null],
	];
	for (const [input, expected] of cases) {
		it(`turns ${JSON.stringify(input)} into ${expected}`, () => {
			expect(buildMatchQuery(input)).toBe(expected);
		});
	}

	it('quotes every token, so FTS5 syntax in the input is only text', () => {
		expect(buildMatchQuery('a"b')).toBe('"a" AND "b"*');
	});

	it('bounds a 10,000-character query to at most 12 terms', () => {
		// Cut at 100 characters: the 34th 女装 is cut after 女, which becomes a term of its own.
		expect(buildMatchQuery('女装 '.repeat(3333) + 'abc')).toBe(
			'"女装" AND {title names products} : "女"',
		);
		const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
		expect(buildMatchQuery(words)?.split(' AND ').length).toBe(12);
	});

	it('matches a long dictionary word as itself or as all its bigrams', () => {
		expect(buildMatchQuery('直播带货')).toBe('"直播" AND "带货"');
		expect(buildMatchQuery('荔枝蜜')).toMatch(
			/^\("荔枝蜜" OR \("荔枝" AND "枝蜜"\)\)$|^"荔枝" AND "枝蜜"$/,
		);
	});
});

describe('buildAnyMatchQuery', () => {
	it('joins the same terms with OR, and is null for a single term', () => {
		expect([buildAnyMatchQuery('广州 点心'), buildAnyMatchQuery('点心')]).toEqual([
			'"广州" OR "点心"',
			null,
		]);
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
	it('lists whole runs before their parts', () => {
		expect(listHighlightTerms('老字号 Dim')).toEqual(['老字号', '老字', '字号', 'dim']);
	});
});
