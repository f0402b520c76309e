import * as OpenCC from 'opencc-js/t2cn';

/**
 * Traditional Chinese folded to Simplified, so 珠寶 finds 珠宝 and 燒鵝 finds 烧鹅 (visitors from
 * Hong Kong and Macau type Traditional; a few merchants write it). Index text and queries are
 * folded alike. OpenCC's Hong Kong table also covers Taiwan's variants (裡, 衛, 綫) and converts
 * by phrase (乾貨 → 干货 but 乾坤 stays).
 *
 * Converting is costly (OpenCC matches phrases from a dictionary: ~0.35 µs per character), and
 * nearly all festival text is already Simplified, so a run is converted only when one of its
 * characters changes on its own; both answers are remembered (a bounded memo, cleared when full).
 */
const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });

const MEMO_LIMIT = 50_000;
let changing = new Map<string, boolean>();
let folded = new Map<string, string>();

function changesAlone(char: string): boolean {
	let answer = changing.get(char);
	if (answer === undefined) {
		answer = convert(char) !== char;
		if (changing.size >= MEMO_LIMIT) changing = new Map();
		changing.set(char, answer);
	}
	return answer;
}

/** A run of Han characters in Simplified Chinese (the same run when it already is). */
export function foldHan(run: string): string {
	let out = folded.get(run);
	if (out !== undefined) return out;
	out = run;
	for (const char of run) {
		if (changesAlone(char)) {
			out = convert(run);
			break;
		}
	}
	if (folded.size >= MEMO_LIMIT) folded = new Map();
	folded.set(run, out);
	return out;
}
