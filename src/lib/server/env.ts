import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** A 32-byte key written as 64 hex digits or base64; undefined when it is neither. */
function decodeKey(value: string): Buffer | undefined {
	const trimmed = value.trim();
	const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
		? Buffer.from(trimmed, 'hex')
		: Buffer.from(trimmed, 'base64');
	return key.length === 32 ? key : undefined;
}

/** A list written with commas or spaces (`10.0.0.0/8, 192.168.1.7`), empty entries dropped. */
function splitList(value: string | undefined): string[] {
	return (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
}

/** An http(s) origin with nothing after it (`https://host[:port]`), normalised; else undefined. */
function parseOrigin(value: string): string | undefined {
	try {
		const url = new URL(value);
		const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
		if (
			!/^https?:$/.test(url.protocol) ||
			!bare ||
			value.replace(/\/$/, '').toLowerCase() !== url.origin
		) {
			return undefined;
		}
		return url.origin;
	} catch {
		return undefined;
	}
}

/** The first entry proxy-addr cannot read as an address, a CIDR or a named range; undefined if none. */
function findBadProxyEntry(list: string[]): string | undefined {
	return list.find((entry) => {
		try {
			proxyaddr.compile(entry);
			return false;
		} catch {
			return true;
		}
	});
}

/**
 * The portal's configuration, declared once. Every default makes the embedded mode work out of the
 * box; nothing else in the code reads `process.env`.
 */
const envSchema = z
	.object({
		DATABASE_PATH: z.string().min(1).default('data/livefest.db'),
		HOST: z.string().min(1).default('localhost'),
		PORT: z.coerce.number().int().min(1).max(65535).default(4321),
		/** The site's public URL, for absolute links and origin checks. */
		PUBLIC_ORIGIN: z.string().url().optional(),
		/** Meilisearch, the optional scale-out search engine; the embedded FTS5 index when unset. */
		MEILISEARCH_URL: z.string().url().optional(),
		MEILISEARCH_KEY: z.string().optional(),
		MEILISEARCH_INDEX: z
			.string()
			.regex(/^[A-Za-z0-9_-]{1,100}$/)
			.default('livefest_rooms'),
		/** A Meilisearch query slower than this is answered by FTS5 instead. */
		SEARCH_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(300),
		/** Memory for the serving layer's cache of rendered public pages (src/serve/), in MB. */
		PAGE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
		/**
		 * WAL pages after which a connection's commit checkpoints (SQLite's default, 1,000). The
		 * server sets 0 for its connections and checkpoints on a thread (src/serve/checkpointer.ts).
		 */
		WAL_AUTOCHECKPOINT: z.coerce.number().int().min(0).max(1_000_000).default(1000),
		/** Where the pictures are stored, as the media pipeline re-encoded them (created on first use). */
		UPLOAD_DIR: z.string().min(1).default('data/uploads'),
		/** Pins the clock to an instant (ISO 8601): for demos, tests and benchmarks only. */
		LIVEFEST_NOW: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
			.optional(),
		/** `running`: the clock starts at LIVEFEST_NOW and then runs (benchmarks, where rooms must start and end). */
		LIVEFEST_CLOCK: z.enum(['pinned', 'running']).default('pinned'),
		/** WeChat's API, configurable so tests and proxies can stand in for it. */
		WECHAT_API_BASE_URL: z.string().url().default('https://api.weixin.qq.com'),
		/** The bureau's verified service account, for the open tag inside WeChat (all optional). */
		WECHAT_OA_APP_ID: z
			.string()
			.regex(/^wx[0-9a-f]{16}$/)
			.optional(),
		WECHAT_OA_APP_SECRET: z.string().min(1).optional(),
		/** Or an endpoint of the bureau's own that hands out a current jsapi_ticket. */
		WECHAT_OA_TICKET_URL: z.string().url().optional(),
		/** How often the Meilisearch outbox worker looks for changed rooms when idle. */
		SEARCH_OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
		/** 32 bytes (base64 or hex) for AES-256-GCM secrets at rest; without it no secret is stored. */
		SECRETS_KEY: z
			.string()
			.refine((v) => decodeKey(v) !== undefined, 'must be 32 bytes, as base64 or 64 hex digits')
			.optional(),
		/**
		 * Keys retired by a rotation, comma-separated: they still open what they sealed until
		 * `npm run secrets:reseal` has sealed everything again with SECRETS_KEY.
		 */
		SECRETS_KEY_PREVIOUS: z
			.string()
			.refine(
				(v) => splitList(v).every((k) => decodeKey(k) !== undefined),
				'each key must be 32 bytes, as base64 or 64 hex digits',
			)
			.optional(),
		/**
		 * The reverse proxies whose `X-Forwarded-For` is believed (addresses, CIDRs, or proxy-addr's
		 * names `loopback`, `linklocal`, `uniquelocal`), comma-separated. None by default: the client
		 * address is the socket's peer, whatever headers it sends.
		 */
		TRUSTED_PROXIES: z
			.string()
			.refine(
				(v) => findBadProxyEntry(splitList(v)) === undefined,
				(v) => ({ message: `not an address or CIDR: ${findBadProxyEntry(splitList(v))}` }),
			)
			.optional(),
		/**
		 * Sites allowed to show the venue widget (/embed/…) in a frame, as origins
		 * (`https://www.gz.gov.cn`), comma- or space-separated. Only the widget may be framed, and
		 * only by these (and the portal itself).
		 */
		EMBED_ORIGINS: z
			.string()
			.refine(
				(v) => splitList(v).every((o) => parseOrigin(o) !== undefined),
				(v) => ({
					message: `not an origin (scheme://host[:port]): ${splitList(v).find((o) => parseOrigin(o) === undefined)}`,
				}),
			)
			.optional(),
		/** Renders of the open feeds (/api/v1/…) one client address may cause per minute. */
		FEED_RENDERS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
		/** The site's ICP filing number (e.g. 粤ICP备12345678号-1), shown in every page's footer. */
		ICP_FILING: z.string().trim().max(60).optional(),
		/** The in-server room sync's interval; 0 turns it off (off by default when LIVEFEST_NOW pins the clock). */
		SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
		/** Allow plain-http feed URLs (tests, intranets). */
		SYNC_ALLOW_HTTP: z.enum(['0', '1', 'true', 'false']).default('0'),
		/** Allow loopback addresses in feed URLs (tests only). */
		SYNC_ALLOW_LOOPBACK: z.enum(['0', '1', 'true', 'false']).default('0'),
		SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
		SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
		SYNC_MAX_BYTES: z.coerce
			.number()
			.int()
			.min(1024)
			.max(50 * 1024 * 1024)
			.default(5 * 1024 * 1024),
		SYNC_CALLS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
		/** Tests only: append each distinct statement and its first parameters to this file. */
		LIVEFEST_SQL_LOG: z.string().min(1).optional(),
	})
	.transform((raw) => ({
		databasePath: raw.DATABASE_PATH,
		sqlLogPath: raw.LIVEFEST_SQL_LOG,
		host: raw.HOST,
		port: raw.PORT,
		publicOrigin: new URL(raw.PUBLIC_ORIGIN ?? `http://localhost:${raw.PORT}`).origin,
		fixedNow: raw.LIVEFEST_NOW ? new Date(raw.LIVEFEST_NOW) : undefined,
		clockRuns: raw.LIVEFEST_CLOCK === 'running',
		uploadDir: raw.UPLOAD_DIR,
		pageCacheBytes: raw.PAGE_CACHE_MB * 1024 * 1024,
		walAutocheckpoint: raw.WAL_AUTOCHECKPOINT,
		meilisearch: raw.MEILISEARCH_URL
			? { url: raw.MEILISEARCH_URL, key: raw.MEILISEARCH_KEY, index: raw.MEILISEARCH_INDEX }
			: undefined,
		searchTimeoutMs: raw.SEARCH_TIMEOUT_MS,
		searchOutboxPollMs: raw.SEARCH_OUTBOX_POLL_MS,
		wechat: {
			apiBaseUrl: raw.WECHAT_API_BASE_URL,
			serviceAccount:
				raw.WECHAT_OA_APP_ID && (raw.WECHAT_OA_APP_SECRET || raw.WECHAT_OA_TICKET_URL)
					? {
							appId: raw.WECHAT_OA_APP_ID,
							appSecret: raw.WECHAT_OA_APP_SECRET,
							ticketUrl: raw.WECHAT_OA_TICKET_URL,
						}
					: undefined,
		},
		secretsKey: raw.SECRETS_KEY ? decodeKey(raw.SECRETS_KEY) : undefined,
		previousSecretsKeys: splitList(raw.SECRETS_KEY_PREVIOUS).map((k) => decodeKey(k)!),
		trustedProxies: splitList(raw.TRUSTED_PROXIES),
		icpFiling: raw.ICP_FILING || undefined,
		embedOrigins: splitList(raw.EMBED_ORIGINS).map((o) => parseOrigin(o)!),
		feedRendersPerMinute: raw.FEED_RENDERS_PER_MINUTE,
		sync: {
			intervalMs: raw.SYNC_INTERVAL_MS ?? (raw.LIVEFEST_NOW ? 0 : 300_000),
			allowHttp: raw.SYNC_ALLOW_HTTP === '1' || raw.SYNC_ALLOW_HTTP === 'true',
			allowLoopback: raw.SYNC_ALLOW_LOOPBACK === '1' || raw.SYNC_ALLOW_LOOPBACK === 'true',
			concurrency: raw.SYNC_CONCURRENCY,
			timeoutMs: raw.SYNC_TIMEOUT_MS,
			maxBytes: raw.SYNC_MAX_BYTES,
			callsPerHour: raw.SYNC_CALLS_PER_HOUR,
		},
	}));

export type Env = z.output<typeof envSchema>;

/** Parses the environment; a bad value stops the process with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	return parsed.data;
}

export const env: Env = loadEnv();
