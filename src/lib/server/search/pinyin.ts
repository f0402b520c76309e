import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Pinyin for search: the syllables of Chinese text (pinyin-pro reads polyphones in context: 行 in
 * 银行 is hang, in 步行 xing; ü is written v, as people type it), how a typed Latin word splits into
 * syllables, and the spellings a southern accent merges (模糊音).
 */

/** Every syllable Mandarin pinyin has (toneless, ü as v), from pinyin-pro's readings of CJK. */
const SYLLABLES = new Set(
	(
		'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can ' +
		'cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai ' +
		'chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng ' +
		'di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen ' +
		'feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ' +
		'ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
		'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ' +
		'ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie ' +
		'lin ling liu long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao ' +
		'mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning ' +
		'niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ' +
		'ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ' +
		'ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang ' +
		'shao she shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan ' +
		'sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa ' +
		'wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ' +
		'ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng ' +
		'zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun ' +
		'zhuo zi zong zou zu zuan zui zun zuo'
	).split(' '),
);
/** Spellings people type for ü after l and n. */
const ALIASES: Record<string, string> = { lue: 'lve', nue: 'nve' };
const LONGEST = 6;
/** Every prefix of a syllable, for the word still being typed (`zhu` of zhuang). */
const PREFIXES = new Set([...SYLLABLES].flatMap((s) => [...s].map((_, i) => s.slice(0, i + 1))));

/**
 * Readings pinyin-pro gets wrong in shop names: 行 is háng in a trade's shop (布行, 药行, 车行),
 * which is how merchants' names end and how citizens type them (`wanshangbuhang`).
 */
customPinyin({
	布行: 'bù háng',
	药行: 'yào háng',
	车行: 'chē háng',
	货行: 'huò háng',
	果行: 'guǒ háng',
	茶行: 'chá háng',
	米行: 'mǐ háng',
	花行: 'huā háng',
	鱼行: 'yú háng',
	琴行: 'qín háng',
	酒行: 'jiǔ háng',
	金行: 'jīn háng',
	五金行: 'wǔ jīn háng',
});

/** One syllable per character of a Han run, read in context. */
export function listSyllables(run: string): string[] {
	return pinyin(run, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' });
}

/**
 * Splits a typed Latin word into pinyin syllables, the last of which may be unfinished
 * (`nvzhu` → nv|zhu, `xiangyunsha` → xiang|yun|sha); the split with the fewest syllables wins.
 * Null when the word is not pinyin (`lychee`).
 */
export function splitPinyin(word: string): string[] | null {
	if (!/^[a-z]+$/.test(word) || word.length > 48) return null;
	// best[i]: the fewest syllables spelling word[0, i), and how.
	const best: (string[] | null)[] = [[]];
	for (let i = 1; i <= word.length; i++) best.push(null);
	for (let i = 0; i < word.length; i++) {
		const before = best[i];
		if (!before) continue;
		for (let n = 1; n <= LONGEST && i + n <= word.length; n++) {
			const piece = word.slice(i, i + n);
			const syllable = ALIASES[piece] ?? piece;
			const whole = SYLLABLES.has(syllable);
			if (!whole && !(i + n === word.length && PREFIXES.has(piece))) continue;
			const next = best[i + n];
			if (!next || next.length > before.length + 1) best[i + n] = [...before, syllable];
		}
	}
	return best[word.length] ?? null;
}

/** Initials a southern accent merges, in both directions. */
const INITIALS: [string, string][] = [
	['zh', 'z'],
	['ch', 'c'],
	['sh', 's'],
	['n', 'l'],
	['f', 'h'],
];
/** Finals it merges: front and back nasals. */
const FINALS: [string, string][] = [
	['ang', 'an'],
	['eng', 'en'],
	['ing', 'in'],
];

function swapInitial(s: string): string | null {
	// zh, ch, sh first: s must not read as s|h.
	for (const [a, b] of INITIALS) if (s.startsWith(a)) return b + s.slice(a.length);
	for (const [a, b] of INITIALS) if (s.startsWith(b)) return a + s.slice(b.length);
	return null;
}

function swapFinal(s: string): string | null {
	for (const [a, b] of FINALS) {
		if (s.endsWith(a)) return s.slice(0, -a.length) + b;
		if (s.endsWith(b)) return s.slice(0, -b.length) + a;
	}
	return null;
}

/**
 * The syllable and its accent-merged spellings that exist; for the last syllable of a word, also
 * those that begin one (the word may still be being typed: `zhu` of zhuang).
 */
function listSyllableVariants(syllable: string, last: boolean): string[] {
	const valid = (s: string): boolean => SYLLABLES.has(s) || (last && PREFIXES.has(s));
	const out = [syllable];
	const initial = swapInitial(syllable);
	const final = SYLLABLES.has(syllable) ? swapFinal(syllable) : null;
	for (const v of [initial, final, initial && final && swapInitial(final)]) {
		if (v && v !== syllable && valid(v) && !out.includes(v)) out.push(v);
	}
	return out;
}

/** At most this many merged spellings of one word are searched. */
const MAX_VARIANTS = 24;

/**
 * The spellings a southern speaker may have meant by a pinyin word (z/zh, c/ch, s/sh, n/l, f/h,
 * an/ang, en/eng, in/ing), the typed spelling itself excluded, fewest changed syllables first:
 * `souji` → `shouji`, `lvzhuang` → `nvzhuang`, …. Empty for a word that is not pinyin.
 */
export function listAccentVariants(word: string): string[] {
	const syllables = splitPinyin(word);
	if (!syllables || syllables.length === 0) return [];
	const options = syllables.map((s, i) => listSyllableVariants(s, i === syllables.length - 1));
	const found: { spelling: string; changes: number }[] = [];
	const walk = (spelling: string, index: number, changes: number): void => {
		if (found.length >= MAX_VARIANTS * 8) return;
		if (index === options.length) {
			found.push({ spelling, changes });
			return;
		}
		options[index]!.forEach((option, k) =>
			walk(spelling + option, index + 1, changes + (k > 0 ? 1 : 0)),
		);
	};
	walk('', 0, 0);
	const typed = syllables.join('');
	const spellings = found.sort((a, b) => a.changes - b.changes).map((v) => v.spelling);
	return [...new Set(spellings)].filter((v) => v !== typed && v !== word).slice(0, MAX_VARIANTS);
}
