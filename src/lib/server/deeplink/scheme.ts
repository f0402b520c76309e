import { isValidAppId, isValidMiniProgramPath } from '../../shared/app-id';
import type { DeeplinkChannel } from '../../shared/status';

/**
 * Pure builders for the links into a merchant's mini program (see shared/reference/wechat-live.md).
 * Every builder refuses rather than truncates: a shortened query would open the wrong room, or
 * none, and the citizen would blame the festival.
 */

/** WeChat's limit on the URL-encoded `query` of a plaintext URL Scheme. */
export const SCHEME_QUERY_MAX_LENGTH = 512;
/** The live plugin's limit on `custom_params`, applied to the encoded form (never shorter). */
export const CUSTOM_PARAMS_MAX_LENGTH = 600;

export type LinkProblem = 'appId' | 'pagePath' | 'roomId' | 'customParamsTooLong' | 'queryTooLong';
export type LinkResult = { ok: true; value: string } | { ok: false; problem: LinkProblem };

/** Where a viewer came from, passed to the live plugin so the merchant's statistics can show it. */
export interface Attribution {
	/** The festival's slug. */
	festival: string;
	channel: DeeplinkChannel;
}

/**
 * `custom_params` for the live plugin: JSON naming the portal, festival and channel, URL-encoded
 * (the plugin URL carries it encoded). Refused past CUSTOM_PARAMS_MAX_LENGTH.
 */
export function buildCustomParams(attribution: Attribution): LinkResult {
	const json = JSON.stringify({
		source: 'livefest',
		festival: attribution.festival,
		channel: attribution.channel,
	});
	const encoded = encodeURIComponent(json);
	return encoded.length > CUSTOM_PARAMS_MAX_LENGTH
		? { ok: false, problem: 'customParamsTooLong' }
		: { ok: true, value: encoded };
}

/**
 * The query the merchant's room page receives: `room_id` (the WeChat live room id, which the page
 * passes to the plugin) and `custom_params` (already encoded; the page forwards it unchanged).
 */
export function buildRoomQuery(wxRoomId: number, attribution: Attribution): LinkResult {
	if (!Number.isSafeInteger(wxRoomId) || wxRoomId <= 0) return { ok: false, problem: 'roomId' };
	const params = buildCustomParams(attribution);
	if (!params.ok) return params;
	return { ok: true, value: `room_id=${wxRoomId}&custom_params=${params.value}` };
}

/**
 * `weixin://dl/business/?appid=…&path=…&query=…&env_version=release`. The AppID and path are
 * checked (a path never starts with `/` nor carries `?`); the query is URL-encoded and refused when
 * the encoded form is longer than SCHEME_QUERY_MAX_LENGTH.
 */
export function buildUrlScheme(input: { appId: string; path: string; query: string }): LinkResult {
	if (!isValidAppId(input.appId)) return { ok: false, problem: 'appId' };
	if (!isValidMiniProgramPath(input.path)) return { ok: false, problem: 'pagePath' };
	const query = encodeURIComponent(input.query);
	if (query.length > SCHEME_QUERY_MAX_LENGTH) return { ok: false, problem: 'queryTooLong' };
	// The path is made of [A-Za-z0-9_-./] only (isValidMiniProgramPath), so it needs no encoding.
	return {
		ok: true,
		value: `weixin://dl/business/?appid=${input.appId}&path=${input.path}&query=${query}&env_version=release`,
	};
}

/**
 * The `path` attribute of `<wx-open-launch-weapp>`: the page with `.html` and its query, as in
 * WeChat's open-tag documentation. Same checks and limit as the URL Scheme.
 */
export function buildOpenTagPath(input: { path: string; query: string }): LinkResult {
	if (!isValidMiniProgramPath(input.path)) return { ok: false, problem: 'pagePath' };
	if (encodeURIComponent(input.query).length > SCHEME_QUERY_MAX_LENGTH) {
		return { ok: false, problem: 'queryTooLong' };
	}
	return { ok: true, value: `${input.path}.html?${input.query}` };
}
