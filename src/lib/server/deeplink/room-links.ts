import { isValidAppId, isValidMiniProgramPath, isValidUrlLink } from '../../shared/app-id';
import { buildOpenTagPath, buildRoomQuery, buildUrlScheme, type LinkProblem } from './scheme';

/** The mini program that carries a room: the merchant's AppID, room page and optional URL Link. */
export interface MiniProgramTarget {
	appId: string;
	roomPagePath: string;
	urlLink: string | null;
}

/**
 * What stops the portal from opening a room directly, each named so the /go page can say what is
 * missing instead of showing a button that does nothing:
 * - `miniProgram`: no merchant carries the room (a showcase without a carrier);
 * - `appId`, `pagePath`: the merchant's registration has a malformed value;
 * - `wxRoomId`: the room is not linked to a WeChat live room yet;
 * - `linkTooLong`: the query would pass WeChat's limits (refused rather than cut).
 */
export type MissingPart = 'miniProgram' | 'appId' | 'pagePath' | 'wxRoomId' | 'linkTooLong';

export interface RoomLinks {
	/** The plaintext URL Scheme into the room, or null. */
	scheme: string | null;
	/** For the open tag: the merchant's AppID and the page path with the room query, or null. */
	openTag: { appId: string; path: string } | null;
	/** The merchant's URL Link (opens the mini program, not this room), when valid. */
	urlLink: string | null;
	missing: MissingPart[];
}

function toMissing(problem: LinkProblem): MissingPart {
	switch (problem) {
		case 'appId':
			return 'appId';
		case 'pagePath':
			return 'pagePath';
		case 'roomId':
			return 'wxRoomId';
		default:
			return 'linkTooLong';
	}
}

/**
 * Every way into one room that the merchant's data allows, with attribution for `festival`.
 * A URL Link is a property of the merchant, not of the room (it cannot carry `room_id`), so it is
 * offered as a second way in, never as the only one unless nothing else can be built.
 */
export function buildRoomLinks(
	target: MiniProgramTarget | null,
	wxRoomId: number | null,
	festival: string,
): RoomLinks {
	if (!target) return { scheme: null, openTag: null, urlLink: null, missing: ['miniProgram'] };
	const urlLink = target.urlLink && isValidUrlLink(target.urlLink) ? target.urlLink : null;
	const missing = new Set<MissingPart>();
	if (!isValidAppId(target.appId)) missing.add('appId');
	if (!isValidMiniProgramPath(target.roomPagePath)) missing.add('pagePath');
	if (wxRoomId === null) missing.add('wxRoomId');
	if (missing.size > 0 || wxRoomId === null) {
		return { scheme: null, openTag: null, urlLink, missing: [...missing] };
	}
	const schemeQuery = buildRoomQuery(wxRoomId, { festival, channel: 'scheme' });
	const tagQuery = buildRoomQuery(wxRoomId, { festival, channel: 'opentag' });
	const scheme = schemeQuery.ok
		? buildUrlScheme({ appId: target.appId, path: target.roomPagePath, query: schemeQuery.value })
		: schemeQuery;
	const tagPath = tagQuery.ok
		? buildOpenTagPath({ path: target.roomPagePath, query: tagQuery.value })
		: tagQuery;
	for (const result of [scheme, tagPath]) if (!result.ok) missing.add(toMissing(result.problem));
	return {
		scheme: scheme.ok ? scheme.value : null,
		openTag: tagPath.ok ? { appId: target.appId, path: tagPath.value } : null,
		urlLink,
		missing: [...missing],
	};
}
