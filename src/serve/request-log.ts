import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { ServingFacts } from '../lib/server/serving-facts';
import { anonymizeAddress, readClientAddress, type TrustProxy } from './client-address';
import type { ServerMetrics } from './metrics';

/**
 * The server's log: JSON lines on standard output (pino, written asynchronously so a slow pipe
 * never holds the event loop), one `request` line per request, and the server's own events.
 * What an access line holds is what the privacy notice (/privacy) says the log keeps: the request
 * id, method, route pattern (`/[...lang]/rooms/[id]`: the kind of page, not which room, and never
 * a query string, so not what was searched), status, duration, X-Cache, bytes, the search engine
 * when a search ran, and the client's network (client-address.ts `anonymizeAddress`), never the
 * full address, a cookie, a user agent or a referrer.
 */

export type ServerLog = Logger;

/** A logger at `level` writing to standard output (or `destination`, a file descriptor). */
export function createServerLog(level: string, destination = 1): ServerLog {
	return pino(
		{
			level,
			base: { pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
		},
		openLogStream(destination),
	);
}

/** How long a log line may wait in the buffer before it is written. */
const LOG_FLUSH_MS = 250;

/**
 * The log's stream: lines gathered up to 4 KB, or for 250 ms at most, per write. One write per
 * access line halved the throughput of a cached page at 50 connections (6,229 → 3,090 req/s, the
 * 270,000-room benchmark), each line a syscall and a wake-up of whatever reads the pipe.
 */
function openLogStream(destination: number) {
	const stream = pino.destination({ dest: destination, sync: false, minLength: 4096 });
	setInterval(() => {
		try {
			stream.flush();
		} catch {
			// Closed at shutdown (main.ts flushes it last): nothing left to write.
		}
	}, LOG_FLUSH_MS).unref();
	return stream;
}

/** What the serving layer records about a request while it answers (route, cache result). */
export interface RequestRecord extends ServingFacts {
	id: string;
	/** X-Cache of the answer; undefined when it never went through the page cache. */
	cache?: string;
}

const RECORD = Symbol('livefest.requestRecord');

/** The request's record, made by the observer when it arrived (undefined in unit tests). */
export function findRequestRecord(req: IncomingMessage): RequestRecord | undefined {
	const record: unknown = Reflect.get(req, RECORD);
	return record as RequestRecord | undefined;
}

/** A request id a proxy may hand on (`X-Request-Id`, as nginx's `$request_id`). */
const FORWARDED_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Request ids unique across processes without a random draw per request: a random prefix per
 * process and a counter.
 */
function createIdSource(): () => string {
	const prefix = randomBytes(6).toString('hex');
	let n = 0;
	return () => `${prefix}-${(n++).toString(36)}`;
}

export interface RequestObserver {
	/** Starts a request's record; its line is written and its metrics counted when it closes. */
	begin(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Gives each request an id — a trusted proxy's `X-Request-Id` when it sent a well-formed one,
 * else our own — echoed in the response's `X-Request-Id`, and when the response closes writes
 * its access line and counts it in the metrics.
 */
export function createRequestObserver(options: {
	log: ServerLog;
	metrics: ServerMetrics;
	trustProxy: TrustProxy;
}): RequestObserver {
	const { log, metrics, trustProxy } = options;
	const nextId = createIdSource();
	const logs = log.isLevelEnabled('info');
	return {
		begin(req, res) {
			const forwarded = req.headers['x-request-id'];
			const peer = req.socket.remoteAddress;
			const trusted =
				typeof forwarded === 'string' &&
				FORWARDED_ID.test(forwarded) &&
				peer !== undefined &&
				trustProxy(peer, 0);
			const record: RequestRecord = { id: trusted ? forwarded : nextId() };
			Reflect.set(req, RECORD, record);
			res.setHeader('X-Request-Id', record.id);
			const started = performance.now();
			const socket = req.socket;
			const bytesBefore = socket.bytesWritten;
			res.once('close', () => {
				const seconds = (performance.now() - started) / 1000;
				const route = record.route ?? '(none)';
				const cache = record.cache ?? 'none';
				const bytes = socket.bytesWritten - bytesBefore;
				metrics.observeRequest({ route, cache, status: res.statusCode, seconds, bytes });
				if (!logs) return;
				log.info({
					msg: 'request',
					id: record.id,
					method: req.method,
					route,
					status: res.statusCode,
					ms: Math.round(seconds * 1e5) / 100,
					cache: record.cache ?? null,
					bytes,
					client: anonymizeAddress(readClientAddress(req)),
					...(record.searchEngine ? { engine: record.searchEngine } : {}),
					...(res.writableFinished ? {} : { aborted: true }),
				});
			});
		},
	};
}
