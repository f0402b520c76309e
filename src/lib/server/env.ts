import { z } from 'zod';

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
		/** Where uploaded room covers are stored (created on first upload). */
		UPLOAD_DIR: z.string().min(1).default('data/uploads'),
		/** Pins the clock to an instant (ISO 8601): for demos, tests and benchmarks only. */
		LIVEFEST_NOW: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
			.optional(),
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
	})
	.transform((raw) => ({
		databasePath: raw.DATABASE_PATH,
		host: raw.HOST,
		port: raw.PORT,
		publicOrigin: new URL(raw.PUBLIC_ORIGIN ?? `http://localhost:${raw.PORT}`).origin,
		fixedNow: raw.LIVEFEST_NOW ? new Date(raw.LIVEFEST_NOW) : undefined,
		uploadDir: raw.UPLOAD_DIR,
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
