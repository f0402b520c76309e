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
		/** Pins the clock to an instant (ISO 8601): for demos, tests and benchmarks only. */
		LIVEFEST_NOW: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
			.optional(),
	})
	.transform((raw) => ({
		databasePath: raw.DATABASE_PATH,
		host: raw.HOST,
		port: raw.PORT,
		publicOrigin: new URL(raw.PUBLIC_ORIGIN ?? `http://localhost:${raw.PORT}`).origin,
		fixedNow: raw.LIVEFEST_NOW ? new Date(raw.LIVEFEST_NOW) : undefined,
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
