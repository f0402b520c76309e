import { ANY_SCOPE } from '../lib/server/cache/change-scope';
import type { EncodedBody } from './encoded-body';

/** A committed change to one scope (src/lib/server/cache/change-scope.ts), as the feed reads it. */
export interface Change {
	scope: string;
	/** The global sequence number of the change (db/migrations/0010_change_versions.sql). */
	seq: number;
	/** When it was written, in wall-clock ms. */
	changedAt: number;
}

/** A rendered response kept for anonymous visitors. */
export interface CachedPage {
	status: number;
	/** Headers as rendered, less those the serving layer sets per response. */
	headers: [string, string][];
	body: EncodedBody;
	/** Until when (ms since the epoch) it is fresh by the clock: its next phase change. */
	freshUntil: number;
	/** When the first change it misses was written; Infinity while it misses none. */
	staleSince: number;
	/** The scopes it shows; undefined when it did not say, so that every change touches it. */
	deps: readonly string[] | undefined;
	/** The last change sequence number applied when its render started. */
	seq: number;
	/** When its render started. */
	renderedAt: number;
	/** The route pattern Astro matched when it rendered, for the log of answers from the cache. */
	route?: string;
}

/**
 * Rendered pages by key, least recently used first out, bounded by the bytes their bodies hold
 * (every encoding counted). A body larger than `maxEntryBytes` is not kept at all, so one big
 * response cannot empty the cache. Each page is indexed by the scopes it shows, so a change
 * finds the pages it touches without a look at the others.
 */
export class PageCache {
	private readonly entries = new Map<string, CachedPage>();
	private readonly dependents = new Map<string, Set<string>>();
	/** Keys of pages that named no scopes. */
	private readonly undeclared = new Set<string>();
	private bytes = 0;
	/** Pages dropped to stay within maxBytes, since the cache was made (for /metrics). */
	evictions = 0;

	constructor(
		readonly maxBytes: number,
		readonly maxEntryBytes: number = Math.max(1, Math.floor(maxBytes / 16)),
	) {}

	/** The entry for `key`, fresh or stale, marked as recently used. */
	get(key: string): CachedPage | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		this.entries.set(key, entry);
		return entry;
	}

	/** Keeps `entry` under `key` unless it is too big; evicts the least recently used to fit. */
	set(key: string, entry: CachedPage): boolean {
		this.delete(key);
		if (entry.body.size > this.maxEntryBytes) return false;
		this.entries.set(key, entry);
		this.bytes += entry.body.size;
		if (!entry.deps) this.undeclared.add(key);
		for (const scope of entry.deps ?? []) {
			let keys = this.dependents.get(scope);
			if (!keys) this.dependents.set(scope, (keys = new Set()));
			keys.add(key);
		}
		for (const oldest of this.entries.keys()) {
			if (this.bytes <= this.maxBytes) break;
			this.delete(oldest);
			this.evictions += 1;
		}
		return true;
	}

	delete(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.bytes -= entry.body.size;
		this.undeclared.delete(key);
		for (const scope of entry.deps ?? []) {
			const keys = this.dependents.get(scope);
			keys?.delete(key);
			if (keys?.size === 0) this.dependents.delete(scope);
		}
	}

	/**
	 * Marks the pages `change` touches — those showing its scope, those that named none, or all for
	 * ANY_SCOPE — as stale since it was written, unless they were rendered after it was applied.
	 * Returns how many it touched.
	 */
	applyChange(change: Change): number {
		let touched = 0;
		const mark = (entry: CachedPage | undefined): void => {
			if (!entry || entry.seq >= change.seq) return;
			entry.staleSince = Math.min(entry.staleSince, change.changedAt);
			touched += 1;
		};
		if (change.scope === ANY_SCOPE) {
			for (const entry of this.entries.values()) mark(entry);
			return touched;
		}
		for (const key of this.dependents.get(change.scope) ?? []) mark(this.entries.get(key));
		for (const key of this.undeclared) mark(this.entries.get(key));
		return touched;
	}

	clear(): void {
		this.entries.clear();
		this.dependents.clear();
		this.undeclared.clear();
		this.bytes = 0;
	}

	get size(): number {
		return this.entries.size;
	}

	get byteSize(): number {
		return this.bytes;
	}
}
