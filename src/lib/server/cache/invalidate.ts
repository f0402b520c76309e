/**
 * The bridge between the writes that change what the public sees and the page cache of the
 * serving layer (src/serve/). The serving layer and the Astro build are bundled separately, so
 * each holds its own copy of this module: the state lives on `globalThis` under a registered
 * symbol, which both copies reach.
 *
 * - `invalidatePublicPages` is called by every transition function that changes a public page
 *   (inside its write transaction; safe because better-sqlite3 transactions are synchronous, so no
 *   request can render and re-cache a page between the call and the commit).
 * - `readContentVersion` reports SQLite's `data_version` on the portal's connection, which moves
 *   when another process (an import or sync run from the command line) commits; the cache drops
 *   everything when it moves.
 */

export type InvalidationListener = (reason: string) => void;

interface Bridge {
	listeners: Set<InvalidationListener>;
	contentVersion: (() => number) | undefined;
}

const KEY = Symbol.for('livefest.page-cache-bridge');
const registry = globalThis as typeof globalThis & { [KEY]?: Bridge };
const bridge: Bridge = (registry[KEY] ??= { listeners: new Set(), contentVersion: undefined });

/** Registers a cache's listener; returns the function that removes it. */
export function onPublicPagesInvalidated(listener: InvalidationListener): () => void {
	bridge.listeners.add(listener);
	return () => bridge.listeners.delete(listener);
}

/**
 * Tells every registered cache that public pages may have changed, naming why (`room.approve
 * 42`) for its logs. A listener that throws is skipped, so a faulty cache never undoes a decision.
 */
export function invalidatePublicPages(reason: string): void {
	for (const listener of bridge.listeners) {
		try {
			listener(reason);
		} catch (error) {
			console.error(`page cache listener failed on ${reason}:`, error);
		}
	}
}

/** Set once by the portal's database connection (src/lib/server/db.ts). */
export function setContentVersionProbe(probe: () => number): void {
	bridge.contentVersion = probe;
}

/** Changes whenever another process has committed to the database; undefined before it opens. */
export function readContentVersion(): number | undefined {
	return bridge.contentVersion?.();
}
