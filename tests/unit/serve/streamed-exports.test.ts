/**
 * Unit (real HTTP server, stand-in handler): the console's CSV exports pass through the serving
 * layer as Astro writes them — the first chunk reaches the client while the export is still
 * being written — instead of being recorded, hashed and compressed whole at the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type RunningHttpServer } from '../../../src/serve/http-server';
import { PageCache } from '../../../src/serve/page-cache';
import { createServingLayer, type AstroHandler } from '../../../src/serve/serving-layer';

let running: RunningHttpServer | undefined;
afterEach(async () => {
	await running?.shutdown(100);
	running = undefined;
});

/** A handler that writes one chunk, then waits for `finish()` before writing the rest. */
async function startWithSlowHandler(): Promise<{ origin: string; finish: () => void }> {
	let finish = () => {};
	const rest = new Promise<void>((resolve) => (finish = resolve));
	const handler: AstroHandler = async (_req, res) => {
		res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
		res.write('id,title\r\n');
		await rest;
		res.write('1,荔枝\r\n');
		res.end();
	};
	const layer = createServingLayer({ handler, statics: new Map(), cache: new PageCache(1 << 20) });
	running = await listen(layer, { host: '127.0.0.1', port: 0 });
	const address = running.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { origin: `http://127.0.0.1:${port}`, finish };
}

/** The first chunk of a response, or 'nothing yet' when none arrives within `ms`. */
async function firstChunk(response: Response, ms: number): Promise<string> {
	const reader = response.body!.getReader();
	const timeout = new Promise<'nothing yet'>((r) => setTimeout(() => r('nothing yet'), ms));
	const read = reader.read().then((c) => new TextDecoder().decode(c.value));
	const first = await Promise.race([read, timeout]);
	reader.releaseLock();
	return first;
}

describe('serving layer and the console exports', () => {
	it('streams /staff/export/* (and its English and encoded forms) as it is written', async () => {
		for (const path of [
			'/staff/export/rooms.csv',
			'/en/staff/export/rooms.csv',
			'/%73taff/export/rooms.csv',
		]) {
			const { origin, finish } = await startWithSlowHandler();
			const response = await fetch(origin + path);
			const first = await firstChunk(response, 2000);
			finish();
			expect([path, first]).toEqual([path, 'id,title\r\n']);
			await running!.shutdown(100);
			running = undefined;
		}
	});

	it('still records other pages whole: nothing arrives before the end', async () => {
		const { origin, finish } = await startWithSlowHandler();
		const response = fetch(origin + '/staff/review');
		const early = await Promise.race([
			response.then(() => 'headers'),
			new Promise((r) => setTimeout(() => r('nothing yet'), 300)),
		]);
		finish();
		expect(early).toBe('nothing yet');
		expect(await (await response).text()).toBe('id,title\r\n1,荔枝\r\n');
	});
});
