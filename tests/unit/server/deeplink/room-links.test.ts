import { describe, expect, it } from 'vitest';
import { buildRoomLinks } from '../../../../src/lib/server/deeplink/room-links';

const target = {
	appId: 'wx2b03c6e691cd7370',
	roomPagePath: 'pages/live/room',
	urlLink: 'https://wxaurl.cn/AbCdEf12345',
};

describe('buildRoomLinks', () => {
	it('buildRoomLinks of a complete merchant gives the scheme, the open tag and the URL Link', () => {
		const links = buildRoomLinks(target, 42, 'gz-2026');
		expect(links).toEqual({
			scheme:
				'weixin://dl/business/?appid=wx2b03c6e691cd7370&path=pages/live/room&query=room_id%3D42%26custom_params%3D%257B%2522source%2522%253A%2522livefest%2522%252C%2522festival%2522%253A%2522gz-2026%2522%252C%2522channel%2522%253A%2522scheme%2522%257D&env_version=release',
			openTag: {
				appId: 'wx2b03c6e691cd7370',
				path: 'pages/live/room.html?room_id=42&custom_params=%7B%22source%22%3A%22livefest%22%2C%22festival%22%3A%22gz-2026%22%2C%22channel%22%3A%22opentag%22%7D',
			},
			urlLink: 'https://wxaurl.cn/AbCdEf12345',
			missing: [],
		});
	});

	it('buildRoomLinks without a carrying merchant names the mini program as missing', () => {
		expect(buildRoomLinks(null, 42, 'gz-2026')).toEqual({
			scheme: null,
			openTag: null,
			urlLink: null,
			missing: ['miniProgram'],
		});
	});

	it('buildRoomLinks without a WeChat room id keeps only the URL Link', () => {
		expect(buildRoomLinks(target, null, 'gz-2026')).toEqual({
			scheme: null,
			openTag: null,
			urlLink: 'https://wxaurl.cn/AbCdEf12345',
			missing: ['wxRoomId'],
		});
	});

	it('buildRoomLinks names every malformed part of the registration at once', () => {
		const broken = {
			appId: 'WX123',
			roomPagePath: '/pages/live?room=1',
			urlLink: 'https://evil.example/x',
		};
		expect(buildRoomLinks(broken, null, 'gz-2026')).toEqual({
			scheme: null,
			openTag: null,
			urlLink: null,
			missing: ['appId', 'pagePath', 'wxRoomId'],
		});
	});

	it('buildRoomLinks refuses a link that would pass the query limit', () => {
		expect(buildRoomLinks({ ...target, urlLink: null }, 42, 'f'.repeat(400))).toEqual({
			scheme: null,
			openTag: null,
			urlLink: null,
			missing: ['linkTooLong'],
		});
	});
});
