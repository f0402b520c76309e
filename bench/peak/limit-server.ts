/**
 * The "limit" of the peak benchmark: a bare node:http server, in its own process, that answers
 * each URL with exactly the bytes (and Content-Type) the portal sent for it, from memory, with no
 * routing, rendering or compression. Whatever the portal loses against it is the portal's own cost.
 *
 * Usage: `node --import tsx bench/peak/limit-server.ts <pages.json> <port>`, where pages.json is
 * `[{ "path": "/…", "contentType": "…", "bodyBase64": "…" }]`. Prints `listening` when ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface ReplayedPage {
	path: string;
	contentType: string;
	bodyBase64: string;
}

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: limit-server.ts <pages.json> <port>');
const pages = new Map(
	(JSON.parse(readFileSync(file, 'utf8')) as ReplayedPage[]).map((page) => [
		page.path,
		{ contentType: page.contentType, body: Buffer.from(page.bodyBase64, 'base64') },
	]),
);

const server = createServer((req, res) => {
	const page = pages.get(req.url ?? '/');
	if (!page) {
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		res.end('not replayed');
		return;
	}
	res.writeHead(200, { 'Content-Type': page.contentType, 'Content-Length': page.body.length });
	res.end(page.body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
