import type { RoomDetail } from '../room/detail';
import { systemClock } from '../clock';
import type { Db } from '../db';
import { createWxConfig, type WxConfig } from '../wechat/js-sdk';
import type { JsapiTicketSource } from '../wechat/jsapi-ticket';
import { planRoomAccess, type AccessPlan } from './channel';
import { recordDeeplinkOpen } from './opens';
import { buildRoomLinks, type RoomLinks } from './room-links';
import { detectBrowser, type BrowserInfo } from './user-agent';

/** The query parameter a desktop's QR code adds to the /go URL it encodes. */
export const QR_SCAN_PARAM = 'from';
export const QR_SCAN_VALUE = 'qr';

export interface GoPage {
	browser: BrowserInfo;
	links: RoomLinks;
	plan: AccessPlan;
	/** Signed `wx.config` when the plan uses the open tag. */
	wxConfig?: WxConfig;
	/** This request counted a QR open (the page marks the browser, open-dedup.ts). */
	countedOpen: boolean;
}

/**
 * Everything /go/{room} decides for one request: which browser asked, which ways into the room
 * the merchant's data allows, the signed open-tag config inside WeChat (when the bureau's
 * service account is configured and a ticket can be had), and the plan that picks among them.
 * Side effect: a request that arrives from a desktop's QR code (`?from=qr`) counts one QR open,
 * once per browser and room for a few minutes (open-dedup.ts).
 */
export async function prepareGoPage(
	db: Db,
	input: {
		room: RoomDetail;
		festival: { slug: string; timezone: string };
		/** The page URL as the browser shows it (public origin, path and query). */
		pageUrl: URL;
		userAgent: string | null;
		now: Date;
		tickets: JsapiTicketSource | null;
		/** This browser counted an open of the room in the last minutes (open-dedup.ts). */
		openedRecently: boolean;
	},
): Promise<GoPage> {
	const { room, festival } = input;
	const countedOpen =
		input.pageUrl.searchParams.get(QR_SCAN_PARAM) === QR_SCAN_VALUE && !input.openedRecently;
	if (countedOpen) {
		recordDeeplinkOpen(db, {
			roomId: room.id,
			channel: 'qr',
			at: input.now,
			timezone: festival.timezone,
		});
	}
	const browser = detectBrowser(input.userAgent);
	const links = buildRoomLinks(room.miniProgram, room.wxRoomId, festival.slug);
	// WeChat checks the signature against the URL exactly as the browser shows it, and its
	// timestamp against WeChat's own clock: the real clock, never a pinned demo clock.
	const wxConfig =
		browser.family === 'wechat' && links.openTag && input.tickets
			? await createWxConfig(input.tickets, input.pageUrl.href, systemClock)
			: undefined;
	const plan = planRoomAccess(
		browser,
		{ scheme: links.scheme !== null, urlLink: links.urlLink !== null, openTag: !!wxConfig },
		room.phase,
	);
	return { browser, links, plan, wxConfig, countedOpen };
}
