import type { Phrase } from './phrase';

/** A Guangzhou district as the demo festival needs it. */
export interface DistrictSeed {
	code: string;
	nameZh: string;
	nameEn: string;
	/** GB/T 2260 division code; characters 3–8 of a credit code registered there. */
	adminCode: string;
	/** How many of the demo's merchants a district attracts, relative to the others. */
	weight: number;
	/** Streets, towns and landmarks that merchant names borrow. */
	places: readonly Phrase[];
}

export const CITY = 'guangzhou';

/** Guangzhou's eleven districts, in the order the city lists them. */
export const DISTRICTS: readonly DistrictSeed[] = [
	{
		code: 'yuexiu',
		nameZh: '越秀',
		nameEn: 'Yuexiu',
		adminCode: '440104',
		weight: 12,
		places: [
			{ zh: '北京路', en: 'Beijing Road' },
			{ zh: '东山', en: 'Dongshan' },
			{ zh: '一德路', en: 'Yide Road' },
			{ zh: '流花', en: 'Liuhua' },
		],
	},
	{
		code: 'haizhu',
		nameZh: '海珠',
		nameEn: 'Haizhu',
		adminCode: '440105',
		weight: 10,
		places: [
			{ zh: '江南西', en: 'Jiangnanxi' },
			{ zh: '琶洲', en: 'Pazhou' },
			{ zh: '滨江', en: 'Binjiang' },
			{ zh: '昌岗', en: 'Changgang' },
		],
	},
	{
		code: 'liwan',
		nameZh: '荔湾',
		nameEn: 'Liwan',
		adminCode: '440103',
		weight: 10,
		places: [
			{ zh: '西关', en: 'Xiguan' },
			{ zh: '上下九', en: 'Shangxiajiu' },
			{ zh: '芳村', en: 'Fangcun' },
			{ zh: '荔枝湾', en: 'Lizhiwan' },
		],
	},
	{
		code: 'tianhe',
		nameZh: '天河',
		nameEn: 'Tianhe',
		adminCode: '440106',
		weight: 14,
		places: [
			{ zh: '体育西', en: 'Tiyuxi' },
			{ zh: '五山', en: 'Wushan' },
			{ zh: '岗顶', en: 'Gangding' },
			{ zh: '天河北', en: 'Tianhebei' },
		],
	},
	{
		code: 'baiyun',
		nameZh: '白云',
		nameEn: 'Baiyun',
		adminCode: '440111',
		weight: 10,
		places: [
			{ zh: '三元里', en: 'Sanyuanli' },
			{ zh: '嘉禾', en: 'Jiahe' },
			{ zh: '同和', en: 'Tonghe' },
			{ zh: '江高', en: 'Jianggao' },
		],
	},
	{
		code: 'huangpu',
		nameZh: '黄埔',
		nameEn: 'Huangpu',
		adminCode: '440112',
		weight: 7,
		places: [
			{ zh: '长洲', en: 'Changzhou' },
			{ zh: '萝岗', en: 'Luogang' },
			{ zh: '科学城', en: 'Science City' },
			{ zh: '鱼珠', en: 'Yuzhu' },
		],
	},
	{
		code: 'panyu',
		nameZh: '番禺',
		nameEn: 'Panyu',
		adminCode: '440113',
		weight: 10,
		places: [
			{ zh: '市桥', en: 'Shiqiao' },
			{ zh: '沙湾', en: 'Shawan' },
			{ zh: '大石', en: 'Dashi' },
			{ zh: '南村', en: 'Nancun' },
		],
	},
	{
		code: 'huadu',
		nameZh: '花都',
		nameEn: 'Huadu',
		adminCode: '440114',
		weight: 6,
		places: [
			{ zh: '狮岭', en: 'Shiling' },
			{ zh: '新华', en: 'Xinhua' },
			{ zh: '花山', en: 'Huashan' },
			{ zh: '炭步', en: 'Tanbu' },
		],
	},
	{
		code: 'nansha',
		nameZh: '南沙',
		nameEn: 'Nansha',
		adminCode: '440115',
		weight: 5,
		places: [
			{ zh: '黄阁', en: 'Huangge' },
			{ zh: '横沥', en: 'Hengli' },
			{ zh: '万顷沙', en: 'Wanqingsha' },
			{ zh: '大岗', en: 'Dagang' },
		],
	},
	{
		code: 'conghua',
		nameZh: '从化',
		nameEn: 'Conghua',
		adminCode: '440117',
		weight: 4,
		places: [
			{ zh: '温泉', en: 'Wenquan' },
			{ zh: '良口', en: 'Liangkou' },
			{ zh: '鳌头', en: 'Aotou' },
			{ zh: '太平', en: 'Taiping' },
		],
	},
	{
		code: 'zengcheng',
		nameZh: '增城',
		nameEn: 'Zengcheng',
		adminCode: '440118',
		weight: 6,
		places: [
			{ zh: '新塘', en: 'Xintang' },
			{ zh: '派潭', en: 'Paitan' },
			{ zh: '荔城', en: 'Licheng' },
			{ zh: '正果', en: 'Zhengguo' },
		],
	},
];
