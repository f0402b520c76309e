/**
 * A small least-recently-used map: popular searches (女装, 点心) repeat far more often than the
 * index changes, so answering them from memory is most of what a festival peak needs.
 */
export class LruCache<K, V> {
	readonly #items = new Map<K, V>();
	constructor(readonly capacity: number) {}

	get(key: K): V | undefined {
		const value = this.#items.get(key);
		if (value === undefined) return undefined;
		this.#items.delete(key);
		this.#items.set(key, value);
		return value;
	}

	set(key: K, value: V): void {
		this.#items.delete(key);
		this.#items.set(key, value);
		if (this.#items.size > this.capacity) {
			this.#items.delete(this.#items.keys().next().value as K);
		}
	}

	get size(): number {
		return this.#items.size;
	}
}
