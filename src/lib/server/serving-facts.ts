import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a render tells the serving layer (src/serve/) about itself, for the access log and the
 * metrics: the route pattern Astro matched (`/[...lang]/rooms/[id]`, a bounded set, never the
 * path with its ids and queries) and the search engine that answered, when a search ran. The
 * serving layer hands one object per render to Astro as `locals.servingFacts`; the middleware
 * fills in the route and makes the object reachable from domain code (search/service.ts) without
 * passing it down. A leaf module: both bundles import it.
 */
export interface ServingFacts {
	route?: string;
	searchEngine?: string;
}

const current = new AsyncLocalStorage<ServingFacts>();

/** Runs a render with its facts reachable by `noteSearchEngine`. */
export function runWithServingFacts<T>(facts: ServingFacts | undefined, render: () => T): T {
	return facts ? current.run(facts, render) : render();
}

/** Notes which engine answered a search in the render being served. */
export function noteSearchEngine(engine: string): void {
	const facts = current.getStore();
	if (facts) facts.searchEngine = engine;
}
