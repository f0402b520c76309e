import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { JsapiTicketSource } from './jsapi-ticket';

/**
 * WeChat JS-SDK configuration for the open tag (`wx.config`), signed on the server: the
 * `jsapi_ticket` is a secret of the bureau's service account and never reaches a browser.
 */

/** The fields WeChat signs, by their lowercase names (WeChat's "附录1-JS-SDK使用权限签名算法"). */
export interface JsSdkSignatureInput {
	jsapiTicket: string;
	nonceStr: string;
	/** Unix seconds. */
	timestamp: number;
	/** The page's full URL, without `#` and what follows. */
	url: string;
}

/**
 * SHA-1 (hex) of the four fields sorted by name (jsapi_ticket, noncestr, timestamp, url) and
 * joined as `key=value&…`, with raw values — no URL escaping — as WeChat specifies.
 */
export function signJsSdkConfig(input: JsSdkSignatureInput): string {
	const fields: [string, string][] = [
		['jsapi_ticket', input.jsapiTicket],
		['noncestr', input.nonceStr],
		['timestamp', String(input.timestamp)],
		['url', input.url.split('#')[0]!],
	];
	fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const string1 = fields.map(([k, v]) => `${k}=${v}`).join('&');
	return createHash('sha1').update(string1, 'utf8').digest('hex');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random letters and digits (WeChat's examples use 16; 62 is not a power of two, hence 248). */
export function createNonceStr(length = 16): string {
	let out = '';
	while (out.length < length) {
		for (const byte of randomBytes(length * 2)) {
			if (byte < 248 && out.length < length) out += NONCE_ALPHABET[byte % 62];
		}
	}
	return out;
}

/** What the page hands to `wx.config` (besides jsApiList and openTagList). */
export interface WxConfig {
	appId: string;
	timestamp: number;
	nonceStr: string;
	signature: string;
}

/**
 * Signs `wx.config` for a page URL with the service account's current ticket; undefined when no
 * ticket can be had (WeChat unreachable or refusing), so the page falls back to plain links.
 */
export async function createWxConfig(
	source: JsapiTicketSource,
	url: string,
	clock: Clock,
): Promise<WxConfig | undefined> {
	const ticket = await source.getTicket();
	if (!ticket) return undefined;
	const timestamp = Math.floor(clock.now().getTime() / 1000);
	const nonceStr = createNonceStr();
	return {
		appId: source.appId,
		timestamp,
		nonceStr,
		signature: signJsSdkConfig({ jsapiTicket: ticket, nonceStr, timestamp, url }),
	};
}
