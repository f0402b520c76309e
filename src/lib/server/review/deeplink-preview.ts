import { buildRoomLinks, type MissingPart } from '../deeplink/room-links';
import { describeWatchability } from '../deeplink/watchability';

/**
 * The links a room will be opened by once public, shown to the reviewer so a wrong AppID or page
 * path is caught before citizens meet it. Built by the same builder /go uses (deeplink/
 * room-links.ts), so what the reviewer sees is exactly what a phone will be sent.
 */
export interface DeepLinkPreview {
	/** The portal's landing page for the room. */
	landingUrl: string;
	/** The plaintext URL Scheme /go sends phones, or null when it cannot be built. */
	scheme: string | null;
	/** Everything /go would name as missing (malformed AppID or page path, too long a query …). */
	missing: MissingPart[];
	/** Whether citizens can get in at all (deeplink/watchability.ts), and by which ways. */
	watchable: boolean;
	ways: ('scheme' | 'urllink')[];
}

export function buildDeepLinkPreview(input: {
	origin: string;
	roomId: number;
	wxRoomId: number | null;
	festival: string;
	carrier: { appId: string; roomPagePath: string; urlLink: string | null } | null;
}): DeepLinkPreview {
	const links = buildRoomLinks(input.carrier, input.wxRoomId, input.festival);
	return {
		landingUrl: `${input.origin}/go/${input.roomId}`,
		scheme: links.scheme,
		missing: links.missing,
		watchable: describeWatchability(input.carrier, input.wxRoomId).watchable,
		ways: [
			...(links.scheme ? (['scheme'] as const) : []),
			...(links.urlLink ? (['urllink'] as const) : []),
		],
	};
}
