import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../support/server';
import { seedSmallWorld, WORLD_NOW } from '../../support/world';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ seed: seedSmallWorld, now: WORLD_NOW });
});
afterAll(() => server?.stop());

const long = 'x'.repeat(5000);

describe('hostile and malformed requests never reach a 500', () => {
	const cases: [string, number][] = [
		['/schedule?page=99999999999999999999', 200],
		['/schedule?page=1.5', 200],
		['/schedule?day[]=1&day=2026-06-07', 200],
		['/schedule?district=tianhe&district=yuexiu', 200],
		[`/?x=${long}`, 200],
		[`/schedule?day=${long}&kind=${long}&phase=${long}`, 200],
		['/schedule?day=%E0%A4%A', 400],
		['/%E0%A4%A', 400],
		['/rooms/%00', 404],
		['/rooms/1.5', 404],
		['/rooms/0', 404],
		['/merchants/0', 404],
		['/merchants/abc', 404],
		['/en/en/schedule', 404],
		['/EN/schedule', 404],
		['/nowhere', 404],
	];
	it('answers each with the expected status', async () => {
		const statuses = await Promise.all(cases.map(async ([p]) => (await server.get(p)).status));
		expect(statuses).toEqual(cases.map(([, status]) => status));
	});
});
