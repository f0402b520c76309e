import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { remoteImage, room, roomProduct } from '../../../../db/schema';
import type { ImageKind } from '../../shared/image';
import type { Db } from '../db';
import { readLegacyUpload } from './legacy-upload';
import { safeFetch, SafeFetchError, type SafeFetchPolicy } from '../sync/safe-fetch';
import { storeImage } from './image-store';

/**
 * Turns image URLs into stored images, off the request path: WeChat's `cover_img` and
 * `goods[].cover_img` (kept by the importer and the sync in `cover_url`) and covers an earlier
 * version stored as uploaded (`/media/<hash>.<ext>`). Each URL is fetched through the SSRF-safe
 * fetcher (https only, no private addresses, size and time caps), decoded and re-encoded by the
 * media pipeline (image-store.ts), and remembered in `remote_image`, so a URL many rooms or a
 * re-import name is fetched once. Rows learn their key in short transactions of their own; pages
 * follow by the rows' change triggers.
 */

export interface ImageDeps {
	dir: string;
	policy: SafeFetchPolicy;
}

/** How many waiting rows one batch reads (each kind), and how many fetches run at once. */
const BATCH = 24;
const CONCURRENCY = 2;
/** A URL that failed to answer (timeout, network, 5xx) is tried this many times, then given up. */
const MAX_TRANSIENT_FAILURES = 3;

export interface ImageBatchResult {
	/** Rows that got a key or were marked as having none. */
	settled: number;
	/** URLs left for a later pass after a transient failure. */
	retrying: number;
}

/** Failures that say nothing about the image, only about the network: worth another try. */
const TRANSIENT = new Set(['timeout', 'network', 'httpStatus']);

const transientFailures = new Map<string, number>();

/** The stored key for one URL (from memory of an earlier fetch, or fetched now), '' for none. */
async function resolveUrl(db: Db, url: string, kind: ImageKind, deps: ImageDeps, now: Date) {
	const known = db.select().from(remoteImage).where(eq(remoteImage.url, url)).get();
	if (known) return known.imageKey ?? '';
	let outcome: { key: string | null; failure: string | null };
	try {
		const bytes = url.startsWith('/media/')
			? await readLegacyUpload(deps.dir, url)
			: await safeFetch(url, deps.policy, {});
		if (bytes === null) outcome = { key: null, failure: 'missing' };
		else {
			const stored = await storeImage(deps.dir, bytes, kind);
			outcome = stored.ok
				? { key: stored.key, failure: null }
				: { key: null, failure: stored.problem };
		}
	} catch (error) {
		if (!(error instanceof SafeFetchError)) throw error;
		const tries = (transientFailures.get(url) ?? 0) + 1;
		if (TRANSIENT.has(error.failure) && tries < MAX_TRANSIENT_FAILURES) {
			transientFailures.set(url, tries);
			return null;
		}
		outcome = { key: null, failure: error.failure };
	}
	transientFailures.delete(url);
	db.insert(remoteImage)
		.values({ url, imageKey: outcome.key, failure: outcome.failure, fetchedAt: now })
		.onConflictDoNothing()
		.run();
	return outcome.key ?? '';
}

async function settle(
	rows: { id: number; url: string }[],
	kind: ImageKind,
	db: Db,
	deps: ImageDeps,
	now: Date,
	write: (ids: number[], url: string, key: string) => void,
): Promise<ImageBatchResult> {
	const byUrl = new Map<string, number[]>();
	for (const r of rows) byUrl.set(r.url, [...(byUrl.get(r.url) ?? []), r.id]);
	const urls = [...byUrl.keys()];
	const result: ImageBatchResult = { settled: 0, retrying: 0 };
	for (let i = 0; i < urls.length; i += CONCURRENCY) {
		const keys = await Promise.all(
			urls.slice(i, i + CONCURRENCY).map((url) => resolveUrl(db, url, kind, deps, now)),
		);
		keys.forEach((key, j) => {
			const url = urls[i + j]!;
			if (key === null) {
				result.retrying += byUrl.get(url)!.length;
				return;
			}
			write(byUrl.get(url)!, url, key);
			result.settled += byUrl.get(url)!.length;
		});
	}
	return result;
}

/**
 * One batch of waiting covers and product pictures (read on their partial indexes). A row whose
 * URL changed while its image was fetched keeps waiting for the new one.
 */
export async function processImageBatch(
	db: Db,
	deps: ImageDeps,
	now: Date,
	skip: ReadonlySet<string> = new Set(),
): Promise<ImageBatchResult> {
	const notSkipped = (column: typeof room.coverUrl | typeof roomProduct.coverUrl) =>
		skip.size === 0
			? undefined
			: sql`${column} not in (select value from json_each(${JSON.stringify([...skip])}))`;
	const covers = db
		.select({ id: sql<number>`${room.id}`, url: sql<string>`${room.coverUrl}` })
		.from(sql`${room} INDEXED BY room_cover_pending_idx`)
		.where(and(isNotNull(room.coverUrl), isNull(room.coverKey), notSkipped(room.coverUrl)))
		.limit(BATCH)
		.all();
	const products = db
		.select({ id: sql<number>`${roomProduct.id}`, url: sql<string>`${roomProduct.coverUrl}` })
		.from(sql`${roomProduct} INDEXED BY room_product_image_pending_idx`)
		.where(
			and(
				isNotNull(roomProduct.coverUrl),
				isNull(roomProduct.imageKey),
				notSkipped(roomProduct.coverUrl),
			),
		)
		.limit(BATCH)
		.all();
	const a = await settle(covers, 'cover', db, deps, now, (ids, url, key) =>
		db
			.update(room)
			.set({ coverKey: key })
			.where(and(inArray(room.id, ids), eq(room.coverUrl, url), isNull(room.coverKey)))
			.run(),
	);
	const b = await settle(products, 'product', db, deps, now, (ids, url, key) =>
		db
			.update(roomProduct)
			.set({ imageKey: key })
			.where(
				and(
					inArray(roomProduct.id, ids),
					eq(roomProduct.coverUrl, url),
					isNull(roomProduct.imageKey),
				),
			)
			.run(),
	);
	return { settled: a.settled + b.settled, retrying: a.retrying + b.retrying };
}

/**
 * Every waiting image, batch after batch (the CLI import and sync call it before they exit); URLs
 * that failed transiently are left for the server's worker.
 */
export async function processPendingImages(db: Db, deps: ImageDeps, now: Date): Promise<number> {
	const skip = new Set<string>();
	let settled = 0;
	for (;;) {
		const before = transientFailures.size;
		const batch = await processImageBatch(db, deps, now, skip);
		settled += batch.settled;
		if (batch.retrying > 0) for (const url of transientFailures.keys()) skip.add(url);
		if (batch.settled === 0 && transientFailures.size === before) return settled;
	}
}
