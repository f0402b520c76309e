import type { Phrase } from './phrase';

/**
 * A room title pattern. `{b}`/`{B}` become the merchant's brand (zh/en) and `{d}`/`{D}` its
 * district; a pattern naming a place is limited to merchants of the districts in `districts`.
 */
export interface TitleTemplate extends Phrase {
	districts?: readonly string[];
}

const t = (zh: string, en: string, districts?: readonly string[]): TitleTemplate =>
	districts ? { zh, en, districts } : { zh, en };

/** Title patterns per category code; every list has patterns without `{b}` as a fallback. */
export const ROOM_TITLES: Readonly<Record<string, readonly TitleTemplate[]>> = {
	'time-honoured': [
		t('{b}百年老字号专场', '{B}: a century-old brand, live'),
		t('西关老味道限时抢', 'Old Xiguan flavours, limited time', ['liwan']),
		t('{b}早茶点心现做现卖', '{B} dim sum, made while you watch'),
		t('老字号腊味尝鲜价', 'Time-honoured cured meats at trial prices'),
		t('{b}传承手艺开播啦', '{B} heritage craft, now live'),
		t('{d}老字号寻味之旅', "Tasting {D}'s time-honoured brands"),
		t('凉茶陈皮养生专场', 'Herbal tea and aged tangerine peel'),
		t('{b}月饼早鸟预售', '{B} early-bird mooncakes'),
	],
	'fresh-produce': [
		t('{b}产地直发鲜果节', '{B} fruit festival, shipped from the farm'),
		t('今日鲜到家：海鲜专场', 'Fresh today: seafood special'),
		t('{d}鲜荔枝现摘直播', 'Lychees picked live in {D}', [
			'zengcheng',
			'conghua',
			'baiyun',
			'huadu',
		]),
		t('{b}清远鸡限时秒杀', '{B} Qingyuan chicken flash sale'),
		t('鲜虾膏蟹整点抢', 'Prawns and crabs on the hour'),
		t('{b}菜篮子一小时达', '{B} groceries delivered in an hour'),
		t('夜市鲜货特价场', 'Night-market fresh deals'),
	],
	'rural-produce': [
		t('{d}荔枝开摘啦', '{D} lychee harvest has begun', ['zengcheng', 'conghua', 'huadu', 'baiyun']),
		t('{b}丝苗米新米尝鲜', '{B} new-crop silk-seedling rice'),
		t('山里好物助农直播', 'Mountain produce, straight from farmers'),
		t('{b}荔枝蜜原产地直播', '{B} lychee honey from the source'),
		t('乡村振兴好物专场', 'Rural revitalisation showcase'),
		t('{b}田间地头看直播', '{B}: live from the fields'),
		t('迟菜心丝苗米专场', 'Late choy sum and silk-seedling rice', ['zengcheng']),
		t('{d}农家好物直供', 'Farm goods direct from {D}'),
	],
	'food-dining': [
		t('{b}早茶双人套餐秒杀', '{B} dim sum for two, flash sale'),
		t('广式烧腊现斩现卖', 'Cantonese roast meats, carved live'),
		t('{b}招牌菜半价抢', '{B} signature dishes at half price'),
		t('{d}寻味美食地图', "{D}'s food map"),
		t('夜宵糖水直播间', 'Late-night snacks and sweet soups'),
		t('{b}大厨教你煲靓汤', '{B} chef shows you Cantonese soups'),
		t('霸王餐券限时放送', 'Free-meal vouchers, limited time'),
	],
	fashion: [
		t('{b}夏日新品发布', '{B} summer collection launch'),
		t('{d}源头工厂直播', 'Factory-direct from {D}'),
		t('{b}香云纱旗袍专场', '{B} gambiered-silk qipao special'),
		t('通勤穿搭一周不重样', 'A week of workwear, no repeats'),
		t('{b}牛仔裤工厂价', '{B} jeans at factory prices'),
		t('狮岭皮具源头好货', 'Shiling leather goods from the source', ['huadu']),
		t('{b}主播试穿直播间', '{B} try-on session'),
	],
	beauty: [
		t('{b}补水面膜囤货节', '{B} hydrating mask stock-up'),
		t('白云美妆源头工厂', 'Baiyun beauty, factory-direct', ['baiyun']),
		t('{b}新品口红试色', '{B} new lipstick swatches'),
		t('夏日防晒攻略', 'Your summer sun-care guide'),
		t('{b}护肤专家答疑', '{B} skincare experts answer you'),
		t('敏感肌护理专场', 'Care for sensitive skin'),
	],
	jewellery: [
		t('{b}足金首饰工费减免', '{B} pure gold, no making charge'),
		t('番禺珠宝源头直播', 'Panyu jewellery from the source', ['panyu']),
		t('{b}翡翠玉器鉴赏', '{B} jade appreciation'),
		t('婚嫁金饰专场', 'Wedding gold special'),
		t('{b}黄金克减直播间', '{B} gold, discount per gram'),
		t('华林玉器街探店', 'Visiting Hualin Jade Street', ['liwan']),
	],
	appliances: [
		t('{b}以旧换新补贴', '{B} trade-in subsidies'),
		t('空调节能补贴专场', 'Energy-saving air-con subsidies'),
		t('{b}厨电套餐直降', '{B} kitchen bundle price cut'),
		t('家电下乡惠民直播', 'Appliances for the countryside'),
		t('{b}爆款家电秒杀', '{B} best-seller flash sale'),
		t('夏日清凉家电节', 'Keep-cool appliance festival'),
	],
	digital: [
		t('{b}新机首发直播', '{B} new phone launch'),
		t('数码好物开箱', 'Unboxing the best gadgets'),
		t('{b}手机以旧换新', '{B} phone trade-in'),
		t('开学季电脑专场', 'Back-to-school laptops'),
		t('{b}智能穿戴体验', '{B} wearables hands-on'),
		t('耳机音箱试听会', 'Headphones and speakers listening party'),
	],
	home: [
		t('{b}家具工厂直供', '{B} furniture, factory-direct'),
		t('卧室焕新季', 'Bedroom refresh season'),
		t('{b}床垫试睡直播', '{B} mattress sleep test, live'),
		t('夏凉家纺专场', 'Cool summer bedding'),
		t('{b}全屋定制咨询', '{B} whole-home custom design'),
		t('收纳好物一站购', 'Storage ideas, one stop'),
	],
	baby: [
		t('{b}母婴好物囤货节', '{B} baby essentials stock-up'),
		t('新手妈妈育儿课堂', 'Parenting class for new mums'),
		t('{b}童装夏季上新', '{B} new summer kidswear'),
		t('宝宝辅食专场', 'Weaning food special'),
		t('{b}纸尿裤限时抢', '{B} nappies, limited time'),
		t('亲子玩具直播间', 'Toys to play together'),
	],
	cars: [
		t('{b}新能源车直播看车', '{B} NEV showroom tour'),
		t('{b}购车节限时优惠', '{B} car festival offers'),
		t('新能源汽车下乡', 'NEVs for the countryside'),
		t('云看车：{b}展厅直播', 'Virtual visit: {B} showroom'),
		t('{d}车展直播专场', '{D} motor show, live'),
		t('试驾预约享好礼', 'Book a test drive, get a gift'),
		t('{b}保养套餐特惠', '{B} service package deals'),
	],
	'cross-border': [
		t('{b}全球好物直播', '{B}: the best from around the world'),
		t('南沙保税仓直发', 'Shipped from the Nansha bonded warehouse', ['nansha']),
		t('{b}进口红酒品鉴', '{B} imported wine tasting'),
		t('跨境好货一件包邮', 'Cross-border goods, free shipping'),
		t('{b}海外直采专场', '{B} sourced directly overseas'),
		t('进口母婴好物专场', 'Imported baby essentials'),
	],
	travel: [
		t('{b}周末游特惠', '{B} weekend trip deals'),
		t('{d}温泉度假套票', '{D} hot-spring getaway packages', ['conghua', 'zengcheng', 'huadu']),
		t('珠江夜游船票秒杀', 'Pearl River night cruise flash sale'),
		t('{b}亲子游门票直降', '{B} family tickets, price cut'),
		t('岭南文化深度游', 'Lingnan culture in depth'),
		t('{b}酒店住宿节', '{B} hotel stay festival'),
		t('粤剧粤曲专场直播', 'Cantonese opera, live'),
		t('{d}古村落一日游', 'A day in the old villages of {D}'),
	],
	'wholesale-markets': [
		t('{b}批发价直播', '{B} at wholesale prices'),
		t('一德路干货批发价', 'Yide Road dried goods, wholesale price', ['yuexiu']),
		t('芳村茶叶市场直播', 'Live from Fangcun Tea Market', ['liwan']),
		t('{b}档口直播间', 'Live from the {B} stall'),
		t('{d}布料源头直供', 'Fabric direct from {D}', ['haizhu', 'zengcheng']),
		t('花卉市场鲜花专场', 'Flower market special'),
		t('{b}源头好货批发', '{B} wholesale from the source'),
	],
};

/** One line about the session, before the list of featured products. */
export const ROOM_BLURBS: Readonly<Record<string, Phrase>> = {
	'time-honoured': {
		zh: '百年老店，地道广府味道。',
		en: 'A century-old house with authentic Cantonese flavour.',
	},
	'fresh-produce': {
		zh: '产地直采，冷链到家。',
		en: 'Bought at the source, delivered cold to your door.',
	},
	'rural-produce': { zh: '助农直播，农户直供。', en: 'Helping farmers sell direct.' },
	'food-dining': { zh: '到店核销，堂食外卖均可。', en: 'Redeem in store, dine in or take away.' },
	fashion: { zh: '源头工厂，当季新款。', en: 'Factory-direct, this season’s styles.' },
	beauty: { zh: '专业护肤师在线答疑。', en: 'Skincare specialists answer your questions live.' },
	jewellery: { zh: '足金足称，支持检测。', en: 'Pure gold, full weight, certified.' },
	appliances: {
		zh: '送装一体，以旧换新享补贴。',
		en: 'Delivery and installation included; trade-in subsidies.',
	},
	digital: { zh: '官方正品，全国联保。', en: 'Genuine products with nationwide warranty.' },
	home: { zh: '工厂直供，送货上门。', en: 'Factory-direct, delivered to your home.' },
	baby: { zh: '安心好物，新手父母必备。', en: 'Trusted essentials for new parents.' },
	cars: {
		zh: '线上看车，到店试驾享好礼。',
		en: 'See the cars online, test-drive in store for a gift.',
	},
	'cross-border': {
		zh: '正品保障，保税仓直发。',
		en: 'Genuine goods shipped from a bonded warehouse.',
	},
	travel: { zh: '节日特惠，随心出行。', en: 'Festival deals for your next trip.' },
	'wholesale-markets': {
		zh: '档口直播，批发价零售。',
		en: 'Live from the stall, wholesale prices for everyone.',
	},
};

/** Why a room was sent back; the reasons reviewers give most often. */
export const ROOM_REJECTION_NOTES: readonly string[] = [
	'标题含有“全网最低”等绝对化用语，请修改后重新提交。',
	'直播时间与已提交场次重复，请调整开播时间。',
	'商品价格与描述不一致，请核对后重新提交。',
	'封面图含有二维码或联系方式，请更换。',
	'直播内容与所选品类不符，请重新选择品类。',
];

/** Why a merchant registration was rejected or suspended. */
export const MERCHANT_REJECTION_NOTES: readonly string[] = [
	'统一社会信用代码与营业执照不一致，请核对后重新提交。',
	'小程序AppID与主体名称不符，请提供授权证明。',
	'经营范围不含所选品类，请补充相关资质。',
];

export const MERCHANT_SUSPENSION_NOTES: readonly string[] = [
	'直播中存在虚假宣传，暂停参与本届活动。',
	'多次未按报备时间开播，暂停参与本届活动。',
];
