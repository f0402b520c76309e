/** A product category as the demo festival needs it. */
export interface CategorySeed {
	code: string;
	nameZh: string;
	nameEn: string;
	/** How many demo merchants sell in this category. */
	merchants: number;
	/** Multipliers on a district's weight: rural produce comes from Conghua, jewellery from Panyu. */
	districtBias: Readonly<Record<string, number>>;
	/** Room tags typical of the category (Chinese, as merchants write them). */
	tags: readonly string[];
}

/** The festival's themes (2020 press: 老字号, wholesale markets, rural produce, cars, cross-border). */
export const CATEGORIES: readonly CategorySeed[] = [
	{
		code: 'time-honoured',
		nameZh: '老字号',
		nameEn: 'Time-honoured brands',
		merchants: 20,
		districtBias: { liwan: 4, yuexiu: 4, haizhu: 1.5 },
		tags: ['老字号', '广式点心', '非遗手艺'],
	},
	{
		code: 'fresh-produce',
		nameZh: '生鲜',
		nameEn: 'Fresh produce',
		merchants: 28,
		districtBias: { baiyun: 2, panyu: 2, haizhu: 1.5, nansha: 1.5 },
		tags: ['产地直发', '新鲜到家', '冷链配送'],
	},
	{
		code: 'rural-produce',
		nameZh: '农产品',
		nameEn: 'Rural produce',
		merchants: 26,
		districtBias: {
			conghua: 6,
			zengcheng: 6,
			huadu: 3,
			nansha: 3,
			baiyun: 1.5,
			yuexiu: 0.2,
			tianhe: 0.2,
			haizhu: 0.3,
			liwan: 0.3,
		},
		tags: ['助农', '原产地', '乡村振兴'],
	},
	{
		code: 'food-dining',
		nameZh: '餐饮美食',
		nameEn: 'Food & dining',
		merchants: 36,
		districtBias: { yuexiu: 2, liwan: 2, tianhe: 2, haizhu: 1.5 },
		tags: ['到店核销', '堂食套餐', '广式美食'],
	},
	{
		code: 'fashion',
		nameZh: '服饰',
		nameEn: 'Fashion',
		merchants: 34,
		districtBias: { haizhu: 3, zengcheng: 3, huadu: 3, baiyun: 2, yuexiu: 1.5 },
		tags: ['新品首发', '源头工厂', '夏季上新'],
	},
	{
		code: 'beauty',
		nameZh: '美妆',
		nameEn: 'Beauty',
		merchants: 22,
		districtBias: { baiyun: 5, tianhe: 1.5 },
		tags: ['国货美妆', '新品试色', '敏感肌可用'],
	},
	{
		code: 'jewellery',
		nameZh: '珠宝',
		nameEn: 'Jewellery',
		merchants: 14,
		districtBias: { panyu: 6, liwan: 2 },
		tags: ['足金', '工费减免', '源头工厂'],
	},
	{
		code: 'appliances',
		nameZh: '家电',
		nameEn: 'Home appliances',
		merchants: 18,
		districtBias: { tianhe: 2, huangpu: 1.5, panyu: 1.5 },
		tags: ['以旧换新', '节能补贴', '送装一体'],
	},
	{
		code: 'digital',
		nameZh: '数码',
		nameEn: 'Digital',
		merchants: 16,
		districtBias: { tianhe: 3, huangpu: 2 },
		tags: ['新机首发', '以旧换新', '官方正品'],
	},
	{
		code: 'home',
		nameZh: '家居',
		nameEn: 'Home & living',
		merchants: 18,
		districtBias: { panyu: 2, baiyun: 2, huangpu: 1.5 },
		tags: ['工厂直供', '全屋焕新', '送货上门'],
	},
	{
		code: 'baby',
		nameZh: '母婴',
		nameEn: 'Mother & baby',
		merchants: 14,
		districtBias: { tianhe: 1.5, panyu: 1.5 },
		tags: ['母婴好物', '安心选', '新手妈妈'],
	},
	{
		code: 'cars',
		nameZh: '汽车',
		nameEn: 'Cars',
		merchants: 14,
		districtBias: {
			huadu: 3,
			huangpu: 3,
			panyu: 2,
			baiyun: 2,
			nansha: 1.5,
			yuexiu: 0.3,
			liwan: 0.3,
		},
		tags: ['新能源', '购车补贴', '试驾有礼'],
	},
	{
		code: 'cross-border',
		nameZh: '跨境',
		nameEn: 'Cross-border',
		merchants: 18,
		districtBias: { nansha: 6, huangpu: 2, baiyun: 2 },
		tags: ['保税直发', '正品保障', '海外直采'],
	},
	{
		code: 'travel',
		nameZh: '文旅',
		nameEn: 'Culture & travel',
		merchants: 20,
		districtBias: { conghua: 3, panyu: 2, yuexiu: 2, liwan: 2, zengcheng: 2 },
		tags: ['周末游', '亲子游', '文旅消费'],
	},
	{
		code: 'wholesale-markets',
		nameZh: '批发市场',
		nameEn: 'Wholesale markets',
		merchants: 22,
		districtBias: { yuexiu: 3, liwan: 3, baiyun: 3, haizhu: 2 },
		tags: ['批发价', '档口直播', '源头好货'],
	},
];

/** Tags any room may carry, whatever its category. */
export const COMMON_TAGS: readonly string[] = ['限时秒杀', '包邮', '消费券', '满减', '新人专享'];
