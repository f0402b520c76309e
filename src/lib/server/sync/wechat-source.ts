import { z } from 'zod';
import { describeRefusedRows, parseLiveInfo, type NumberedRoom } from '../wechat/live-info';
import { BudgetExhaustedError, type CallBudget } from './call-budget';
import { PayloadError, type LiveReplay, type RoomSource } from './room-source';
import { safeFetch, type SafeFetchPolicy } from './safe-fetch';

/**
 * WeChat's API with a merchant's credentials: an access token (from AppID + AppSecret, or from a
 * third-party platform's token endpoint), `getliveinfo` paged through `total`, and `get_replay`
 * for ended rooms the caller wants. Tokens travel only in query strings, which no error message
 * or log line includes (`describeUrl`).
 */

/** WeChat refused the token: invalid (40001, 40014) or expired (42001). Refreshed once per run. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** The API's daily/minute quota is spent (45009; 45011 is the per-minute limit). */
const QUOTA_ERRORS = new Set([45009, 45011]);
const PAGE_LIMIT = 100;
const MAX_PAGES = 200;

export class WechatApiError extends Error {
	constructor(
		readonly errcode: number,
		what: string,
	) {
		super(`${what}: WeChat error ${errcode}`);
		this.name = 'WechatApiError';
	}
	get isQuota(): boolean {
		return QUOTA_ERRORS.has(this.errcode);
	}
}

export interface CachedToken {
	token: string;
	expiresAt: Date;
}

/** Where the token is kept between runs (encrypted in merchant_room_source). */
export interface TokenStore {
	read(): CachedToken | undefined;
	write(token: CachedToken): void;
}

export interface WechatSourceOptions {
	appId: string;
	appSecret?: string;
	tokenUrl?: string;
	apiBaseUrl: string;
	/** For the merchant's token endpoint (their input: checked against private addresses). */
	policy: SafeFetchPolicy;
	tokenStore: TokenStore;
	now: () => Date;
	/** Whether to ask for this ended room's replay (one call each, so only rooms still lacking one). */
	wantsReplay?: (roomid: number) => boolean;
}

const tokenSchema = z.object({
	access_token: z.string().min(1).max(2000),
	expires_in: z.number().int().positive(),
});
const errcodeSchema = z.object({ errcode: z.number().int() }).passthrough();
const replaySchema = z.object({
	live_replay: z
		.array(
			z.object({
				create_time: z.union([z.string(), z.number()]).optional(),
				expire_time: z.union([z.string(), z.number()]).optional(),
				media_url: z.string().max(2000),
			}),
		)
		.max(1000),
});

const REFRESH_MARGIN_MS = 5 * 60_000;

function readJson(bytes: Buffer): unknown {
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		throw new PayloadError('import.notJson');
	}
}

function checkErrcode(value: unknown, what: string): void {
	const parsed = errcodeSchema.safeParse(value);
	if (parsed.success && parsed.data.errcode !== 0)
		throw new WechatApiError(parsed.data.errcode, what);
}

/** WeChat writes replay times as China-time `YYYY-MM-DD HH:MM:SS` strings, or Unix seconds. */
export function parseWechatTime(value: string | number | undefined): Date | null {
	if (typeof value === 'number') return new Date(value * 1000);
	const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value ?? '');
	return m ? new Date(`${m[1]}T${m[2]}+08:00`) : null;
}

export function createWechatSource(options: WechatSourceOptions): RoomSource {
	const base = options.apiBaseUrl.replace(/\/+$/, '');
	const api: SafeFetchPolicy = { ...options.policy, allowHttp: true, trusted: true };

	async function fetchToken(budget: CallBudget): Promise<CachedToken> {
		budget.take();
		const body = options.tokenUrl
			? await safeFetch(options.tokenUrl, options.policy)
			: await safeFetch(
					`${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(options.appId)}&secret=${encodeURIComponent(options.appSecret ?? '')}`,
					api,
				);
		const value = readJson(body);
		checkErrcode(value, 'token');
		const parsed = tokenSchema.safeParse(value);
		if (!parsed.success) throw new PayloadError('sync.error.badToken');
		const token = {
			token: parsed.data.access_token,
			expiresAt: new Date(options.now().getTime() + parsed.data.expires_in * 1000),
		};
		options.tokenStore.write(token);
		return token;
	}

	async function currentToken(budget: CallBudget): Promise<string> {
		const cached = options.tokenStore.read();
		if (cached && cached.expiresAt.getTime() - REFRESH_MARGIN_MS > options.now().getTime()) {
			return cached.token;
		}
		return (await fetchToken(budget)).token;
	}

	return {
		async listRooms(budget) {
			let token = await currentToken(budget);
			let refreshed = false;
			/** One POST to the live API; an invalid or expired token is refreshed once per run. */
			async function call(body: object, what: string): Promise<{ bytes: Buffer; value: unknown }> {
				for (;;) {
					budget.take();
					const url = `${base}/wxa/business/getliveinfo?access_token=${encodeURIComponent(token)}`;
					const bytes = await safeFetch(url, api, { method: 'POST', json: body });
					const value = readJson(bytes);
					try {
						checkErrcode(value, what);
						return { bytes, value };
					} catch (error) {
						if (
							!(error instanceof WechatApiError) ||
							!TOKEN_ERRORS.has(error.errcode) ||
							refreshed
						) {
							throw error;
						}
						refreshed = true;
						token = (await fetchToken(budget)).token;
					}
				}
			}
			const rooms: NumberedRoom[] = [];
			let total = 0;
			for (let page = 0; page < MAX_PAGES; page += 1) {
				const { bytes } = await call({ start: rooms.length, limit: PAGE_LIMIT }, 'getliveinfo');
				const parsed = parseLiveInfo(bytes, options.policy.maxBytes);
				if (!parsed.ok) throw new PayloadError(parsed.message);
				const refusal = describeRefusedRows(parsed.refused);
				if (refusal) throw new PayloadError(refusal);
				const value = JSON.parse(bytes.toString('utf8')) as { total?: number };
				total = typeof value.total === 'number' ? value.total : parsed.rooms.length;
				// Numbered through all pages, as if the list were one file.
				for (const room of parsed.rooms) rooms.push({ ...room, row: rooms.length + 1 });
				if (parsed.rooms.length === 0 || rooms.length >= total) break;
			}
			const replays = new Map<number, LiveReplay>();
			for (const r of rooms) {
				if (r.live_status !== 103 || !options.wantsReplay?.(r.roomid)) continue;
				try {
					const { value } = await call(
						{ action: 'get_replay', room_id: r.roomid, start: 0, limit: 100 },
						'get_replay',
					);
					const parsed = replaySchema.safeParse(value);
					const latest = parsed.success
						? parsed.data.live_replay
								.filter((x) => /^https:\/\/[^\s"'<>]+$/.test(x.media_url))
								.at(-1)
						: undefined;
					if (latest) {
						replays.set(r.roomid, {
							mediaUrl: latest.media_url,
							expiresAt: parseWechatTime(latest.expire_time),
						});
					}
				} catch (error) {
					// Replays are a bonus: a spent budget leaves them for the next run.
					if (error instanceof BudgetExhaustedError) break;
					throw error;
				}
			}
			return { rooms, complete: rooms.length >= total, replays };
		},
	};
}
