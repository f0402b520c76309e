import { z } from 'zod';
import { addressList, decodeKey, flag, isOn, parseOrigin, splitList } from './env-values';

/**
 * The portal's configuration, declared once. Every default makes the embedded mode work out of the
 * box; nothing else in the code reads `process.env`. Each variable's `describe()` is its meaning in
 * the README's table, which `npm run docs:env` writes from this schema (a test keeps them equal).
 */
export const envSchema = z.object({
	NODE_ENV: z
		.enum(['development', 'production', 'test'])
		.optional()
		.describe('`production` on a real deployment: the demo festival is never seeded then'),
	DATABASE_PATH: z
		.string()
		.min(1)
		.default('data/livefest.db')
		.describe(
			'the SQLite file (WAL mode; created and migrated on start). Every command (`npm run staff:create`, `festival:setup`, `db:backup` …) works on this file',
		),
	LIVEFEST_DEMO: flag('1').describe(
		'`0`: `npm start` never seeds the demo festival into an empty database (always off with `NODE_ENV=production`); set the festival up with `npm run festival:setup` instead',
	),
	HOST: z
		.string()
		.min(1)
		.default('localhost')
		.describe('address to listen on (`0.0.0.0` to serve the network)'),
	PORT: z.coerce.number().int().min(1).max(65535).default(4321).describe('port to listen on'),
	PUBLIC_ORIGIN: z
		.string()
		.url()
		.optional()
		.describe(
			"the site's public URL: absolute links, trusted Host, origin checks. Baked into the build; `npm start` rebuilds when it changes",
		),
	MEILISEARCH_URL: z
		.string()
		.url()
		.optional()
		.describe(
			'Meilisearch, the optional scale-out search engine; the embedded FTS5 index when unset',
		),
	MEILISEARCH_KEY: z.string().optional().describe("Meilisearch's API key"),
	MEILISEARCH_INDEX: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,100}$/)
		.default('livefest_rooms')
		.describe('the Meilisearch index'),
	SEARCH_TIMEOUT_MS: z.coerce
		.number()
		.int()
		.min(10)
		.max(10_000)
		.default(300)
		.describe('a Meilisearch query slower than this is answered by FTS5 instead'),
	SEARCH_OUTBOX_POLL_MS: z.coerce
		.number()
		.int()
		.min(50)
		.max(600_000)
		.default(1000)
		.describe('how often the Meilisearch outbox worker looks for changed rooms when idle'),
	PAGE_CACHE_MB: z.coerce
		.number()
		.int()
		.min(1)
		.max(4096)
		.default(64)
		.describe('memory for the cache of rendered public pages (per node)'),
	WAL_AUTOCHECKPOINT: z.coerce
		.number()
		.int()
		.min(0)
		.max(1_000_000)
		.default(1000)
		.describe(
			"WAL pages after which a connection's commit checkpoints; the server sets 0 for its own connections and checkpoints on a thread instead",
		),
	UPLOAD_DIR: z
		.string()
		.min(1)
		.default('data/uploads')
		.describe(
			"the pictures, as the media pipeline re-encoded them (uploaded covers, fetched WeChat pictures, the demo's; created on first use); back it up too",
		),
	BACKUP_DIR: z
		.string()
		.min(1)
		.default('data/backups')
		.describe('where `npm run db:backup` writes its copies (`--dir` overrides)'),
	BACKUP_KEEP: z.coerce
		.number()
		.int()
		.min(1)
		.max(10_000)
		.default(14)
		.describe('how many backups `npm run db:backup` keeps (`--keep` overrides)'),
	LIVEFEST_NOW: z
		.string()
		.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
		.optional()
		.describe('pins the clock to an ISO instant, for demos, tests and benchmarks only'),
	LIVEFEST_CLOCK: z
		.enum(['pinned', 'running'])
		.default('pinned')
		.describe('`running`: the clock starts at `LIVEFEST_NOW` and runs on (benchmarks)'),
	WECHAT_API_BASE_URL: z
		.string()
		.url()
		.default('https://api.weixin.qq.com')
		.describe("WeChat's API, configurable so tests and proxies can stand in for it"),
	WECHAT_OA_APP_ID: z
		.string()
		.regex(/^wx[0-9a-f]{16}$/)
		.optional()
		.describe("the bureau's verified service account, for the open tag inside WeChat"),
	WECHAT_OA_APP_SECRET: z.string().min(1).optional().describe("that service account's AppSecret"),
	WECHAT_OA_TICKET_URL: z
		.string()
		.url()
		.optional()
		.describe("or an endpoint of the bureau's own that hands out a current jsapi_ticket"),
	SECRETS_KEY: z
		.string()
		.refine((v) => decodeKey(v) !== undefined, 'must be 32 bytes, as base64 or 64 hex digits')
		.optional()
		.describe(
			"32 bytes (base64 or hex) sealing secrets at rest: merchants' WeChat AppSecrets, staff authenticator keys. Admins need it to enrol",
		),
	SECRETS_KEY_PREVIOUS: z
		.string()
		.refine(
			(v) => splitList(v).every((k) => decodeKey(k) !== undefined),
			'each key must be 32 bytes, as base64 or 64 hex digits',
		)
		.optional()
		.describe(
			'keys retired by a rotation, comma-separated: they still open what they sealed until `npm run secrets:reseal`',
		),
	TRUSTED_PROXIES: addressList()
		.optional()
		.describe(
			'reverse proxies whose `X-Forwarded-For` and `X-Request-Id` are believed: addresses, CIDRs or `loopback`/`uniquelocal`, comma-separated (none by default; see Operations)',
		),
	EMBED_ORIGINS: z
		.string()
		.refine(
			(v) => splitList(v).every((o) => parseOrigin(o) !== undefined),
			(v) => ({
				message: `not an origin (scheme://host[:port]): ${splitList(v).find((o) => parseOrigin(o) === undefined)}`,
			}),
		)
		.optional()
		.describe(
			'sites allowed to show the venue widget (`/embed/…`) in a frame, as origins (`https://www.gz.gov.cn`), comma-separated; only the widget may be framed, and only by these and the portal itself',
		),
	FEED_RENDERS_PER_MINUTE: z.coerce
		.number()
		.int()
		.min(1)
		.max(100_000)
		.default(120)
		.describe('renders of the open feeds (`/api/v1/…`) one client address may cause per minute'),
	METRICS_ALLOW: addressList()
		.default('loopback')
		.describe(
			'client addresses allowed to read `/metrics`: addresses, CIDRs or `loopback`, comma-separated; others get 404',
		),
	LOG_LEVEL: z
		.enum(['debug', 'info', 'warn', 'error', 'silent'])
		.default('info')
		.describe(
			'the JSON log on standard output: `info` writes one access line per request, `warn` only problems',
		),
	READY_OUTBOX_LAG_MS: z.coerce
		.number()
		.int()
		.min(1000)
		.max(86_400_000)
		.default(300_000)
		.describe(
			'`/readyz` fails when a change has waited this long in the Meilisearch outbox (only with `MEILISEARCH_URL`)',
		),
	READY_MIN_FREE_MB: z.coerce
		.number()
		.int()
		.min(0)
		.max(1_000_000)
		.default(64)
		.describe("`/readyz` fails when the database's file system has less free space than this"),
	ICP_FILING: z
		.string()
		.trim()
		.max(60)
		.optional()
		.describe(
			"the site's ICP filing number (e.g. `粤ICP备12345678号-1`), shown in every page's footer, linked to beian.miit.gov.cn",
		),
	SYNC_INTERVAL_MS: z.coerce
		.number()
		.int()
		.min(0)
		.max(86_400_000)
		.optional()
		.describe("the in-server room sync's interval; 0 turns it off"),
	SYNC_ALLOW_HTTP: flag('0').describe('allow plain-http feed URLs (tests, intranets)'),
	SYNC_ALLOW_LOOPBACK: flag('0').describe('allow loopback addresses in feed URLs (tests only)'),
	SYNC_CONCURRENCY: z.coerce
		.number()
		.int()
		.min(1)
		.max(32)
		.default(4)
		.describe('merchants synced at once'),
	SYNC_TIMEOUT_MS: z.coerce
		.number()
		.int()
		.min(100)
		.max(120_000)
		.default(10_000)
		.describe("one merchant's feed or WeChat call gives up after this"),
	SYNC_MAX_BYTES: z.coerce
		.number()
		.int()
		.min(1024)
		.max(50 * 1024 * 1024)
		.default(5 * 1024 * 1024)
		.describe("the largest room list read from one merchant's source"),
	SYNC_CALLS_PER_HOUR: z.coerce
		.number()
		.int()
		.min(1)
		.max(100_000)
		.default(60)
		.describe("calls to one merchant's source per hour at most"),
	LIVEFEST_SQL_LOG: z
		.string()
		.min(1)
		.optional()
		.describe(
			'tests only: append each distinct SQL statement and its first parameters to this file',
		),
});

/** Defaults computed from other variables, for the README's table (the schema's own defaults are read from it). */
export const COMPUTED_DEFAULTS: Partial<Record<keyof z.input<typeof envSchema>, string>> = {
	PUBLIC_ORIGIN: 'http://localhost:$PORT',
	SYNC_INTERVAL_MS: '300000 (0 with LIVEFEST_NOW)',
};

const configSchema = envSchema.transform((raw) => ({
	production: raw.NODE_ENV === 'production',
	/** Seeding the demo into an empty database: never in production. */
	demo: raw.NODE_ENV !== 'production' && isOn(raw.LIVEFEST_DEMO),
	demoRequested: isOn(raw.LIVEFEST_DEMO),
	databasePath: raw.DATABASE_PATH,
	sqlLogPath: raw.LIVEFEST_SQL_LOG,
	host: raw.HOST,
	port: raw.PORT,
	publicOrigin: new URL(raw.PUBLIC_ORIGIN ?? `http://localhost:${raw.PORT}`).origin,
	fixedNow: raw.LIVEFEST_NOW ? new Date(raw.LIVEFEST_NOW) : undefined,
	clockRuns: raw.LIVEFEST_CLOCK === 'running',
	uploadDir: raw.UPLOAD_DIR,
	backup: { dir: raw.BACKUP_DIR, keep: raw.BACKUP_KEEP },
	metricsAllow: splitList(raw.METRICS_ALLOW),
	logLevel: raw.LOG_LEVEL,
	readiness: {
		outboxLagMs: raw.READY_OUTBOX_LAG_MS,
		minFreeBytes: raw.READY_MIN_FREE_MB * 1024 * 1024,
	},
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
	embedOrigins: splitList(raw.EMBED_ORIGINS).map((o) => parseOrigin(o)!),
	feedRendersPerMinute: raw.FEED_RENDERS_PER_MINUTE,
	icpFiling: raw.ICP_FILING || undefined,
	sync: {
		intervalMs: raw.SYNC_INTERVAL_MS ?? (raw.LIVEFEST_NOW ? 0 : 300_000),
		allowHttp: isOn(raw.SYNC_ALLOW_HTTP),
		allowLoopback: isOn(raw.SYNC_ALLOW_LOOPBACK),
		concurrency: raw.SYNC_CONCURRENCY,
		timeoutMs: raw.SYNC_TIMEOUT_MS,
		maxBytes: raw.SYNC_MAX_BYTES,
		callsPerHour: raw.SYNC_CALLS_PER_HOUR,
	},
}));

export type Env = z.output<typeof configSchema>;

/** Parses the environment; a bad value stops the process with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = configSchema.safeParse(source);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	return parsed.data;
}

export const env: Env = loadEnv();
