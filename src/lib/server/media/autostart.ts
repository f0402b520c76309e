import { appClock } from '../clock';
import type { Db } from '../db';
import { env } from '../env';
import { REMOTE_IMAGE_MAX_BYTES } from './image-store';
import { processImageBatch, type ImageDeps } from './image-worker';

/** How often the worker looks for pictures to fetch when it found none last time. */
const IDLE_POLL_MS = 2000;

export interface ImageWorker {
	/** No further batch starts; resolves once the one in progress is done. */
	stop(): Promise<void>;
}

/** What the image worker fetches with: the sync's address policy and time limit, a picture's size cap. */
export function getImageDeps(): ImageDeps {
	return {
		dir: env.uploadDir,
		policy: {
			allowHttp: env.sync.allowHttp,
			allowLoopback: env.sync.allowLoopback,
			timeoutMs: env.sync.timeoutMs,
			maxBytes: REMOTE_IMAGE_MAX_BYTES,
		},
	};
}

/**
 * Starts the in-server image worker (src/serve/main.ts owns it, on its own connection, and stops
 * it on SIGTERM): batch after batch while pictures wait (imports and syncs leave WeChat's URLs in
 * `cover_url`), else a look every IDLE_POLL_MS — one read of a partial index. Fetching and
 * re-encoding are asynchronous (sockets, sharp's threads); each batch's writes are short.
 */
export function startImageWorker(db: Db): ImageWorker {
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	const pass = async (): Promise<void> => {
		let settled = 0;
		try {
			settled = (await processImageBatch(db, getImageDeps(), appClock.now())).settled;
		} catch (error) {
			console.error(`livefest: image worker batch failed: ${(error as Error).message}`);
		}
		if (!stopped) {
			timer = setTimeout(() => void (running = pass()), settled > 0 ? 0 : IDLE_POLL_MS);
			timer.unref();
		}
	};
	timer = setTimeout(() => void (running = pass()), 0);
	timer.unref();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		},
	};
}
