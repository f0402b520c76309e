// Layer: integration (the built server). Issue 14: one client address, decided by the serving
// layer (src/serve/client-address.ts), used by every limit and audit entry.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { FormClient, queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';

let server: RunningServer | undefined;
let world: ConsoleWorld;
afterEach(() => server?.stop());

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
	server = await startServer({
		now: CONSOLE_NOW,
		env,
		seed: (db) => {
			world = seedConsoleWorld(db);
		},
	});
	return server;
}

/** Six wrong passwords for one account, each sent with another `X-Forwarded-For`. */
async function guessWithFreshHeaders(s: RunningServer): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < 6; i += 1) {
		const response = await new FormClient(s).post(
			'/merchant/login',
			'auth.login',
			{ email: 'shop@example.com', password: `guess-${i}` },
			{ headers: { 'x-forwarded-for': `10.9.${i}.7` } },
		);
		await response.arrayBuffer();
		statuses.push(response.status);
	}
	return statuses;
}

/** A staff decision sent with `X-Forwarded-For: 203.0.113.5`; returns the audit entry's address. */
async function decideWithHeader(s: RunningServer): Promise<string | null> {
	const response = await clientWith(s, world.tokens.staff).post(
		`/staff/review/room/${world.submitted.id}`,
		'staff.decideRoom',
		{
			roomId: String(world.submitted.id),
			decision: 'approve',
			seenStatus: 'submitted',
			seenAt: String(world.submitted.updatedAt.getTime()),
		},
		{ headers: { 'x-forwarded-for': '203.0.113.5' } },
	);
	await response.arrayBuffer();
	return queryDb<{ client_address: string | null }>(
		s.file,
		"select client_address from audit_event where action = 'room.approve'",
	)[0]!.client_address;
}

describe('the client address', () => {
	it('without TRUSTED_PROXIES a spoofed X-Forwarded-For is ignored: limits and audit see the peer', async () => {
		const s = await start();
		const statuses = await guessWithFreshHeaders(s);
		const address = await decideWithHeader(s);
		expect([statuses, address]).toEqual([[400, 400, 400, 400, 400, 429], '127.0.0.1']);
	});

	it('from a trusted proxy, X-Forwarded-For names the client for limits and audit alike', async () => {
		const s = await start({ TRUSTED_PROXIES: '127.0.0.1/32' });
		const statuses = await guessWithFreshHeaders(s);
		const address = await decideWithHeader(s);
		const owner = await new FormClient(s).post(
			'/merchant/login',
			'auth.login',
			{ email: 'shop@example.com', password: TEST_PASSWORD },
			{ headers: { 'x-forwarded-for': '10.9.5.7' } },
		);
		await owner.arrayBuffer();
		// Each guess came from another client: no pair reached its limit, not even the sixth.
		expect([statuses, address, owner.status]).toEqual([
			[400, 400, 400, 400, 400, 400],
			'203.0.113.5',
			303,
		]);
	});
});
