/**
 * Which kind of browser asked for /go, read from the User-Agent header. Only three families
 * matter, because each has one way into a mini program that works there:
 * - `wechat`: WeChat's own in-app browser on a phone (the open tag, or a URL Link);
 * - `phone`: any other browser on a phone or tablet (the plaintext URL Scheme);
 * - `desktop`: everything else, including WeChat for Windows and macOS (a QR code to scan).
 * A wrong guess costs little: every /go page also shows the other ways in.
 */

export type BrowserFamily = 'wechat' | 'phone' | 'desktop';
export type MobileOs = 'android' | 'ios' | 'other';

export interface BrowserInfo {
	family: BrowserFamily;
	os: MobileOs;
}

const WECHAT = /MicroMessenger\//i;
/** WeChat for PC and Mac also say MicroMessenger; the open tag does not exist there. */
const DESKTOP_WECHAT = /WindowsWechat|MacWechat/i;
/** WeCom (企业微信) embeds MicroMessenger too but has no open tag for mini programs. */
const WECOM = /wxwork\//i;
const ANDROID = /Android|HarmonyOS|OpenHarmony/i;
const IOS = /iPhone|iPad|iPod/i;
const PHONE = /Mobile|Android|iPhone|iPad|iPod|HarmonyOS|Windows Phone/i;

/** The browser family and phone OS for a User-Agent header (missing or empty → desktop). */
export function detectBrowser(userAgent: string | null | undefined): BrowserInfo {
	const ua = userAgent ?? '';
	const os: MobileOs = ANDROID.test(ua) ? 'android' : IOS.test(ua) ? 'ios' : 'other';
	if (WECHAT.test(ua) && !DESKTOP_WECHAT.test(ua) && !WECOM.test(ua)) {
		return { family: 'wechat', os };
	}
	if (PHONE.test(ua) && !DESKTOP_WECHAT.test(ua)) return { family: 'phone', os };
	return { family: 'desktop', os: 'other' };
}
