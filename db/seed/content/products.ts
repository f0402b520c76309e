import type { PriceType } from '../../../src/lib/shared/status';

/** A product a room can feature; prices in yuan, turned into fen when seeded. */
export interface ProductSeed {
	zh: string;
	en: string;
	/** Lowest and highest plausible selling price, in yuan. */
	min: number;
	max: number;
	/** Forces a price type (cars are priced as a range of trims); otherwise one is drawn. */
	priceType?: PriceType;
}

const p = (zh: string, en: string, min: number, max: number, priceType?: PriceType): ProductSeed =>
	priceType ? { zh, en, min, max, priceType } : { zh, en, min, max };

/** Products per category code. */
export const PRODUCTS: Readonly<Record<string, readonly ProductSeed[]>> = {
	'time-honoured': [
		p('虾饺皇（12只装）', 'Har gow shrimp dumplings (12)', 28, 48),
		p('广式腊肠500g', 'Cantonese sausage 500 g', 58, 98),
		p('双黄白莲蓉月饼礼盒', 'Double-yolk lotus-seed mooncake box', 168, 398),
		p('鸡仔饼礼罐', 'Chicken biscuits gift tin', 25, 45),
		p('凉茶颗粒冲剂', 'Herbal tea granules', 30, 60),
		p('新会陈皮（十年）', 'Ten-year Xinhui tangerine peel', 198, 598),
		p('老婆饼（8个装）', 'Wife cakes (8)', 29, 49),
		p('蚝油酱料礼盒', 'Oyster sauce gift set', 39, 79),
	],
	'fresh-produce': [
		p('妃子笑荔枝2.5kg', 'Feizixiao lychees 2.5 kg', 69, 129),
		p('活冻基围虾500g', 'Greasyback shrimp 500 g', 45, 89),
		p('清远鸡（整只）', 'Whole Qingyuan chicken', 78, 128),
		p('鲜活膏蟹4只', 'Live mud crabs (4)', 168, 298),
		p('有机蔬菜周卡', 'Weekly organic vegetable box', 99, 199),
		p('走地鸡蛋30枚', 'Free-range eggs (30)', 36, 59),
		p('海鲈鱼2条', 'Sea bass (2)', 49, 79),
		p('黑毛猪五花肉1kg', 'Black-pig pork belly 1 kg', 68, 108),
	],
	'rural-produce': [
		p('增城丝苗米5kg', 'Zengcheng silk-seedling rice 5 kg', 45, 89),
		p('从化荔枝蜜500g', 'Conghua lychee honey 500 g', 58, 128),
		p('迟菜心礼盒3kg', 'Late choy sum box 3 kg', 29, 59),
		p('客家米酒', 'Hakka rice wine', 39, 88),
		p('农家腐竹500g', 'Farmhouse tofu skin 500 g', 25, 45),
		p('番石榴5斤', 'Guavas 2.5 kg', 35, 59),
		p('高山绿茶250g', 'Highland green tea 250 g', 88, 268),
		p('鲜榨花生油5L', 'Pressed peanut oil 5 L', 99, 169),
	],
	'food-dining': [
		p('早茶双人套餐', 'Dim sum for two', 128, 228),
		p('明炉烧鹅（半只）', 'Roast goose (half)', 88, 168),
		p('四人火锅套餐', 'Hotpot for four', 268, 398),
		p('咖啡双杯券', 'Two-coffee voucher', 29, 49),
		p('烧腊双拼饭', 'Two-meat roast rice', 25, 38),
		p('糖水任选券', 'Sweet soup voucher', 15, 28),
		p('100元代金券', '100-yuan dining voucher', 69, 88),
		p('葡式蛋挞6个', 'Portuguese egg tarts (6)', 29, 45),
	],
	fashion: [
		p('真丝连衣裙', 'Silk dress', 299, 899),
		p('直筒牛仔裤', 'Straight-leg jeans', 129, 299),
		p('棉麻衬衫', 'Cotton-linen shirt', 99, 259),
		p('头层牛皮手袋', 'Leather handbag', 199, 699),
		p('透气运动鞋', 'Breathable sneakers', 159, 399),
		p('香云纱旗袍', 'Gambiered-silk qipao', 699, 2599),
		p('纯棉T恤两件装', 'Cotton T-shirts (2)', 69, 129),
	],
	beauty: [
		p('补水面膜10片', 'Hydrating masks (10)', 59, 129),
		p('修护精华液30ml', 'Repair serum 30 ml', 159, 399),
		p('丝绒口红', 'Velvet lipstick', 79, 199),
		p('清爽防晒霜', 'Light sunscreen', 69, 169),
		p('氨基酸洁面乳', 'Amino-acid cleanser', 49, 99),
		p('淡香水50ml', 'Eau de toilette 50 ml', 199, 499),
		p('护手霜礼盒', 'Hand cream gift set', 39, 89),
	],
	jewellery: [
		p('足金转运珠手链', 'Pure gold bead bracelet', 899, 2999),
		p('古法金手镯', 'Heritage-style gold bangle', 8999, 25999),
		p('翡翠平安扣', 'Jadeite safety-clasp pendant', 599, 3999),
		p('18K金钻石项链', '18K gold diamond necklace', 1999, 6999),
		p('S925银耳钉', 'Sterling silver studs', 99, 299),
		p('淡水珍珠项链', 'Freshwater pearl necklace', 299, 999),
	],
	appliances: [
		p('一级能效变频空调', 'Inverter air conditioner, grade 1', 2599, 4999),
		p('IH电饭煲', 'IH rice cooker', 399, 999),
		p('空气炸锅', 'Air fryer', 199, 499),
		p('滚筒洗衣机10kg', 'Front-load washer 10 kg', 1999, 3999),
		p('十字对开门冰箱', 'French-door fridge', 3999, 7999),
		p('落地循环扇', 'Circulation fan', 199, 499),
		p('净水器', 'Water purifier', 1299, 3299),
		p('破壁料理机', 'High-speed blender', 299, 899),
	],
	digital: [
		p('降噪蓝牙耳机', 'Noise-cancelling earbuds', 299, 1299),
		p('智能手表', 'Smartwatch', 599, 2499),
		p('轻薄笔记本电脑', 'Thin-and-light laptop', 3999, 7999),
		p('11英寸平板', '11-inch tablet', 1699, 3999),
		p('20000mAh充电宝', '20,000 mAh power bank', 99, 199),
		p('5G手机', '5G smartphone', 1999, 5999),
		p('家用投影仪', 'Home projector', 1299, 3999),
	],
	home: [
		p('实木餐桌', 'Solid-wood dining table', 1999, 5999),
		p('乳胶床垫', 'Latex mattress', 1599, 4999),
		p('天丝四件套', 'Tencel bedding set', 299, 799),
		p('布艺沙发', 'Fabric sofa', 2999, 8999),
		p('收纳箱三件套', 'Storage boxes (3)', 59, 129),
		p('岩板茶几', 'Sintered-stone coffee table', 899, 2499),
		p('凉席三件套', 'Summer mat set', 159, 399),
	],
	baby: [
		p('婴儿配方奶粉800g', 'Infant formula 800 g', 199, 399),
		p('纸尿裤L码', 'Nappies, size L', 89, 169),
		p('高景观婴儿推车', 'High-seat baby stroller', 899, 2999),
		p('儿童安全座椅', 'Child car seat', 899, 2499),
		p('辅食机', 'Baby food maker', 299, 699),
		p('儿童绘本10册', 'Picture books (10)', 69, 139),
		p('纯棉婴儿连体衣', 'Cotton baby romper', 59, 129),
	],
	cars: [
		p('纯电SUV', 'Electric SUV', 129800, 189800, 'range'),
		p('插混轿车', 'Plug-in hybrid sedan', 99800, 159800, 'range'),
		p('购车代金券', 'Car purchase voucher', 99, 999),
		p('基础保养套餐', 'Basic service package', 299, 699),
		p('行车记录仪', 'Dash cam', 299, 799),
		p('车载香薰', 'Car fragrance', 49, 129),
	],
	'cross-border': [
		p('澳洲红酒双支装', 'Australian red wine (2)', 199, 599),
		p('日本保温杯', 'Japanese vacuum flask', 159, 299),
		p('韩国面膜礼盒', 'Korean sheet mask box', 99, 199),
		p('进口混合坚果', 'Imported mixed nuts', 79, 159),
		p('意大利特级初榨橄榄油', 'Italian extra-virgin olive oil', 99, 229),
		p('德国不锈钢锅具', 'German stainless cookware', 599, 1599),
		p('新西兰麦卢卡蜂蜜', 'New Zealand manuka honey', 199, 599),
	],
	travel: [
		p('主题乐园门票', 'Theme park ticket', 250, 350),
		p('温泉酒店双人套票', 'Hot-spring hotel for two', 599, 1299),
		p('珠江夜游船票', 'Pearl River night cruise', 88, 228),
		p('古镇民宿一晚', 'Old-town guesthouse, one night', 299, 699),
		p('岭南文化一日游', 'Lingnan culture day tour', 128, 298),
		p('粤剧演出门票', 'Cantonese opera ticket', 80, 380),
		p('亲子农庄套票', 'Family farm-stay package', 199, 499),
	],
	'wholesale-markets': [
		p('干货海味礼盒', 'Dried seafood gift box', 199, 699),
		p('普洱茶饼357g', 'Pu-erh tea cake 357 g', 99, 599),
		p('纯棉布料（每米）', 'Cotton fabric (per metre)', 15, 45),
		p('鲜切玫瑰50枝', 'Cut roses (50)', 59, 129),
		p('益智积木玩具', 'Building blocks', 49, 199),
		p('手机配件套装', 'Phone accessory set', 29, 69),
		p('冬菇花胶礼盒', 'Mushroom and fish maw box', 299, 899),
	],
};
