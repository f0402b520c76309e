import { env } from '../env';
import { createJsapiTicketSource, type JsapiTicketSource } from './jsapi-ticket';

let source: JsapiTicketSource | null | undefined;

/**
 * The bureau's service account as a ticket source, or null when it is not configured (then no
 * page offers the open tag). One per process, so the ticket cache is shared by every request.
 */
export function getServiceAccountTickets(): JsapiTicketSource | null {
	if (source !== undefined) return source;
	const account = env.wechat.serviceAccount;
	source = account
		? createJsapiTicketSource({
				appId: account.appId,
				appSecret: account.appSecret,
				ticketUrl: account.ticketUrl,
				apiBaseUrl: env.wechat.apiBaseUrl,
				onError: (error) => console.warn(`[wechat] jsapi_ticket unavailable: ${error.message}`),
			})
		: null;
	return source;
}
