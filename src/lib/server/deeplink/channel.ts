import type { DeeplinkChannel, LivePhase } from '../../shared/status';
import type { BrowserInfo } from './user-agent';

/** Which of a room's ways in exist (see buildRoomLinks), and whether the open tag can be signed. */
export interface AvailableLinks {
	scheme: boolean;
	urlLink: boolean;
	/** The merchant data allows an open tag and the portal holds a signed wx.config for it. */
	openTag: boolean;
}

export interface AccessPlan {
	/** The big button (or the QR code on a desktop); null when nothing can open the room. */
	primary: DeeplinkChannel | null;
	/** The other working ways in, shown under the button, in order of preference. */
	alternatives: DeeplinkChannel[];
	/**
	 * Try the primary link as soon as the page loads, so one tap on "watch" is enough on a phone
	 * (only for a room that is live or about to be: an ended room's page offers, it does not
	 * push). Android only opens a URL Scheme that a page navigates to (`location.href`), never
	 * from a plain link in other apps, which is why a landing page does it.
	 */
	launchOnLoad: boolean;
}

const order = (preferred: DeeplinkChannel[], links: AvailableLinks): DeeplinkChannel[] =>
	preferred.filter((c) => (c === 'scheme' ? links.scheme : c === 'urllink' ? links.urlLink : true));

/**
 * The way into a room for a browser:
 * - WeChat's browser: the open tag when it can be signed; otherwise the URL Link (it opens inside
 *   WeChat), then the URL Scheme;
 * - another phone browser: the URL Scheme (it carries the room id; the URL Link does not), opened
 *   on load, then the URL Link;
 * - a desktop: a QR code of the /go page, with the phone links below it for tablets that
 *   announce themselves as desktops.
 */
export function planRoomAccess(
	browser: BrowserInfo,
	links: AvailableLinks,
	phase: LivePhase,
): AccessPlan {
	const none: AccessPlan = { primary: null, alternatives: [], launchOnLoad: false };
	if (browser.family === 'wechat') {
		const inWeChat = order(['urllink', 'scheme'], links);
		if (links.openTag) return { primary: 'opentag', alternatives: inWeChat, launchOnLoad: false };
		const [primary, ...alternatives] = inWeChat;
		return primary ? { primary, alternatives, launchOnLoad: false } : none;
	}
	const onPhone = order(['scheme', 'urllink'], links);
	if (onPhone.length === 0) return none;
	if (browser.family === 'desktop') {
		return { primary: 'qr', alternatives: onPhone, launchOnLoad: false };
	}
	const [primary, ...alternatives] = onPhone;
	const ongoing = phase === 'live' || phase === 'upcoming';
	return { primary: primary!, alternatives, launchOnLoad: primary === 'scheme' && ongoing };
}
