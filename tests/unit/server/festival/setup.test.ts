/**
 * Unit (real SQLite): the festival setup file (festival/setup-file.ts) refuses bad files with
 * every problem's JSON path, and applying one (festival/setup.ts) creates the festival, updates
 * it in place when run again (never a duplicate; names and codes change, ids stay), writes
 * nothing when refused, keeps entries the file no longer names, and keeps search in step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db';
import { applyFestivalFile } from '../../../../src/lib/server/festival/setup';
import {
	parseFestivalFile,
	type FestivalFile,
} from '../../../../src/lib/server/festival/setup-file';
import { createMerchant, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const EXAMPLE = readFileSync(
	path.resolve(import.meta.dirname, '../../../../deploy/festival.example.json'),
	'utf8',
);
const NOW = new Date('2026-05-01T00:00:00Z');
const actor = { userId: null, name: 'test' };

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

/** The example file with `edit` applied to a copy of its JSON. */
function exampleWith(edit: (json: Record<string, unknown>) => void = () => undefined): string {
	const json = JSON.parse(EXAMPLE) as Record<string, unknown>;
	edit(json);
	return JSON.stringify(json);
}

function parsed(source: string): FestivalFile {
	const result = parseFestivalFile(source);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.file;
}

async function apply(source: string) {
	return applyFestivalFile(db, parsed(source), { actor, now: NOW });
}

const rows = (sql: string) => db.$client.prepare(sql).all();

describe('reading a setup file', () => {
	it('accepts the example file', () => {
		expect(parseFestivalFile(EXAMPLE).ok).toBe(true);
	});

	it('names each problem by its JSON path', () => {
		const result = parseFestivalFile(
			exampleWith((j) => {
				const districts = j.districts as { code: string; name: { zh: string } }[];
				districts[3]!.code = 'Tian He';
				districts[4]!.code = districts[0]!.code;
				districts[5]!.name.zh = '\u202e越秀';
				(j.dates as { end: string }).end = '2026-06-05';
				j.timezone = 'Mars/Olympus';
				j.timezon = 'Asia/Shanghai';
				j.venues = [];
			}),
		);
		expect(result.ok ? [] : result.problems).toEqual([
			{ path: 'timezone', message: 'staff.settings.timezoneInvalid' },
			{ path: 'districts[3].code', message: 'setup.code' },
			{ path: 'districts[5].name.zh', message: 'form.bidiControl' },
			{ path: '(file)', message: 'setup.unknownKey?keys=timezon' },
			{ path: 'venues', message: 'setup.venuesLater' },
			{ path: 'dates.end', message: 'staff.settings.endBeforeStart' },
			{ path: 'districts[4].code', message: 'setup.duplicate?first=districts%5B0%5D' },
		]);
	});

	it('says where the JSON is broken and what type was expected', () => {
		const broken = parseFestivalFile('{\n  "slug": "x",\n  oops\n}');
		const wrongType = parseFestivalFile(exampleWith((j) => (j.districts = 'yuexiu')));
		expect([broken, wrongType]).toEqual([
			{ ok: false, problems: [{ path: '(file)', message: 'setup.json?line=3&column=3' }] },
			{ ok: false, problems: [{ path: 'districts', message: 'setup.type?expected=array' }] },
		]);
	});
});

describe('applying a setup file', () => {
	it('creates the festival with its lists and an audit event, unpublished and current', async () => {
		const outcome = await apply(EXAMPLE);
		expect([
			outcome.ok && outcome.report.festival,
			rows('SELECT slug, city, timezone, published, is_current FROM festival'),
			rows('SELECT count(*) AS n FROM district').concat(rows('SELECT count(*) AS n FROM category')),
			rows("SELECT action, actor_name FROM audit_event WHERE action = 'festival.setup'"),
			rows('SELECT report_closes_at FROM festival_results'),
		]).toEqual([
			'created',
			[
				{
					slug: 'gz-live-2026',
					city: 'guangzhou',
					timezone: 'Asia/Shanghai',
					published: 0,
					is_current: 1,
				},
			],
			[{ n: 11 }, { n: 15 }],
			[{ action: 'festival.setup', actor_name: 'test' }],
			[{ report_closes_at: new Date('2026-06-15T10:00:00Z').getTime() }],
		]);
	});

	it('run again changes nothing; edited, it updates in place and keeps every id', async () => {
		await apply(EXAMPLE);
		const before = rows('SELECT id, code FROM district ORDER BY id');
		const again = await apply(EXAMPLE);
		const edited = await apply(
			exampleWith((j) => {
				(j.name as { en: string }).en = 'Guangzhou Live Festival';
				const districts = j.districts as {
					code: string;
					renamedFrom?: string;
					name: { zh: string };
				}[];
				districts[0]!.name.zh = '越秀区';
				districts[1]!.renamedFrom = districts[1]!.code;
				districts[1]!.code = 'haizhu-district';
				districts.pop();
			}),
		);
		expect([
			again.ok && [again.report.festival, again.report.districts],
			edited.ok && [edited.report.festival, edited.report.districts],
			rows('SELECT count(*) AS n FROM festival'),
			rows('SELECT id, code FROM district ORDER BY id')
				.map((r, i) => [r, before[i]])
				.slice(0, 3),
			rows("SELECT count(*) AS n FROM audit_event WHERE action = 'festival.setup'"),
		]).toEqual([
			['unchanged', { created: [], updated: [], unchanged: 11, kept: [] }],
			[
				'updated',
				{ created: [], updated: ['yuexiu', 'haizhu-district'], unchanged: 8, kept: ['zengcheng'] },
			],
			[{ n: 1 }],
			[
				[before[0], before[0]],
				[{ id: (before[1] as { id: number }).id, code: 'haizhu-district' }, before[1]],
				[before[2], before[2]],
			],
			[{ n: 2 }],
		]);
	});

	it('refuses a rename whose old and new codes both exist, writing nothing', async () => {
		await apply(EXAMPLE);
		const outcome = await apply(
			exampleWith((j) => {
				(j.name as { zh: string }).zh = '改了名字';
				const districts = j.districts as { code: string; renamedFrom?: string }[];
				districts[1]!.renamedFrom = 'liwan';
				districts.splice(2, 1);
			}),
		);
		expect([outcome, rows('SELECT name_zh FROM festival')]).toEqual([
			{ ok: false, problems: [{ path: 'districts[1].renamedFrom', message: 'setup.renameClash' }] },
			[{ name_zh: '2026广州直播带货节' }],
		]);
	});

	it("a renamed district's rooms are found by their new name", async () => {
		const created = await apply(exampleWith((j) => (j.published = true)));
		const festivalId = created.ok ? created.report.festivalId : 0;
		const ids = (sql: string) => (db.$client.prepare(sql).pluck().all() as number[])[0]!;
		const districtId = ids("SELECT id FROM district WHERE code = 'liwan'");
		const categoryId = ids('SELECT id FROM category LIMIT 1');
		const m = createMerchant(db, { districtId, categoryId });
		createRoom(db, {
			festivalId,
			merchantId: m.id,
			districtId,
			categoryId,
			startAt: new Date('2026-06-07T12:00:00Z'),
		});
		const outcome = await apply(
			exampleWith((j) => {
				j.published = true;
				(j.districts as { code: string; name: { zh: string } }[])
					.filter((d) => d.code === 'liwan')
					.forEach((d) => (d.name.zh = '荔湾老西关'));
			}),
		);
		const found = rows(
			"SELECT rowid FROM room_fts_han WHERE room_fts_han MATCH 'description:西关'",
		).length;
		expect([outcome.ok && outcome.report.reindexedRooms, found]).toEqual([1, 1]);
	});
});
