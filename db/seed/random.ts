/**
 * A small seeded random source. The demo must be byte-identical on every machine and every run, so
 * nothing in the seed may read `Math.random` or the wall clock.
 */
export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Picks with probability proportional to `weight(item)`. */
	pickWeighted<T>(items: readonly T[], weight: (item: T) => number): T;
	/** `count` distinct items, in random order. */
	sample<T>(items: readonly T[], count: number): T[];
	/** A string of `length` characters drawn from `alphabet`. */
	string(alphabet: string, length: number): string;
}

/** Mulberry32: 32 bits of state, fast, and good enough for demo data (not for secrets). */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => {
		if (items.length === 0) throw new RangeError('pick from an empty list');
		return items[int(0, items.length - 1)]!;
	};
	return {
		next,
		int,
		pick,
		chance: (probability) => next() < probability,
		pickWeighted(items, weight) {
			const weights = items.map(weight);
			let roll = next() * weights.reduce((sum, w) => sum + w, 0);
			for (let i = 0; i < items.length; i += 1) {
				roll -= weights[i]!;
				if (roll < 0) return items[i]!;
			}
			return items[items.length - 1]!;
		},
		sample(items, count) {
			const pool = [...items];
			for (let i = pool.length - 1; i > 0; i -= 1) {
				const j = int(0, i);
				[pool[i], pool[j]] = [pool[j]!, pool[i]!];
			}
			return pool.slice(0, Math.min(count, pool.length));
		},
		string(alphabet, length) {
			let out = '';
			for (let i = 0; i < length; i += 1) out += alphabet[int(0, alphabet.length - 1)];
			return out;
		},
	};
}
