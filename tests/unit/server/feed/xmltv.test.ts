import { describe, expect, it } from 'vitest';
import { buildXmltv, escapeXml, formatXmltvTime } from '../../../../src/lib/server/feed/xmltv';

/** Unit: the XMLTV writer's times, escaping and element order (the DTD check is integration). */
describe('formatXmltvTime', () => {
	it("writes the festival zone's wall time with its offset", () => {
		expect([
			formatXmltvTime(new Date('2026-06-07T11:30:00Z'), 'Asia/Shanghai'),
			formatXmltvTime(new Date('2026-03-08T10:00:00Z'), 'America/Los_Angeles'),
		]).toEqual(['20260607193000 +0800', '20260308030000 -0700']);
	});
});

describe('escapeXml', () => {
	it('escapes markup and drops characters XML 1.0 cannot carry', () => {
		expect(escapeXml('<b>"A&B"</b>\u0000\u0007\u200b')).toBe(
			'&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;\u200b',
		);
	});
});

describe('buildXmltv', () => {
	it('writes channels before programmes, each child in the order the DTD wants', () => {
		const xml = buildXmltv({
			timezone: 'Asia/Shanghai',
			sourceUrl: 'https://live.example.gov.cn/api/v1/xmltv.xml',
			generatorUrl: 'https://live.example.gov.cn/api/v1/openapi.json',
			channels: [
				{
					id: 'liwan.venues.live.example.gov.cn',
					names: [{ lang: 'zh', text: '荔湾分会场' }],
					url: 'https://live.example.gov.cn/venues/liwan',
				},
			],
			programmes: [
				{
					channel: 'liwan.venues.live.example.gov.cn',
					start: new Date('2026-06-07T11:30:00Z'),
					stop: new Date('2026-06-07T12:30:00Z'),
					titles: [{ lang: 'zh', text: '早茶 & 点心' }],
					descs: [{ lang: 'zh', text: '' }],
					categories: [{ lang: 'zh', text: '餐饮' }],
					icon: null,
					url: 'https://live.example.gov.cn/go/7',
				},
			],
		});
		expect(xml.split('\n').slice(3)).toEqual([
			'<channel id="liwan.venues.live.example.gov.cn">',
			'<display-name lang="zh">荔湾分会场</display-name>',
			'<url>https://live.example.gov.cn/venues/liwan</url>',
			'</channel>',
			'<programme start="20260607193000 +0800" stop="20260607203000 +0800" channel="liwan.venues.live.example.gov.cn">',
			'<title lang="zh">早茶 &amp; 点心</title>',
			'<category lang="zh">餐饮</category>',
			'<url>https://live.example.gov.cn/go/7</url>',
			'</programme>',
			'</tv>',
			'',
		]);
	});
});
