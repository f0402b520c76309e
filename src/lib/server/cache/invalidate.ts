/**
 * The hook through which every write that changes what the public sees tells page caches to drop
 * what they hold. There is no page cache yet: listeners are registered by the cache when it
 * arrives, and until then a call costs a loop over an empty list.
 *
 * Callers invoke it inside their write transaction. That is safe here because better-sqlite3
 * transactions are synchronous: no request can render (and re-cache) a page between the call
 * and the commit. A cache living in another process must listen after commit instead.
 */

export type InvalidationListener = (reason: string) => void;

const listeners = new Set<InvalidationListener>();

/** Registers a cache's listener; returns the function that removes it. */
export function onPublicPagesInvalidated(listener: InvalidationListener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/**
 * Tells every registered cache that public pages may have changed, naming why (`room.approve
 * 42`) for its logs. A listener that throws is skipped, so a faulty cache never undoes a decision.
 */
export function invalidatePublicPages(reason: string): void {
	for (const listener of listeners) {
		try {
			listener(reason);
		} catch (error) {
			console.error(`page cache listener failed on ${reason}:`, error);
		}
	}
}
