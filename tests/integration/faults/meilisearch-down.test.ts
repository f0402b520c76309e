// Layer: integration (the built server configured with MEILISEARCH_URL, where first nothing
// listens or a server never answers, then a stand-in Meilisearch starts). Issue 9, fault tests.
// tests/integration/search/fallback.test.ts checks searchWithFallback in-process against a 500,
// a hang and a closed port; this file checks what it does not: the running server, configured
// through its environment, keeps /api/search and /search answering from FTS5, and the outbox
// that piled up meanwhile drains once Meilisearch is back.
import { afterEach, describe, expect, it } from 'vitest';
import { queryDb } from '../merchant/client';
import { startMeilisearchStandIn, startSilentServer } from '../../support/fault-net';
import { sleep } from '../../support/fault-sqlite';
import { FAULT_NOW, seedFaultWorld, type FaultWorld } from '../../support/fault-world';
import { findFreePort } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';

const TIMEOUT_MS = 300;
/** Generous: the fallback waits out the timeout, then FTS5 and rendering take a little. */
const ANSWER_WITHIN_MS = TIMEOUT_MS + 2_000;

let world: FaultWorld;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startWithMeilisearchAt(url: string): Promise<RunningServer> {
	const server = await startServer({
		now: FAULT_NOW,
		seed: (db) => void (world = seedFaultWorld(db)),
		env: {
			MEILISEARCH_URL: url,
			SEARCH_TIMEOUT_MS: String(TIMEOUT_MS),
			SEARCH_OUTBOX_POLL_MS: '100',
		},
	});
	cleanups.push(() => server.stop());
	return server;
}

/** Searches through the JSON API and the page (distinct words: answers are cached a while). */
async function searchBoth(server: RunningServer, apiWord: string, pageWord: string) {
	const timed = async (path: string) => {
		const started = performance.now();
		const response = await server.get(path);
		const body = await response.text();
		return { status: response.status, ms: performance.now() - started, body };
	};
	const api = await timed(`/api/search?q=${encodeURIComponent(apiWord)}`);
	const page = await timed(`/search?q=${encodeURIComponent(pageWord)}`);
	return {
		api: {
			status: api.status,
			engine: (JSON.parse(api.body) as { engine: string }).engine,
			total: (JSON.parse(api.body) as { total: number }).total,
			inTime: api.ms < ANSWER_WITHIN_MS,
		},
		page: {
			status: page.status,
			// The page hands the response to the search island as serialised props.
			engine: /&quot;engine&quot;:\[0,&quot;(\w+)&quot;\]/.exec(page.body)?.[1],
			inTime: page.ms < ANSWER_WITHIN_MS,
		},
	};
}

const FTS5_ANSWERS = {
	api: { status: 200, engine: 'fts5', total: 1, inTime: true },
	page: { status: 200, engine: 'fts5', inTime: true },
};

const outboxRows = (server: RunningServer) =>
	queryDb<{ n: number }>(server.file, 'select count(*) n from search_outbox')[0]!.n;

/** Polls until the outbox is empty (the worker backs off up to a few seconds after failures). */
async function waitForEmptyOutbox(server: RunningServer, withinMs = 20_000): Promise<number> {
	const deadline = Date.now() + withinMs;
	while (outboxRows(server) > 0 && Date.now() < deadline) await sleep(100);
	return outboxRows(server);
}

describe('search while Meilisearch is unreachable or hanging', () => {
	it('nothing listening at MEILISEARCH_URL: both answer from FTS5; the outbox drains once it is up', async () => {
		const port = await findFreePort();
		const server = await startWithMeilisearchAt(`http://127.0.0.1:${port}`);

		expect(await searchBoth(server, '荔枝', '早茶')).toEqual(FTS5_ANSWERS);
		expect(outboxRows(server)).toBeGreaterThan(0);

		const meili = await startMeilisearchStandIn(port);
		cleanups.push(() => meili.stop());
		expect(await waitForEmptyOutbox(server)).toBe(0);
		expect([...new Set(meili.upserted)].sort()).toEqual([...world.publicRoomIds].sort());
	}, 40_000);

	it('MEILISEARCH_URL accepts and never answers: both answer from FTS5 within the timeout; then drains', async () => {
		const silent = await startSilentServer();
		cleanups.push(() => silent.stop());
		const server = await startWithMeilisearchAt(silent.origin);

		expect(await searchBoth(server, '荔枝', '早茶')).toEqual(FTS5_ANSWERS);
		// The searches really went to the silent server and were left waiting there.
		expect(silent.requestLines().filter((l) => l.startsWith('POST /multi-search'))).toHaveLength(2);
		expect(outboxRows(server)).toBeGreaterThan(0);

		// A working Meilisearch replaces the silent one on the same port.
		await silent.stop();
		const meili = await startMeilisearchStandIn(silent.port);
		cleanups.push(() => meili.stop());
		expect(await waitForEmptyOutbox(server)).toBe(0);
		expect([...new Set(meili.upserted)].sort()).toEqual([...world.publicRoomIds].sort());
	}, 40_000);
});
