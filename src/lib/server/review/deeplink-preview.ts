/**
 * The links a room will be opened by once public, shown to the reviewer so a wrong AppID or page
 * path is caught before citizens meet it. The plaintext URL Scheme is the one documented in
 * shared/reference/wechat-live.md: `path` without a leading slash or query, `query` URL-encoded.
 * The /go landing page (issue 6) chooses among the ways in; this preview shows what it builds from.
 */
export interface DeepLinkPreview {
	/** The portal's landing page for the room. */
	landingUrl: string;
	/** `weixin://dl/business/?appid=…&path=…&query=room_id%3D…`, or null without a carrier. */
	scheme: string | null;
	/** Why the link will not open the right room yet, if it will not. */
	problem: 'noCarrier' | 'noWxRoomId' | null;
}

export function buildDeepLinkPreview(input: {
	origin: string;
	roomId: number;
	wxRoomId: number | null;
	carrier: { appId: string; roomPagePath: string } | null;
}): DeepLinkPreview {
	const landingUrl = `${input.origin}/go/${input.roomId}`;
	if (!input.carrier) return { landingUrl, scheme: null, problem: 'noCarrier' };
	const query = input.wxRoomId === null ? '' : `room_id=${input.wxRoomId}`;
	const params = [
		`appid=${encodeURIComponent(input.carrier.appId)}`,
		`path=${input.carrier.roomPagePath}`,
		`query=${encodeURIComponent(query)}`,
		'env_version=release',
	];
	return {
		landingUrl,
		scheme: `weixin://dl/business/?${params.join('&')}`,
		problem: input.wxRoomId === null ? 'noWxRoomId' : null,
	};
}
