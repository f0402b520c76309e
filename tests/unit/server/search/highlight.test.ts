import { describe, expect, it } from 'vitest';
import {
	buildSnippet,
	findSpelledWord,
	highlightText,
} from '../../../../src/lib/server/search/highlight';

describe('highlightText', () => {
	it('escapes everything and marks the matches', () => {
		expect(highlightText('<b>锦绣女装</b> & Dim sum', ['女装', 'dim'])).toBe(
			'&lt;b&gt;锦绣<mark>女装</mark>&lt;/b&gt; &amp; <mark>Dim</mark> sum',
		);
	});

	it('marks the Chinese word a pinyin query spells, full or initials', () => {
		expect([
			highlightText('锦绣女装专场', ['nvzhuang']),
			highlightText('锦绣女装专场', ['nz']),
		]).toEqual(['锦绣<mark>女装</mark>专场', '锦绣<mark>女装</mark>专场']);
	});

	it('marks the characters a pinyin span covers, across segmenter words', () => {
		expect([
			highlightText('步步香云纱', ['xys']),
			highlightText('步步香云纱', ['xiangyun']),
		]).toEqual(['步步<mark>香云纱</mark>', '步步<mark>香云</mark>纱']);
	});

	it('marks Latin terms only at the start of a word', () => {
		expect(highlightText('Guoran or Oregano', ['or'])).toBe(
			'Guoran <mark>or</mark> <mark>Or</mark>egano',
		);
	});

	it('prefers the longer match where two start together', () => {
		expect(highlightText('百年老字号', ['老字号', '老字', '字号'])).toBe('百年<mark>老字号</mark>');
	});

	it('cannot be used to inject markup', () => {
		expect(highlightText('"><script>alert(1)</script>', ['script'])).toBe(
			'&quot;&gt;&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;',
		);
	});
});

describe('buildSnippet', () => {
	it('cuts a window around the longest match with ellipses', () => {
		const text =
			'这是一段很长很长的描述文字，介绍了本场直播的各种好物，其中包括荔枝蜜和凉茶，欢迎大家来看。';
		expect(buildSnippet(text, ['荔枝'])).toBe(
			'…绍了本场直播的各种好物，其中包括<mark>荔枝</mark>蜜和凉茶，欢迎大家来看。',
		);
	});

	it('is null when nothing matches', () => {
		expect(buildSnippet('虾饺皇', ['凉茶'])).toBeNull();
	});
});

describe('highlighting folded text', () => {
	it('marks Traditional characters a Simplified query matches, on the original text', () => {
		expect(highlightText('港式燒鵝飯', ['烧鹅'])).toBe('港式<mark>燒鵝</mark>飯');
	});

	it('marks the word an accent-merged spelling spells', () => {
		expect(highlightText('手机配件', ['shouji'])).toBe('<mark>手机</mark>配件');
	});
});

describe('findSpelledWord', () => {
	it('names the first Chinese word of two characters or more the pinyin spells', () => {
		expect([
			findSpelledWord(['夏日新品', '香云纱旗袍专场'], ['qipao']),
			findSpelledWord(['夏日新品'], ['qipao']),
		]).toEqual(['旗袍', null]);
	});
});
