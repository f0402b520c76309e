/**
 * The fixed query mix of `npm run bench:search`: 200 queries, weighted the way issue 3 expects
 * citizens to type (mostly two Chinese characters), every word taken from the demo content in
 * db/seed/content/*.ts (room titles, products, merchant brands and trades, districts, categories,
 * tags, anchors' nicknames). A few find nothing at all, as real queries do. Changing this list
 * changes every figure: results are only comparable between runs with the same list.
 */

export type QueryKind =
	| 'two-character'
	| 'single-character'
	| 'phrase'
	| 'pinyin'
	| 'initials'
	| 'english'
	| 'name'
	| 'mixed';

export interface BenchQuery {
	q: string;
	kind: QueryKind;
}

/** 90: products, categories, districts, tags and title words; 榴莲 and 手办 are in no room. */
// prettier-ignore
const TWO_CHARACTER = [
	'女装', '荔枝', '点心', '早茶', '海鲜', '口红', '面膜', '防晒', '黄金', '翡翠',
	'空调', '冰箱', '手机', '耳机', '床垫', '沙发', '奶粉', '童装', '红酒', '温泉',
	'门票', '茶叶', '鲜花', '批发', '烧鹅', '烧腊', '腊肠', '月饼', '陈皮', '凉茶',
	'秒杀', '直播', '新品', '专场', '特价', '套餐', '补贴', '助农', '工厂', '源头',
	'牛仔', '旗袍', '皮具', '珠宝', '首饰', '家电', '数码', '家居', '母婴', '汽车',
	'跨境', '文旅', '生鲜', '美妆', '服饰', '蜂蜜', '绿茶', '普洱', '花胶', '玫瑰',
	'积木', '手表', '平板', '电脑', '投影', '咖啡', '火锅', '蛋挞', '糖水', '夜宵',
	'粤剧', '夜游', '珠江', '天河', '越秀', '荔湾', '番禺', '增城', '从化', '白云',
	'南沙', '花都', '海珠', '黄埔', '包邮', '满减', '试驾', '民宿', '榴莲', '手办',
];

/** 20: one character, the broadest queries there are. */
// prettier-ignore
const SINGLE_CHARACTER = [
	'鸡', '虾', '蟹', '茶', '米', '金', '玉', '鞋', '酒', '鱼',
	'蜜', '饼', '汤', '车', '锅', '裙', '鲜', '肉', '花', '新',
];

/** 20: three- to five-character phrases from titles and tags; 特斯拉 is in no room. */
// prettier-ignore
const PHRASE = [
	'以旧换新', '老字号', '产地直发', '限时秒杀', '源头工厂', '工厂直供', '早茶点心', '广式烧腊',
	'补水面膜', '足金首饰', '新能源车', '珠江夜游', '岭南文化', '乡村振兴', '助农直播', '全屋定制',
	'荔枝蜜', '丝苗米', '香云纱旗袍', '特斯拉',
];

/** 20: full pinyin of common queries. */
// prettier-ignore
const PINYIN = [
	'nvzhuang', 'lizhi', 'dianxin', 'zaocha', 'haixian', 'kouhong', 'mianmo', 'huangjin',
	'kongtiao', 'shouji', 'naifen', 'hongjiu', 'wenquan', 'laozihao', 'shaola', 'yuebing',
	'chenpi', 'liangcha', 'qipao', 'feicui',
];

/** 10: pinyin initials. */
// prettier-ignore
const INITIALS = ['nz', 'lz', 'dx', 'zc', 'hx', 'kh', 'mm', 'hj', 'kt', 'sj'];

/** 16: English product, category and place words. */
// prettier-ignore
const ENGLISH = [
	'dim sum', 'lychee', 'seafood', 'lipstick', 'gold', 'jade', 'jeans', 'laptop',
	'mattress', 'wine', 'hot spring', 'cruise', 'opera', 'honey', 'air fryer', 'mooncake',
];

/** 16: merchant brands and shop names, anchors' nicknames, an English brand. */
// prettier-ignore
const NAME = [
	'荣华', '陶源', '德昌', '陈李记', '兴记', '鲜丰', '荔乡', '稻香',
	'云裳', '悦肤', '金缘', '雅居', '荣华酒家', '小美', '阿杰', 'Chen Li Kee',
];

/** 8: Chinese with Latin letters or digits, as product names are written. */
// prettier-ignore
const MIXED = [
	'5G手机', 'S925银耳钉', '18K金', 'IH电饭煲', '荔枝 lychee', '女装 dress', '天河 dim sum', '500g腊肠',
];

/** Interleaves the kinds so a slow stretch of the list is not all one kind of query. */
function interleaveQueries(groups: [QueryKind, string[]][]): BenchQuery[] {
	const total = groups.reduce((sum, [, words]) => sum + words.length, 0);
	const out: BenchQuery[] = [];
	for (let round = 0; out.length < total && round < total; round++) {
		for (const [kind, words] of groups) {
			// Spread each group evenly over the list: a group of n words gives one every total/n.
			const start = Math.floor((round * words.length) / total);
			const end = Math.floor(((round + 1) * words.length) / total);
			for (let i = start; i < end; i++) out.push({ q: words[i]!, kind });
		}
	}
	return out;
}

export const BENCH_QUERIES: readonly BenchQuery[] = interleaveQueries([
	['two-character', TWO_CHARACTER],
	['single-character', SINGLE_CHARACTER],
	['phrase', PHRASE],
	['pinyin', PINYIN],
	['initials', INITIALS],
	['english', ENGLISH],
	['name', NAME],
	['mixed', MIXED],
]);

if (BENCH_QUERIES.length !== 200) {
	throw new Error(`bench/search/queries.ts must hold 200 queries, has ${BENCH_QUERIES.length}`);
}
