import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../../db/seed';
import { startServer, type RunningServer } from '../../support/server';

/**
 * Integration: the XMLTV feed (venues as channels, rooms as programmes), validated against the
 * XMLTV DTD with libxml2's `xmllint --dtdvalid`, as an EPG importer would read it.
 */
const run = promisify(execFile);
const DTD = path.resolve(import.meta.dirname, '../../fixtures/xmltv/xmltv.dtd');
const NOW = '2026-06-07T12:00:00Z';

let server: RunningServer;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-xmltv-'));
	// Where the documents' DOCTYPE (`SYSTEM "xmltv.dtd"`) looks for it, as a guide's importer keeps it.
	copyFileSync(DTD, path.join(dir, 'xmltv.dtd'));
	server = await startServer({ seed: (db) => void seedDemoFestival(db, {}), now: NOW });
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** xmllint's verdict on a document: exit code and what it printed. */
async function validate(xml: string): Promise<{ code: number; output: string }> {
	const file = path.join(dir, `feed-${Math.random().toString(36).slice(2)}.xml`);
	writeFileSync(file, xml);
	try {
		const { stderr } = await run('xmllint', ['--noout', '--nonet', '--dtdvalid', DTD, file]);
		return { code: 0, output: stderr };
	} catch (error) {
		const failed = error as { code: number; stderr: string };
		return { code: failed.code, output: failed.stderr };
	}
}

const count = (xml: string, tag: string) => xml.split(`<${tag} `).length - 1;

describe('GET /api/v1/xmltv.xml', () => {
	it('lists every venue as a channel, valid against the DTD', async () => {
		const response = await server.get('/api/v1/xmltv.xml');
		const xml = await response.text();
		expect([
			response.status,
			response.headers.get('content-type'),
			count(xml, 'channel'),
			count(xml, 'programme'),
			await validate(xml),
		]).toEqual([200, 'application/xml; charset=utf-8', 32, 0, { code: 0, output: '' }]);
	});

	it("gives a venue's rooms of the day as programmes in the festival's time, valid against the DTD", async () => {
		const response = await server.get('/api/v1/xmltv.xml?venue=liwan&day=2026-06-07');
		const xml = await response.text();
		const starts = [...xml.matchAll(/<programme start="(\d{14}) \+0800"/g)].map((m) => m[1]!);
		expect([
			response.status,
			count(xml, 'channel'),
			starts.length > 0,
			starts.every((s) => s.startsWith('20260607')),
			starts.every((s, i) => i === 0 || starts[i - 1]! <= s),
			xml.includes('<display-name lang="zh">荔湾分会场</display-name>'),
			await validate(xml),
		]).toEqual([200, 1, true, true, true, true, { code: 0, output: '' }]);
	});

	it('refuses an unknown venue or a day outside the festival with 400', async () => {
		const [venue, day] = await Promise.all([
			server.get('/api/v1/xmltv.xml?venue=nowhere'),
			server.get('/api/v1/xmltv.xml?venue=liwan&day=2027-01-01'),
		]);
		expect([venue.status, day.status]).toEqual([400, 400]);
	});
});
