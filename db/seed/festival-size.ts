import { z } from 'zod';
import { CATEGORIES } from './content/categories';

/** Public rooms in the demo festival (tests/unit/seed/ checks it): the smallest festival there is. */
export const DEMO_PUBLIC_ROOMS = 1989;
/** Merchants in the demo festival, every status. */
export const DEMO_MERCHANTS = CATEGORIES.reduce((sum, c) => sum + c.merchants, 0);
/** The real festival: 270,000 sessions from about 41,000 merchants, ~6.5 sessions each. */
export const ROOMS_PER_MERCHANT = 6.5;
/** One extra government showcase session per this many added public rooms (292 at 270,000). */
export const ROOMS_PER_SHOWCASE = 1000;
/** Past this a seed outgrows one SQLite file on a small machine; nothing real is that large. */
export const MAX_ROOMS = 3_000_000;

/** How large a festival to seed: public rooms and merchants, each at least the demo's. */
export interface FestivalSize {
	/** Public rooms (approved, of approved merchants); non-public ones come on top, as in the demo. */
	rooms: number;
	/** Merchants of every status, the demo's included. */
	merchants: number;
	/** Government showcase sessions added to the demo's 24. */
	addedShowcases: number;
}

/** The showcase sessions a festival of `addedRooms` more public rooms than now adds. */
export function countAddedShowcases(addedRooms: number): number {
	return Math.round(addedRooms / ROOMS_PER_SHOWCASE);
}

/** The default merchant count for a size: ~1 per 6.5 rooms, at least one new one when it grows. */
export function countDefaultMerchants(rooms: number): number {
	if (rooms <= DEMO_PUBLIC_ROOMS) return DEMO_MERCHANTS;
	return Math.max(DEMO_MERCHANTS + 1, Math.round(rooms / ROOMS_PER_MERCHANT));
}

/** Accepts 270000, 270_000 and 270,000; anything else stays a string so zod names it. */
const count = (name: string) =>
	z.preprocess(
		(value) =>
			typeof value === 'string' && /^\d[\d_,]*$/.test(value)
				? Number(value.replace(/[_,]/g, ''))
				: value,
		z
			.number({ invalid_type_error: `${name} must be a whole number, e.g. ${name}=270000` })
			.int(`${name} must be a whole number`),
	);

/** `--rooms` / `--merchants` as the CLI and `ensureLargeSeed` give them (numbers or strings). */
export const festivalSizeSchema = z
	.object({
		rooms: count('--rooms')
			.pipe(
				z
					.number()
					.min(
						DEMO_PUBLIC_ROOMS,
						`--rooms must be at least ${DEMO_PUBLIC_ROOMS} (the demo's public rooms); leave it out for the demo`,
					)
					.max(MAX_ROOMS, `--rooms must be at most ${MAX_ROOMS}`),
			)
			.optional(),
		merchants: count('--merchants')
			.pipe(
				z
					.number()
					.min(DEMO_MERCHANTS, `--merchants must be at least ${DEMO_MERCHANTS} (the demo's)`),
			)
			.optional(),
	})
	.strict()
	.transform((given, ctx): FestivalSize => {
		const rooms = given.rooms ?? DEMO_PUBLIC_ROOMS;
		const merchants = given.merchants ?? countDefaultMerchants(rooms);
		const addedShowcases = countAddedShowcases(rooms - DEMO_PUBLIC_ROOMS);
		const addedMerchantRooms = rooms - DEMO_PUBLIC_ROOMS - addedShowcases;
		if (rooms === DEMO_PUBLIC_ROOMS && merchants !== DEMO_MERCHANTS) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['merchants'],
				message: `--merchants needs --rooms above ${DEMO_PUBLIC_ROOMS}: the demo has ${DEMO_MERCHANTS}`,
			});
		} else if (rooms > DEMO_PUBLIC_ROOMS && merchants === DEMO_MERCHANTS) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['merchants'],
				message: `--merchants must be above ${DEMO_MERCHANTS} for --rooms above the demo's: the added rooms need merchants`,
			});
		} else if (merchants - DEMO_MERCHANTS > addedMerchantRooms) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['merchants'],
				message: `--merchants=${merchants} is more than --rooms=${rooms} can go round: at most ${DEMO_MERCHANTS + addedMerchantRooms} (every added merchant needs a room)`,
			});
		}
		return { rooms, merchants, addedShowcases };
	});

export type FestivalSizeInput = z.input<typeof festivalSizeSchema>;

/** The size named by options, or a RangeError that says which option is wrong and why. */
export function parseFestivalSize(input: FestivalSizeInput): FestivalSize {
	const parsed = festivalSizeSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	throw new RangeError(describeSizeIssues(parsed.error));
}

/** One line per problem, in the words of the CLI's options. */
export function describeSizeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) =>
			issue.code === z.ZodIssueCode.unrecognized_keys
				? `Unknown option: ${issue.keys.map((k) => `--${k}`).join(' ')}`
				: issue.message,
		)
		.join('\n');
}
