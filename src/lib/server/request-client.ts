import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The client address of the request being served, decided once by the serving layer
 * (src/serve/client-address.ts) and handed to Astro as `clientAddress`. The middleware runs each
 * request inside `runForClient`, so the audit log records where every change came from without
 * each caller passing it along; scripts and the import thread run outside it (null).
 */
const current = new AsyncLocalStorage<{ address: string }>();

/** Runs `work` as the request from `address`. */
export function runForClient<T>(address: string, work: () => T): T {
	return current.run({ address }, work);
}

/** The address of the request being served, or null outside one (a script, a worker thread). */
export function findClientAddress(): string | null {
	return current.getStore()?.address ?? null;
}
