import {
	collectDefaultMetrics,
	Counter,
	Gauge,
	Histogram,
	Registry,
	type LabelValues,
} from 'prom-client';
import type { PageCache } from './page-cache';

/**
 * What the server counts for `/metrics` (Prometheus text, prom-client): every request by route
 * pattern, cache result and status, with its duration; the page cache (entries, bytes, hits,
 * misses, stale serves, evictions) and Astro's render time; the search outbox and failing room
 * syncs, read from the database when scraped (every process on the file sees the same); and
 * prom-client's process metrics (CPU, memory, handles, GC, event-loop delay). Labels are route
 * patterns (`/[...lang]/rooms/[id]`), never paths, so the series stay a bounded set.
 *
 * A request costs two map look-ups and a few additions: the label children are kept per label
 * combination, so a cached page's answer does not hash its labels every time.
 */

/** Seconds: a cached page answers in well under a millisecond, a miss in a few. */
const DURATION_BUCKETS = [
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** Database figures read at scrape time; each undefined when it does not apply here. */
export interface DatabaseGauges {
	/** Rows waiting in the Meilisearch outbox, and the age of the oldest (only with Meilisearch). */
	outbox(): { rows: number; oldestSeconds: number } | undefined;
	/** Merchants whose room source failed on its last sync. */
	failingSyncSources(): number;
}

export interface RequestSample {
	route: string;
	/** X-Cache, or `none` for responses that never went through the page cache. */
	cache: string;
	status: number;
	seconds: number;
	bytes: number;
}

export interface ServerMetrics {
	registry: Registry;
	observeRequest(sample: RequestSample): void;
	observeRender(route: string, seconds: number): void;
	countSyncFailures(n: number): void;
	/** The exposition text and its content type. */
	render(): Promise<{ text: string; contentType: string }>;
}

/** Keeps one label child per combination, so repeated requests skip prom-client's label hashing. */
function memo<T>(make: (...labels: string[]) => T): (...labels: string[]) => T {
	const children = new Map<string, T>();
	return (...labels) => {
		const key = labels.join('\u0000');
		let child = children.get(key);
		if (!child) children.set(key, (child = make(...labels)));
		return child;
	};
}

/** Counters of what the page cache did, by the X-Cache each answer carried. */
const CACHE_EVENTS: Record<string, string> = {
	HIT: 'livefest_page_cache_hits_total',
	COALESCED: 'livefest_page_cache_hits_total',
	STALE: 'livefest_page_cache_stale_serves_total',
	MISS: 'livefest_page_cache_misses_total',
};

export function createServerMetrics(cache: PageCache, gauges: DatabaseGauges): ServerMetrics {
	const registry = new Registry();
	const registers = [registry];
	collectDefaultMetrics({ register: registry, prefix: '' });
	const requests = new Counter({
		name: 'livefest_http_requests_total',
		help: 'HTTP requests answered, by route pattern, page-cache result (X-Cache) and status',
		labelNames: ['route', 'cache', 'status'] as const,
		registers,
	});
	const durations = new Histogram({
		name: 'livefest_http_request_duration_seconds',
		help: 'Time from a request arriving to its response finishing, by route pattern and cache result',
		labelNames: ['route', 'cache'] as const,
		buckets: DURATION_BUCKETS,
		registers,
	});
	const bytes = new Counter({
		name: 'livefest_http_response_bytes_total',
		help: 'Bytes written to clients (headers and bodies), by route pattern',
		labelNames: ['route'] as const,
		registers,
	});
	const renders = new Histogram({
		name: 'livefest_render_duration_seconds',
		help: 'Time Astro took to render a response the serving layer recorded (cache misses and refreshes)',
		labelNames: ['route'] as const,
		buckets: DURATION_BUCKETS,
		registers,
	});
	const cacheCounters = new Map<string, Counter>();
	for (const [name, help] of [
		['livefest_page_cache_hits_total', 'Answers from a fresh cached page (HIT, COALESCED)'],
		['livefest_page_cache_misses_total', 'Pages rendered because no copy was kept (MISS)'],
		['livefest_page_cache_stale_serves_total', 'Stale copies served while a refresh ran (STALE)'],
	] as const) {
		cacheCounters.set(name, new Counter({ name, help, registers }));
	}
	new Gauge({
		name: 'livefest_page_cache_entries',
		help: 'Pages kept in the page cache',
		registers,
		collect() {
			this.set(cache.size);
		},
	});
	new Gauge({
		name: 'livefest_page_cache_bytes',
		help: 'Bytes the page cache holds (every encoding of every page)',
		registers,
		collect() {
			this.set(cache.byteSize);
		},
	});
	new Counter({
		name: 'livefest_page_cache_evictions_total',
		help: 'Pages dropped to keep the cache within PAGE_CACHE_MB',
		registers,
		collect() {
			this.reset();
			this.inc(cache.evictions);
		},
	});
	new Gauge({
		name: 'livefest_search_outbox_rows',
		help: 'Changed rooms waiting to be sent to Meilisearch (absent without MEILISEARCH_URL)',
		registers,
		collect() {
			const outbox = gauges.outbox();
			if (outbox) this.set(outbox.rows);
		},
	});
	new Gauge({
		name: 'livefest_search_outbox_oldest_seconds',
		help: 'Age of the oldest change waiting for Meilisearch (0 when none waits)',
		registers,
		collect() {
			const outbox = gauges.outbox();
			if (outbox) this.set(outbox.oldestSeconds);
		},
	});
	new Gauge({
		name: 'livefest_sync_sources_failing',
		help: 'Merchants whose room source failed on its last sync',
		registers,
		collect() {
			this.set(gauges.failingSyncSources());
		},
	});
	const syncFailures = new Counter({
		name: 'livefest_sync_failures_total',
		help: "Merchants' syncs that failed in this process",
		registers,
	});
	const requestChild = memo((route, cache, status) =>
		requests.labels({ route, cache, status } as LabelValues<'route' | 'cache' | 'status'>),
	);
	const durationChild = memo((route, cache) => durations.labels({ route, cache }));
	const bytesChild = memo((route) => bytes.labels({ route }));
	const renderChild = memo((route) => renders.labels({ route }));
	return {
		registry,
		observeRequest(sample) {
			requestChild(sample.route, sample.cache, String(sample.status)).inc();
			durationChild(sample.route, sample.cache).observe(sample.seconds);
			if (sample.bytes > 0) bytesChild(sample.route).inc(sample.bytes);
			const event = CACHE_EVENTS[sample.cache];
			if (event) cacheCounters.get(event)!.inc();
		},
		observeRender: (route, seconds) => renderChild(route).observe(seconds),
		countSyncFailures: (n) => syncFailures.inc(n),
		render: async () => ({ text: await registry.metrics(), contentType: registry.contentType }),
	};
}
