import { describe, expect, it } from 'vitest';
import { detectBrowser } from '../../../../src/lib/server/deeplink/user-agent';
import { USER_AGENTS } from '../../../support/access-factories';

describe('detectBrowser', () => {
	it('detectBrowser of each browser family names its family and phone OS', () => {
		const seen = Object.fromEntries(
			Object.entries(USER_AGENTS).map(([name, ua]) => [name, detectBrowser(ua)]),
		);
		expect(seen).toEqual({
			wechatAndroid: { family: 'wechat', os: 'android' },
			wechatIos: { family: 'wechat', os: 'ios' },
			safariIos: { family: 'phone', os: 'ios' },
			chromeAndroid: { family: 'phone', os: 'android' },
			desktopChrome: { family: 'desktop', os: 'other' },
			desktopSafari: { family: 'desktop', os: 'other' },
			wechatWindows: { family: 'desktop', os: 'other' },
			wecomAndroid: { family: 'phone', os: 'android' },
		});
	});

	it('detectBrowser without a user agent is a desktop', () => {
		expect([detectBrowser(null), detectBrowser(undefined), detectBrowser('')]).toEqual([
			{ family: 'desktop', os: 'other' },
			{ family: 'desktop', os: 'other' },
			{ family: 'desktop', os: 'other' },
		]);
	});
});
