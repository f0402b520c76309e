/**
 * Integration (Debian's nginx running deploy/nginx/livefest.conf, with its ports, certificate and
 * log moved to a temporary folder, in front of two built portal processes on one database file,
 * TRUSTED_PROXIES=loopback): a write through one process shows on the other's and on nginx's
 * cached pages within the page cache's stated bound; a visitor reaching nginx over TLS and HTTP/2
 * is logged by the portal under their own address (their network), not nginx's, whatever
 * X-Forwarded-For they send; nginx passes the cache headers and logs X-Cache with the upstream
 * timing under the request id the portal logged. Skipped, saying so, only where nginx is not
 * installed: .ci/run installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, constants } from 'node:http2';
import { connect as netConnect } from 'node:net';
import os from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../../src/lib/server/project-root';
import { STALENESS_BOUND_MS } from '../../../src/serve/serving-layer';
import { findFreePort, rawRequest } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { postRoomDecision } from '../staff/session-client';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find(existsSync);
/** The visitor's own address: any 127/8 address is the loopback device, nginx's is 127.0.0.1. */
const VISITOR = '127.0.5.9';
const DAY_PAGE = '/schedule?day=2026-06-07';

let a: RunningServer;
let b: RunningServer;
let w: ConsoleWorld;
let nginx: ChildProcess | undefined;
let dir: string;
let httpsPort: number;
let httpPort: number;

/** deploy/nginx/livefest.conf with every machine-specific value replaced, each checked. */
function localiseSite(site: string): string {
	const edits: [RegExp, string][] = [
		[/server 127\.0\.0\.1:4321;/, `server 127.0.0.1:${new URL(a.origin).port};`],
		[/server 127\.0\.0\.1:4322;/, `server 127.0.0.1:${new URL(b.origin).port};`],
		[/listen 80;/, `listen 127.0.0.1:${httpPort};`],
		[/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`],
		[/\n\s*listen \[::\]:\d+[^;]*;/g, ''],
		[/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/, path.join(dir, 'cert.pem')],
		[/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/, path.join(dir, 'key.pem')],
		[/\/var\/log\/nginx\/livefest\.access\.log/, path.join(dir, 'access.log')],
		[/\/var\/log\/nginx\/livefest\.error\.log/, path.join(dir, 'error.log')],
	];
	let out = site;
	for (const [pattern, replacement] of edits) {
		if (!pattern.test(out)) throw new Error(`deploy/nginx/livefest.conf: no ${pattern}`);
		out = out.replace(pattern, replacement);
	}
	return out;
}

async function startNginx(): Promise<void> {
	dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-nginx-'));
	mkdirSync(path.join(dir, 'tmp'));
	[httpsPort, httpPort] = [await findFreePort(), await findFreePort()];
	const cert = spawnSync('openssl', [
		...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
		...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
	]);
	if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);
	const site = readFileSync(
		path.join(findProjectRoot(), 'deploy', 'nginx', 'livefest.conf'),
		'utf8',
	);
	writeFileSync(path.join(dir, 'site.conf'), localiseSite(site));
	const temp = (name: string) => `${name}_temp_path ${path.join(dir, 'tmp', name)};`;
	writeFileSync(
		path.join(dir, 'nginx.conf'),
		[
			// As root nginx's workers would become `nobody`, who cannot enter this folder.
			process.getuid?.() === 0 ? 'user root;' : '',
			'worker_processes 1;',
			`pid ${path.join(dir, 'nginx.pid')};`,
			`error_log ${path.join(dir, 'main-error.log')} warn;`,
			'events { worker_connections 256; }',
			'http {',
			...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
			`include ${path.join(dir, 'site.conf')};`,
			'}',
		].join('\n'),
	);
	const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'early.log')];
	const check = spawnSync(NGINX!, [...args, '-t'], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
	nginx = spawn(NGINX!, [...args, '-g', 'daemon off;'], { stdio: 'ignore' });
	const deadline = Date.now() + 10_000;
	for (;;) {
		try {
			await rawRequest(`http://127.0.0.1:${httpPort}/`);
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string;
	alpn: string;
}

/** A GET to nginx over TLS and HTTP/2, from the visitor's own address. */
function visit(pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const session = connect(`https://127.0.0.1:${httpsPort}`, {
			createConnection: () =>
				tlsConnect({
					socket: netConnect({ host: '127.0.0.1', port: httpsPort, localAddress: VISITOR }),
					ALPNProtocols: ['h2'],
					rejectUnauthorized: false,
				}),
		});
		session.on('error', reject);
		const req = session.request({ ':path': pathname, 'accept-encoding': 'identity', ...headers });
		let body = '';
		let head: Record<string, string> = {};
		req.setEncoding('utf8');
		req.on('response', (h) => (head = h as Record<string, string>));
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			const alpn = String(session.alpnProtocol);
			session.close();
			resolve({ status: Number(head[constants.HTTP2_HEADER_STATUS]), headers: head, body, alpn });
		});
		req.on('error', reject);
		req.end();
	});
}

/** The JSON lines of a log that name this request id. */
function linesWithId(text: string, id: string): Record<string, unknown>[] {
	return text
		.split('\n')
		.filter((line) => line.startsWith('{') && line.includes(`"id":"${id}"`))
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.skipIf(!NGINX)('nginx (deploy/nginx/livefest.conf) before two portal processes', () => {
	beforeAll(async () => {
		const env = { TRUSTED_PROXIES: 'loopback' };
		a = await startServer({ now: CONSOLE_NOW, seed: (db) => void (w = seedConsoleWorld(db)), env });
		b = await startServer({ now: CONSOLE_NOW, file: a.file, env });
		await startNginx();
	}, 90_000);

	afterAll(async () => {
		nginx?.kill('SIGTERM');
		await b?.stop();
		await a?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('shows a write through one process on the other and through nginx within the bound', async () => {
		const title = w.submitted.title;
		const shows = (body: string) => body.includes(title);
		const before = [await (await b.get(DAY_PAGE)).text(), (await visit(DAY_PAGE)).body];
		const decided = await postRoomDecision(a, w.tokens.staff, w.submitted, 'approve');
		const written = Date.now();
		const seenAt: Record<string, number> = {};
		while (Object.keys(seenAt).length < 2 && Date.now() - written < STALENESS_BOUND_MS + 1_000) {
			if (!seenAt.other && shows(await (await b.get(DAY_PAGE)).text())) seenAt.other = Date.now();
			if (!seenAt.nginx && shows((await visit(DAY_PAGE)).body)) seenAt.nginx = Date.now();
			await new Promise((r) => setTimeout(r, 50));
		}
		expect([
			decided.status,
			before.map(shows),
			Object.keys(seenAt).sort(),
			Object.values(seenAt).every((at) => at - written <= STALENESS_BOUND_MS),
		]).toEqual([303, [false, false], ['nginx', 'other'], true]);
	});

	it('logs the visitor, not nginx, under nginx’s request id, with the cache headers passed on', async () => {
		await visit('/showcase');
		const seen = await visit('/showcase', { 'x-forwarded-for': '6.6.6.6' });
		// Either process may have answered (round robin): what it said, nginx passed and logged.
		const cache = seen.headers['x-cache'];
		const id = seen.headers['x-request-id']!;
		await new Promise((r) => setTimeout(r, 300));
		const portal = linesWithId(a.output() + b.output(), id);
		const proxy = linesWithId(readFileSync(path.join(dir, 'access.log'), 'utf8'), id);
		expect([
			seen.alpn,
			seen.status,
			['HIT', 'MISS'].includes(cache ?? ''),
			/^public, max-age=0, s-maxage=\d+/.test(seen.headers['cache-control'] ?? ''),
			Boolean(seen.headers.etag),
			/^[0-9a-f]{32}$/.test(id),
			portal.map((l) => [l.client, l.route, l.cache]),
			proxy.map((l) => [l.client, l.status, l.x_cache, l.protocol]),
			proxy.every((l) => Number(l.upstream_response_time) >= 0 && l.upstream !== ''),
		]).toEqual([
			'h2',
			200,
			true,
			true,
			true,
			true,
			[['127.0.5.0', '/[...lang]/showcase', cache]],
			[['127.0.5.0', 200, cache, 'HTTP/2.0']],
			true,
		]);
	});

	it('sends plain http to https and keeps /metrics to the machine', async () => {
		const plain = await rawRequest(`http://127.0.0.1:${httpPort}/schedule`);
		const metrics = await visit('/metrics');
		expect([plain.status, plain.headers.location, metrics.status]).toEqual([
			301,
			'https://127.0.0.1/schedule',
			404,
		]);
	});
});

describe.skipIf(NGINX)('nginx', () => {
	it.skip('is not installed here, so its test is skipped (.ci/run installs it for CI)', () => {});
});
