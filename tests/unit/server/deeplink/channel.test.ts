import { describe, expect, it } from 'vitest';
import { planRoomAccess } from '../../../../src/lib/server/deeplink/channel';
import { detectBrowser } from '../../../../src/lib/server/deeplink/user-agent';
import type { LivePhase } from '../../../../src/lib/shared/status';
import { USER_AGENTS } from '../../../support/access-factories';

const all = { scheme: true, urlLink: true, openTag: true };
const plan = (ua: string, links = all, phase: LivePhase = 'live') =>
	planRoomAccess(detectBrowser(ua), links, phase);

describe('planRoomAccess', () => {
	it('planRoomAccess in WeChat on Android and iOS uses the open tag when it is signed', () => {
		expect([plan(USER_AGENTS.wechatAndroid), plan(USER_AGENTS.wechatIos)]).toEqual([
			{ primary: 'opentag', alternatives: ['urllink', 'scheme'], launchOnLoad: false },
			{ primary: 'opentag', alternatives: ['urllink', 'scheme'], launchOnLoad: false },
		]);
	});

	it('planRoomAccess in WeChat without a service account uses the URL Link, then the scheme', () => {
		const unsigned = { ...all, openTag: false };
		expect([
			plan(USER_AGENTS.wechatAndroid, unsigned),
			plan(USER_AGENTS.wechatIos, { ...unsigned, urlLink: false }),
		]).toEqual([
			{ primary: 'urllink', alternatives: ['scheme'], launchOnLoad: false },
			{ primary: 'scheme', alternatives: [], launchOnLoad: false },
		]);
	});

	it('planRoomAccess on Safari iOS and Chrome Android opens the scheme on load', () => {
		expect([plan(USER_AGENTS.safariIos), plan(USER_AGENTS.chromeAndroid)]).toEqual([
			{ primary: 'scheme', alternatives: ['urllink'], launchOnLoad: true },
			{ primary: 'scheme', alternatives: ['urllink'], launchOnLoad: true },
		]);
	});

	it('planRoomAccess opens the scheme on load for live and upcoming rooms only', () => {
		const phases: LivePhase[] = ['live', 'upcoming', 'ended', 'replay'];
		expect(phases.map((p) => plan(USER_AGENTS.safariIos, all, p).launchOnLoad)).toEqual([
			true,
			true,
			false,
			false,
		]);
	});

	it('planRoomAccess on a phone with only a URL Link offers it without opening it on load', () => {
		expect(
			plan(USER_AGENTS.chromeAndroid, { scheme: false, urlLink: true, openTag: false }),
		).toEqual({ primary: 'urllink', alternatives: [], launchOnLoad: false });
	});

	it('planRoomAccess on a desktop shows the QR code with the phone links below it', () => {
		expect([
			plan(USER_AGENTS.desktopChrome),
			plan(USER_AGENTS.wechatWindows, { scheme: true, urlLink: false, openTag: false }),
		]).toEqual([
			{ primary: 'qr', alternatives: ['scheme', 'urllink'], launchOnLoad: false },
			{ primary: 'qr', alternatives: ['scheme'], launchOnLoad: false },
		]);
	});

	it('planRoomAccess with nothing to open offers nothing in every family', () => {
		const nothing = { scheme: false, urlLink: false, openTag: false };
		const families = [USER_AGENTS.wechatIos, USER_AGENTS.safariIos, USER_AGENTS.desktopChrome];
		expect(families.map((ua) => plan(ua, nothing))).toEqual(
			families.map(() => ({ primary: null, alternatives: [], launchOnLoad: false })),
		);
	});
});
