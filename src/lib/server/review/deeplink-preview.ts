import { buildRoomLinks, type MissingPart } from '../deeplink/room-links';

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
	/** Why the link will not open the right room yet, if it will not. */
	problem: 'noCarrier' | 'noWxRoomId' | null;
	/** Everything /go would name as missing (malformed AppID or page path, too long a query …). */
	missing: MissingPart[];
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
		problem: !input.carrier ? 'noCarrier' : input.wxRoomId === null ? 'noWxRoomId' : null,
		missing: links.missing,
	};
}
