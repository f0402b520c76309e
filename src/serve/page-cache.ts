import type { EncodedBody } from './encoded-body';

/** A rendered response kept for anonymous visitors. */
export interface CachedPage {
	status: number;
	/** Headers as rendered, less those the serving layer sets per response. */
	headers: [string, string][];
	body: EncodedBody;
	/** Until when (ms since the epoch) it may be served without rendering again. */
	freshUntil: number;
}

/**
 * Rendered pages by key, least recently used first out, bounded by the bytes their bodies hold
 * (every encoding counted). A body larger than `maxEntryBytes` is not kept at all, so one big
 * response cannot empty the cache.
 */
export class PageCache {
	private readonly entries = new Map<string, CachedPage>();
	private bytes = 0;
	hits = 0;
	misses = 0;

	constructor(
		readonly maxBytes: number,
		readonly maxEntryBytes: number = Math.max(1, Math.floor(maxBytes / 16)),
	) {}

	/** The fresh entry for `key`, marked as recently used; undefined (and dropped) when stale. */
	get(key: string, now: number): CachedPage | undefined {
		const entry = this.entries.get(key);
		if (!entry) {
			this.misses += 1;
			return undefined;
		}
		if (entry.freshUntil <= now) {
			this.delete(key);
			this.misses += 1;
			return undefined;
		}
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.hits += 1;
		return entry;
	}

	/** Keeps `entry` under `key` unless it is too big; evicts the least recently used to fit. */
	set(key: string, entry: CachedPage): boolean {
		if (entry.body.size > this.maxEntryBytes) return false;
		this.delete(key);
		this.entries.set(key, entry);
		this.bytes += entry.body.size;
		for (const [oldest, old] of this.entries) {
			if (this.bytes <= this.maxBytes) break;
			this.entries.delete(oldest);
			this.bytes -= old.body.size;
		}
		return true;
	}

	delete(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.bytes -= entry.body.size;
	}

	clear(): void {
		this.entries.clear();
		this.bytes = 0;
	}

	get size(): number {
		return this.entries.size;
	}

	get byteSize(): number {
		return this.bytes;
	}
}
