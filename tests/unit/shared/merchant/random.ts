/**
 * A small seeded generator for property-style tests: the same seed gives the same cases on every
 * run, so a failure can be replayed.
 */
export function createRandom(seed: number): {
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	string(alphabet: string, length: number): string;
} {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		int,
		pick: (items) => items[int(0, items.length - 1)]!,
		string: (alphabet, length) =>
			Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
	};
}
