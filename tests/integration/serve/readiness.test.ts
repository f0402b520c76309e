/**
 * Integration (the built server): `/readyz` answers 503 with the reason while the database is
 * read-only or the Meilisearch outbox is stuck, and 200 again once that is over; `/healthz` (the
 * process answers) stays 200 throughout. Root ignores file permissions, so a root test run starts
 * the server as `nobody`, as a deployment runs it as its own user (deploy/livefest.service).
 */
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { startMeilisearchStandIn } from '../../support/fault-net';
import { findFreePort } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { seedSmallWorld, WORLD_NOW } from '../../support/world';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Readiness {
	status: number;
	reasons: string[];
	health: number;
}

async function readiness(server: RunningServer): Promise<Readiness> {
	const ready = await server.get('/readyz');
	const body = (await ready.json()) as { reasons: string[] };
	const health = await server.get('/healthz');
	await health.arrayBuffer();
	return { status: ready.status, reasons: body.reasons, health: health.status };
}

/** Asks until `/readyz` answers `status` (the server reuses a report for a second), at most 20 s. */
async function waitForReadiness(server: RunningServer, status: number): Promise<Readiness> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const seen = await readiness(server);
		if (seen.status === status || Date.now() > deadline) return seen;
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** A seeded database in a folder the server's user owns; the connection closed (no -wal left). */
function createOwnedDatabase(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-ready-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	const file = path.join(dir, 'portal.db');
	const db = openDatabase(file);
	seedSmallWorld(db);
	db.$client.close();
	if (asRoot) {
		chownSync(dir, NOBODY.uid, NOBODY.gid);
		chownSync(file, NOBODY.uid, NOBODY.gid);
	}
	return file;
}

describe('/readyz', () => {
	it('is 503 naming the database while its file is read-only, and 200 once writable again', async () => {
		const file = createOwnedDatabase();
		const server = await startServer({ file, now: WORLD_NOW, user: asRoot ? NOBODY : undefined });
		cleanups.push(() => server.stop());
		const before = await readiness(server);
		chmodSync(file, 0o444);
		const readOnly = await waitForReadiness(server, 503);
		chmodSync(file, 0o644);
		const after = await waitForReadiness(server, 200);
		expect([before, readOnly, after]).toEqual([
			{ status: 200, reasons: [], health: 200 },
			{
				status: 503,
				reasons: ['database: portal.db is read-only for this process (EACCES)'],
				health: 200,
			},
			{ status: 200, reasons: [], health: 200 },
		]);
	}, 60_000);

	it('is 503 naming the outbox while Meilisearch is down, and 200 once it has caught up', async () => {
		const port = await findFreePort();
		const server = await startServer({
			seed: (db) => void seedSmallWorld(db),
			now: WORLD_NOW,
			env: {
				MEILISEARCH_URL: `http://127.0.0.1:${port}`,
				SEARCH_OUTBOX_POLL_MS: '100',
				READY_OUTBOX_LAG_MS: '1000',
			},
		});
		cleanups.push(() => server.stop());
		const stuck = await waitForReadiness(server, 503);
		const meili = await startMeilisearchStandIn(port);
		cleanups.push(() => meili.stop());
		const after = await waitForReadiness(server, 200);
		expect([
			stuck.status,
			stuck.reasons.map((r) => r.replace(/waited \d+ s/, 'waited N s')),
			stuck.health,
			after,
		]).toEqual([
			503,
			['search-outbox: the oldest change has waited N s for Meilisearch (bound 1 s)'],
			200,
			{ status: 200, reasons: [], health: 200 },
		]);
	}, 60_000);
});
