import type { Phrase } from './phrase';

/**
 * The demo festival's venues, "1+11+N" as Guangzhou ran it in 2020: the main venue (its programme
 * is the bureau's own showcase sessions), one venue per district (every room of the district), and
 * themed venues — one per category, and a few that cut across them by tag or by place (the real
 * festival ended with 159). Districts and categories by code, as a festival set-up file names them.
 */
export interface ThemedVenuePlan {
	slug: string;
	name: Phrase;
	intro: Phrase;
	districts?: string[];
	categories?: string[];
	tags?: string[];
	/** The district whose staff curate it. */
	curator?: string;
}

export const MAIN_VENUE = {
	slug: 'main',
	name: { zh: '主会场·广州塔', en: 'Main venue · Canton Tower' },
	intro: {
		zh: '直播节主会场设在广州塔：市领导和各区负责人在这里推介广州好物，全城直播从这里出发。',
		en: "The festival's main stage at Canton Tower: city and district leaders present Guangzhou's best, and every live room in the city starts from here.",
	},
} as const;

export const DISTRICT_VENUE_INTRO: Phrase = {
	zh: '{d}区分会场：区内商户的全部直播，由{d}区商务部门组织和推荐。',
	en: "The {D} district venue: every live room of the district's merchants, organised and curated by {D}'s commerce bureau.",
};

export const THEMED_VENUES: readonly ThemedVenuePlan[] = [
	{
		slug: 'time-honoured',
		name: { zh: '老字号主题馆', en: 'Time-honoured brands' },
		intro: {
			zh: '百年老店、非遗手艺，老广的味道都在这里。',
			en: 'Century-old shops and heritage crafts: the taste of old Canton.',
		},
		categories: ['time-honoured'],
	},
	{
		slug: 'fresh-produce',
		name: { zh: '生鲜直供馆', en: 'Fresh produce' },
		intro: {
			zh: '产地直发、冷链到家的生鲜直播。',
			en: 'Fresh food from the source, delivered cold to your door.',
		},
		categories: ['fresh-produce'],
	},
	{
		slug: 'rural-produce',
		name: { zh: '乡村振兴助农馆', en: 'Rural revival' },
		intro: {
			zh: '农户和合作社直播卖农产品，助农增收。',
			en: 'Farmers and co-operatives sell their produce live.',
		},
		categories: ['rural-produce'],
	},
	{
		slug: 'food-dining',
		name: { zh: '美食餐饮馆', en: 'Food & dining' },
		intro: {
			zh: '酒楼、茶餐厅和小吃店的堂食套餐与到店券。',
			en: 'Set meals and vouchers from restaurants, cafés and snack shops.',
		},
		categories: ['food-dining'],
	},
	{
		slug: 'fashion',
		name: { zh: '服饰潮流馆', en: 'Fashion' },
		intro: {
			zh: '广州服装产业带的新品首发。',
			en: "New collections from Guangzhou's garment districts.",
		},
		categories: ['fashion'],
	},
	{
		slug: 'beauty',
		name: { zh: '国货美妆馆', en: 'Beauty' },
		intro: {
			zh: '国货美妆和个护新品试色。',
			en: 'Chinese beauty brands and new shades, tried live.',
		},
		categories: ['beauty'],
	},
	{
		slug: 'jewellery',
		name: { zh: '珠宝首饰馆', en: 'Jewellery' },
		intro: {
			zh: '番禺珠宝源头工厂直播，工费减免。',
			en: "Panyu's jewellery workshops, live, with making charges waived.",
		},
		categories: ['jewellery'],
	},
	{
		slug: 'appliances',
		name: { zh: '家电焕新馆', en: 'Home appliances' },
		intro: {
			zh: '以旧换新、节能补贴的家电直播。',
			en: 'Trade-ins and energy-saving subsidies on appliances.',
		},
		categories: ['appliances'],
	},
	{
		slug: 'digital',
		name: { zh: '数码科技馆', en: 'Digital' },
		intro: {
			zh: '手机、电脑和智能设备的新品首发。',
			en: 'New phones, computers and smart devices.',
		},
		categories: ['digital'],
	},
	{
		slug: 'home',
		name: { zh: '家居生活馆', en: 'Home & living' },
		intro: {
			zh: '家具、家纺和厨具，工厂直供。',
			en: 'Furniture, textiles and kitchenware, direct from the factory.',
		},
		categories: ['home'],
	},
	{
		slug: 'baby',
		name: { zh: '母婴亲子馆', en: 'Mother & baby' },
		intro: { zh: '母婴好物，安心选。', en: 'Trusted goods for mothers and babies.' },
		categories: ['baby'],
	},
	{
		slug: 'cars',
		name: { zh: '汽车消费馆', en: 'Cars' },
		intro: {
			zh: '新能源车试驾和购车补贴。',
			en: 'Test drives and purchase subsidies for new-energy cars.',
		},
		categories: ['cars'],
	},
	{
		slug: 'cross-border',
		name: { zh: '跨境进口馆', en: 'Cross-border' },
		intro: { zh: '保税直发、海外直采的进口好物。', en: 'Imports shipped from bonded warehouses.' },
		categories: ['cross-border'],
	},
	{
		slug: 'travel',
		name: { zh: '文旅消费馆', en: 'Culture & travel' },
		intro: {
			zh: '周末游、亲子游和景区门票。',
			en: 'Weekend trips, family outings and attraction tickets.',
		},
		categories: ['travel'],
	},
	{
		slug: 'wholesale-markets',
		name: { zh: '专业市场馆', en: 'Wholesale markets' },
		intro: {
			zh: '十三行、沙河等专业批发市场档口直播。',
			en: 'Stalls of the Shisanhang, Shahe and other wholesale markets, live.',
		},
		categories: ['wholesale-markets'],
	},
	{
		slug: 'new-arrivals',
		name: { zh: '新品首发专场', en: 'New arrivals' },
		intro: {
			zh: '全城商户的新品首发和夏季上新。',
			en: 'First launches and summer collections from across the city.',
		},
		tags: ['新品首发', '夏季上新'],
	},
	{
		slug: 'trade-in',
		name: { zh: '以旧换新专场', en: 'Trade-in week' },
		intro: {
			zh: '家电、数码以旧换新，叠加节能补贴。',
			en: 'Trade in old appliances and devices, with energy subsidies on top.',
		},
		tags: ['以旧换新', '节能补贴'],
	},
	{
		slug: 'factory-direct',
		name: { zh: '源头工厂专场', en: 'Factory direct' },
		intro: {
			zh: '工厂和产业带直播，出厂价直达消费者。',
			en: 'Factories and industrial clusters sell at factory prices.',
		},
		tags: ['源头工厂', '工厂直供'],
	},
	{
		slug: 'xiguan-food',
		name: { zh: '西关美食专场', en: 'Xiguan food' },
		intro: {
			zh: '荔湾、越秀的老字号和粤式美食。',
			en: "Liwan and Yuexiu's time-honoured brands and Cantonese food.",
		},
		districts: ['liwan', 'yuexiu'],
		categories: ['food-dining', 'time-honoured'],
		curator: 'liwan',
	},
	{
		slug: 'northern-farms',
		name: { zh: '从化增城助农专场', en: 'Conghua & Zengcheng farms' },
		intro: {
			zh: '北部山区的荔枝、米和山货，产地直发。',
			en: 'Lychees, rice and mountain produce from the northern districts.',
		},
		districts: ['conghua', 'zengcheng'],
		categories: ['rural-produce', 'fresh-produce'],
		curator: 'conghua',
	},
];
