/** An office an official can hold; district roles are filled per district. */
export type OfficialRole =
	| 'district-head'
	| 'district-deputy'
	| 'district-commerce'
	| 'city-commerce-head'
	| 'city-commerce-deputy'
	| 'city-agriculture-deputy'
	| 'city-culture-deputy';

/** Job titles in both languages; `{d}`/`{D}` become the district's name. */
export const OFFICIAL_TITLES: Readonly<Record<OfficialRole, { zh: string; en: string }>> = {
	'district-head': { zh: '{d}区区长', en: 'Head of {D} District' },
	'district-deputy': { zh: '{d}区副区长', en: 'Deputy Head of {D} District' },
	'district-commerce': { zh: '{d}区商务局局长', en: 'Director, {D} District Commerce Bureau' },
	'city-commerce-head': { zh: '市商务局局长', en: 'Director, Guangzhou Municipal Commerce Bureau' },
	'city-commerce-deputy': {
		zh: '市商务局副局长',
		en: 'Deputy Director, Guangzhou Municipal Commerce Bureau',
	},
	'city-agriculture-deputy': {
		zh: '市农业农村局副局长',
		en: 'Deputy Director, Guangzhou Agriculture and Rural Affairs Bureau',
	},
	'city-culture-deputy': {
		zh: '市文化广电旅游局副局长',
		en: 'Deputy Director, Guangzhou Culture, Radio, TV and Tourism Bureau',
	},
};

/** A government showcase session of the demo festival. */
export interface ShowcaseSeed {
	district: string;
	category: string;
	titleZh: string;
	titleEn: string;
	descriptionZh: string;
	descriptionEn: string;
	/** 0, 1 or 2: which festival day. */
	day: number;
	/** Festival wall-clock start, `HH:MM`. */
	start: string;
	minutes: number;
	hosts: readonly OfficialRole[];
	/** Whether a local merchant's mini program carries the broadcast. */
	carried: boolean;
	/** The bureau named a carrier later (a local merchant of the trade), so it can be watched. */
	carriedLater: boolean;
}

const s = (
	district: string,
	category: string,
	title: [string, string],
	description: [string, string],
	when: [number, string, number],
	hosts: readonly OfficialRole[],
	carried: boolean | 'later' = true,
): ShowcaseSeed => ({
	district,
	category,
	titleZh: title[0],
	titleEn: title[1],
	descriptionZh: description[0],
	descriptionEn: description[1],
	day: when[0],
	start: when[1],
	minutes: when[2],
	hosts,
	carried: carried === true,
	carriedLater: carried === 'later',
});

/** The bureau's showcase programme: opening, one or two sessions per district, closing. */
export const SHOWCASES: readonly ShowcaseSeed[] = [
	s(
		'yuexiu',
		'time-honoured',
		['开幕直播：老字号请你尝鲜', 'Opening live: taste the time-honoured brands'],
		[
			'市商务局局长与越秀区区长为直播带货节开幕，推介广州老字号。',
			'The commerce bureau director and the head of Yuexiu open the festival with Guangzhou’s time-honoured brands.',
		],
		[0, '19:30', 120],
		['city-commerce-head', 'district-head'],
		'later',
	),
	s(
		'yuexiu',
		'wholesale-markets',
		['副区长带你逛一德路干货街', 'Yide Road dried goods with the deputy head'],
		['一德路海味干货批发价直供。', 'Dried seafood from Yide Road at wholesale prices.'],
		[1, '10:00', 90],
		['district-deputy'],
	),
	s(
		'liwan',
		'time-honoured',
		['区长带你寻味西关老字号', 'Xiguan’s old brands with the district head'],
		[
			'走进西关老街，品尝百年老店的招牌点心。',
			'Through the old streets of Xiguan to century-old dim sum houses.',
		],
		[0, '14:00', 120],
		['district-head', 'district-commerce'],
	),
	s(
		'liwan',
		'wholesale-markets',
		['芳村茶市好茶推介会', 'Fine teas of the Fangcun tea market'],
		['芳村茶叶市场商户联合推介普洱、单丛。', 'Fangcun tea traders present pu-erh and dancong.'],
		[2, '15:00', 90],
		['district-deputy'],
	),
	s(
		'haizhu',
		'fashion',
		['中大布市源头好布推介', 'Fabrics from the Zhongda textile market'],
		['全国最大的面辅料市场源头直供。', 'Direct from the country’s largest fabric market.'],
		[1, '14:30', 90],
		['district-deputy', 'district-commerce'],
	),
	s(
		'haizhu',
		'food-dining',
		['江南西美食夜市直播', 'Jiangnanxi night food market'],
		[
			'区长带你逛夜市，吃遍广式小吃。',
			'The district head tours the night market’s Cantonese snacks.',
		],
		[2, '20:00', 120],
		['district-head'],
	),
	s(
		'haizhu',
		'travel',
		['珠江夜游文旅推介', 'Pearl River night cruises'],
		[
			'乘船夜游珠江，看广州塔灯光秀。',
			'A night cruise on the Pearl River and the Canton Tower light show.',
		],
		[1, '20:30', 90],
		['district-head', 'city-culture-deputy'],
		'later',
	),
	s(
		'tianhe',
		'digital',
		['天河路商圈数码好物', 'Gadgets of the Tianhe Road shopping district'],
		['天河路商圈数码门店联合让利。', 'Digital stores on Tianhe Road cut prices together.'],
		[0, '20:00', 120],
		['district-head', 'city-commerce-deputy'],
	),
	s(
		'tianhe',
		'appliances',
		['以旧换新补贴政策直播', 'Trade-in subsidies explained'],
		[
			'解读家电以旧换新补贴，现场下单立享优惠。',
			'How the appliance trade-in subsidy works, with offers on the spot.',
		],
		[1, '19:30', 90],
		['district-deputy', 'city-commerce-deputy'],
	),
	s(
		'baiyun',
		'beauty',
		['白云美妆产业带推介', 'The Baiyun beauty industry belt'],
		[
			'走进白云美妆工厂，国货好物源头价。',
			'Inside Baiyun’s cosmetics factories, at source prices.',
		],
		[0, '15:00', 120],
		['district-head', 'district-commerce'],
	),
	s(
		'baiyun',
		'fresh-produce',
		['副区长推介江村黄鸡', 'Jiangcun yellow chicken with the deputy head'],
		['白云特产江村黄鸡，产地直发。', 'Baiyun’s Jiangcun yellow chicken, shipped from the farm.'],
		[2, '11:00', 90],
		['district-deputy'],
	),
	s(
		'huangpu',
		'appliances',
		['黄埔智造好物直播', 'Made smart in Huangpu'],
		['黄埔制造企业直播推介家电新品。', 'Huangpu manufacturers launch new appliances live.'],
		[1, '20:00', 120],
		['district-head'],
	),
	s(
		'huangpu',
		'travel',
		['长洲岛文旅推介', 'Changzhou Island culture and travel'],
		[
			'漫步长洲岛，探访黄埔军校旧址。',
			'A walk on Changzhou Island to the old Whampoa Military Academy.',
		],
		[2, '10:30', 90],
		['district-deputy', 'city-culture-deputy'],
		false,
	),
	s(
		'panyu',
		'jewellery',
		['番禺珠宝产业带直播', 'The Panyu jewellery industry belt'],
		['番禺珠宝源头工厂，工费全免。', 'Panyu jewellery workshops, no making charge.'],
		[0, '20:30', 120],
		['district-head', 'district-commerce'],
	),
	s(
		'panyu',
		'travel',
		['沙湾古镇文旅推介会', 'Shawan ancient town'],
		['岭南古镇、飘色与广东音乐。', 'A Lingnan old town, floating-parade art and Cantonese music.'],
		[1, '15:00', 90],
		['district-deputy', 'city-culture-deputy'],
	),
	s(
		'huadu',
		'fashion',
		['狮岭皮具源头工厂直播', 'Shiling leather goods from the source'],
		['中国皮具之都，工厂价直供。', 'China’s leather-goods capital, at factory prices.'],
		[1, '10:30', 120],
		['district-head'],
	),
	s(
		'huadu',
		'cars',
		['花都汽车城购车节', 'Huadu Auto City car festival'],
		['花都汽车城新车直降，试驾有礼。', 'Price cuts and test-drive gifts at Huadu Auto City.'],
		[2, '19:00', 120],
		['district-deputy', 'city-commerce-deputy'],
	),
	s(
		'nansha',
		'cross-border',
		['南沙跨境好物保税直发', 'Cross-border goods from Nansha bonded zone'],
		[
			'南沙自贸区保税仓直发，正品保障。',
			'Shipped from the Nansha free-trade zone, genuine guaranteed.',
		],
		[0, '10:30', 120],
		['district-head', 'city-commerce-head'],
	),
	s(
		'nansha',
		'fresh-produce',
		['南沙海鲜渔获直播', 'Nansha’s seafood catch'],
		['万顷沙渔港当日渔获。', 'Today’s catch from Wanqingsha harbour.'],
		[2, '17:30', 90],
		['district-deputy'],
	),
	s(
		'conghua',
		'rural-produce',
		['从化荔枝蜜原产地推介', 'Conghua lychee honey from the source'],
		['区长走进蜂场，推介从化荔枝蜜。', 'The district head visits the apiaries of Conghua.'],
		[1, '11:00', 90],
		['district-head', 'city-agriculture-deputy'],
	),
	s(
		'conghua',
		'travel',
		['从化温泉养生游推介', 'Conghua hot springs'],
		['温泉、森林与乡村民宿。', 'Hot springs, forests and village guesthouses.'],
		[2, '14:00', 90],
		['district-deputy', 'city-culture-deputy'],
		false,
	),
	s(
		'zengcheng',
		'rural-produce',
		['增城荔枝开摘直播', 'Zengcheng lychee harvest'],
		[
			'挂绿故乡，荔枝现摘现发。',
			'From the home of the Gualü lychee, picked and shipped the same day.',
		],
		[0, '11:00', 120],
		['district-head', 'city-agriculture-deputy'],
	),
	s(
		'zengcheng',
		'fashion',
		['新塘牛仔服装节直播', 'Xintang denim festival'],
		['中国牛仔服装名镇源头直供。', 'Straight from China’s denim town.'],
		[1, '16:00', 90],
		['district-deputy'],
	),
	s(
		'yuexiu',
		'food-dining',
		['闭幕直播：广州好物大集', 'Closing live: the best of Guangzhou'],
		[
			'三位局长联合推介全市好物，为直播带货节收官。',
			'Three bureau chiefs close the festival with the city’s best buys.',
		],
		[2, '20:30', 150],
		['city-commerce-head', 'city-commerce-deputy', 'city-agriculture-deputy'],
		'later',
	),
];
