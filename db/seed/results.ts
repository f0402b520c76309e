import type Database from 'better-sqlite3';

/**
 * The demo festival's results so far, drawn from each room's id (deterministic, no clock): deep-
 * link opens on about 60% of the sessions that started before the middle day's noon, per channel;
 * calendar downloads on a fifth of all sessions and stars on nearly a third; and reports from the
 * merchants of about half the sessions that ended by then (viewers from a few dozen to about sixty thousand, 1–9% of them
 * ordering at ¥19.90–¥300, and one in ten reporting viewers only). The results tallies follow by
 * their triggers. Only rooms after `afterRoomId` are touched, so a grown festival adds its own.
 */
export function seedDemoResults(
	sqlite: Database.Database,
	options: { festivalId: number; until: number; afterRoomId?: number },
): void {
	const params = {
		festival: options.festivalId,
		until: options.until,
		after: options.afterRoomId ?? 0,
	};
	const day = "strftime('%Y-%m-%d', (r.start_at + 28800000) / 1000, 'unixepoch')";
	sqlite
		.prepare(
			`INSERT INTO deeplink_open (room_id, channel, day, count)
			SELECT r.id, ch.channel, ${day}, 1 + (r.id * ch.k) % ch.m
			FROM room r CROSS JOIN (SELECT 'scheme' AS channel, 7 AS k, 60 AS m
				UNION ALL SELECT 'qr', 11, 12 UNION ALL SELECT 'opentag', 13, 25
				UNION ALL SELECT 'urllink', 17, 6) ch
			WHERE r.festival_id = @festival AND r.is_public = 1 AND r.id > @after
				AND r.start_at <= @until AND (r.id * 31 + ch.k) % 10 < 6
			ON CONFLICT DO NOTHING`,
		)
		.run(params);
	sqlite
		.prepare(
			`INSERT INTO calendar_download (room_id, day, count)
			SELECT r.id, ${day}, 1 + (r.id * 7) % 15 FROM room r
			WHERE r.festival_id = @festival AND r.is_public = 1 AND r.id > @after
				AND (r.id * 11) % 100 < 20
			ON CONFLICT DO NOTHING`,
		)
		.run(params);
	sqlite
		.prepare(
			`INSERT INTO room_star (room_id, day, count)
			SELECT r.id, ${day}, 1 + (r.id * 5) % 40 FROM room r
			WHERE r.festival_id = @festival AND r.is_public = 1 AND r.id > @after
				AND (r.id * 13) % 100 < 30
			ON CONFLICT DO NOTHING`,
		)
		.run(params);
	sqlite
		.prepare(
			`INSERT INTO room_result (room_id, festival_id, viewers, orders, sales_fen, reported_at,
				reported_by_user_id, updated_at)
			SELECT id, festival_id, v,
				CASE WHEN id % 10 = 3 THEN NULL ELSE v * (1 + (id * 31) % 9) / 100 END,
				CASE WHEN id % 10 = 3 THEN NULL
					ELSE v * (1 + (id * 31) % 9) / 100 * (1990 + (id * 53) % 28010) END,
				end_at + 3600000 * (1 + id % 20), owner, end_at + 3600000 * (1 + id % 20)
			FROM (SELECT r.id, r.festival_id, r.end_at, m.owner_user_id AS owner,
					80 + ((r.id * 7919) % 997) * (1 + (r.id * 104729) % 61) AS v
				FROM room r JOIN merchant m ON m.id = r.merchant_id
				WHERE r.festival_id = @festival AND r.is_public = 1 AND r.kind = 'merchant'
					AND r.id > @after AND r.start_at <= @until AND r.end_at <= @until
					AND (r.id * 40503) % 100 < 55)
			WHERE true
			ON CONFLICT (room_id) DO UPDATE SET viewers = excluded.viewers, orders = excluded.orders,
				sales_fen = excluded.sales_fen, reported_at = excluded.reported_at,
				reported_by_user_id = excluded.reported_by_user_id, updated_at = excluded.updated_at`,
		)
		.run(params);
}
