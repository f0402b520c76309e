import { z } from 'zod';

/**
 * The service account's `jsapi_ticket`, fetched and cached. WeChat allows few `token` and
 * `getticket` calls a day and each lives 7200 s, so one process keeps one ticket, refreshes it
 * five minutes before it expires, shares one request among concurrent pages, and after a failure
 * waits a minute before asking again (the pages fall back to plain links meanwhile).
 */

export interface JsapiTicketSource {
	/** The service account's AppID, which `wx.config` names. */
	readonly appId: string;
	/** The current ticket, or undefined when none can be had now. */
	getTicket(): Promise<string | undefined>;
}

export interface TicketSourceOptions {
	appId: string;
	/** Fetch the ticket with the account's secret from WeChat's API (`/cgi-bin/token`, then `getticket`). */
	appSecret?: string;
	/** Or ask the bureau's own endpoint, which answers `{"ticket": "…", "expires_in": 7200}`. */
	ticketUrl?: string;
	/** WeChat's API base URL (https://api.weixin.qq.com, or a stand-in). */
	apiBaseUrl: string;
	fetch?: typeof fetch;
	/** Milliseconds, monotonic enough for expiry (Date.now unless a test says otherwise). */
	now?: () => number;
	timeoutMs?: number;
	onError?: (error: Error) => void;
}

const REFRESH_MARGIN_MS = 5 * 60_000;
const RETRY_AFTER_FAILURE_MS = 60_000;

const tokenSchema = z.object({
	access_token: z.string().min(1),
	expires_in: z.number().int().positive(),
});
const ticketSchema = z.object({
	errcode: z.number().int().optional(),
	ticket: z.string().min(1),
	expires_in: z.number().int().positive(),
});
const errorSchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

async function getJson(fetcher: typeof fetch, url: string, timeoutMs: number): Promise<unknown> {
	const res = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs) });
	if (!res.ok) throw new Error(`${new URL(url).pathname} answered HTTP ${res.status}`);
	return res.json();
}

/** Reads a WeChat answer, naming WeChat's own error code when it sent one. */
function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const error = errorSchema.safeParse(body);
	if (error.success && error.data.errcode !== 0) {
		throw new Error(
			`${what}: WeChat error ${error.data.errcode} ${error.data.errmsg ?? ''}`.trim(),
		);
	}
	throw new Error(`${what}: unexpected answer`);
}

/** A cached ticket source for one service account (see the module comment for the policy). */
export function createJsapiTicketSource(options: TicketSourceOptions): JsapiTicketSource {
	const fetcher = options.fetch ?? fetch;
	const now = options.now ?? Date.now;
	const timeoutMs = options.timeoutMs ?? 3000;
	const base = options.apiBaseUrl.replace(/\/+$/, '');
	let cached: { ticket: string; refreshAt: number; expiresAt: number } | undefined;
	let failedAt: number | undefined;
	let inFlight: Promise<string | undefined> | undefined;

	async function fetchTicket(): Promise<{ ticket: string; expiresIn: number }> {
		if (options.ticketUrl) {
			const body = parseAnswer(
				ticketSchema,
				await getJson(fetcher, options.ticketUrl, timeoutMs),
				'ticket endpoint',
			);
			return { ticket: body.ticket, expiresIn: body.expires_in };
		}
		if (!options.appSecret) throw new Error('no app secret and no ticket URL');
		const tokenUrl = `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(options.appId)}&secret=${encodeURIComponent(options.appSecret)}`;
		const token = parseAnswer(tokenSchema, await getJson(fetcher, tokenUrl, timeoutMs), 'token');
		const ticketUrl = `${base}/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(token.access_token)}&type=jsapi`;
		const body = parseAnswer(
			ticketSchema,
			await getJson(fetcher, ticketUrl, timeoutMs),
			'getticket',
		);
		if (body.errcode !== undefined && body.errcode !== 0) {
			throw new Error(`getticket: WeChat error ${body.errcode}`);
		}
		return { ticket: body.ticket, expiresIn: body.expires_in };
	}

	async function refresh(): Promise<string | undefined> {
		try {
			const { ticket, expiresIn } = await fetchTicket();
			const lifetime = Math.max(60_000, expiresIn * 1000 - REFRESH_MARGIN_MS);
			const at = now();
			cached = { ticket, refreshAt: at + lifetime, expiresAt: at + expiresIn * 1000 };
			failedAt = undefined;
			return ticket;
		} catch (error) {
			failedAt = now();
			options.onError?.(error as Error);
			// A ticket in its last minutes still signs: better than no open tag.
			return cached && failedAt < cached.expiresAt ? cached.ticket : undefined;
		}
	}

	return {
		appId: options.appId,
		getTicket(): Promise<string | undefined> {
			const t = now();
			if (cached && t < cached.refreshAt) return Promise.resolve(cached.ticket);
			if (failedAt !== undefined && t - failedAt < RETRY_AFTER_FAILURE_MS) {
				return Promise.resolve(cached && t < cached.expiresAt ? cached.ticket : undefined);
			}
			inFlight ??= refresh().finally(() => (inFlight = undefined));
			return inFlight;
		},
	};
}
