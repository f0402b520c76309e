import type { APIRoute } from 'astro';
import { createTranslator, resolveLocale } from '../../../../i18n';
import { recordAuditEvent } from '../../../../lib/server/audit/record';
import { getDb } from '../../../../lib/server/db';
import { env } from '../../../../lib/server/env';
import { notFoundResponse } from '../../../../lib/server/http';
import { findCurrentFestival } from '../../../../lib/server/merchant/current-festival';
import {
	createExportStream,
	openSnapshotConnection,
} from '../../../../lib/server/staff/export-stream';
import {
	EXPORT_KINDS,
	EXPORT_READERS,
	type ExportKind,
} from '../../../../lib/server/staff/exports';
import {
	canExport,
	confinedDistrict,
	mustEnrolSecondFactor,
} from '../../../../lib/server/staff/policy';
import { getDayKey } from '../../../../lib/shared/time';

/**
 * `/staff/export/{merchants|rooms|decisions}.csv`: a download for spreadsheet programs (see
 * staff/csv.ts). It holds merchants' contact details, so it checks the export policy itself —
 * signed out 403, any other account 404 — and every download is written to the audit log before
 * the first byte is sent. The file is streamed page by page from a snapshot of the database
 * (staff/export-stream.ts), so a 50 MB export never holds the event loop or the file in memory.
 */
export const GET: APIRoute = ({ params, locals }) => {
	const locale = resolveLocale(params.lang);
	const kind = /^(\w+)\.csv$/.exec(params.file ?? '')?.[1] as ExportKind | undefined;
	if (!locale || !kind || !EXPORT_KINDS.includes(kind)) return notFoundResponse();
	if (!locals.user || !locals.session) return new Response(null, { status: 403 });
	if (!canExport(locals.user)) return notFoundResponse();
	// An admin without an authenticator may open nothing in the console but enrolment.
	if (mustEnrolSecondFactor(locals.user)) return new Response(null, { status: 403 });
	const db = getDb();
	const festival = findCurrentFestival(db);
	if (!festival) return notFoundResponse();
	// District staff download their district's rows only.
	const districtId = confinedDistrict(locals.user, 'export');
	recordAuditEvent(db, {
		actor: { userId: locals.user.id, name: locals.user.email },
		action: `export.${kind}`,
		entityType: 'export',
		entityId: null,
		after: { festivalId: festival.id, districtId: districtId ?? null },
		at: locals.now,
	});
	const t = createTranslator(locale);
	const body = createExportStream(
		() => openSnapshotConnection(env.databasePath),
		(snapshot) => EXPORT_READERS[kind](snapshot, festival, t, districtId),
	);
	const name = `livefest-${kind}-${getDayKey(locals.now, festival.timezone)}.csv`;
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	});
};
