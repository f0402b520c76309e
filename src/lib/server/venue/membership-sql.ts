/**
 * Which rooms are in a venue, declared once, as SQL: db/migrations/0051_venue_membership.sql is
 * this module's `buildMembershipMigration()` written out (tests/unit/server/venue/membership.test.ts
 * keeps the two equal and compares the triggers' result with `matchesVenueRule` in
 * src/lib/shared/venue-rule.ts over generated rooms). A room is in a venue when it is public and
 * either picked for it, or matched by its rule and not excluded. A rule matches when it names
 * something and every dimension it names matches: the room's district among `rule_districts`, its
 * category among `rule_categories`, one of its tags among `rule_tags`.
 */

/** The rule alone, for venue `v` and room `r` (table aliases or NEW/OLD). */
export function venueRuleSql(v: string, r: string): string {
	return [
		`(json_array_length(${v}.rule_districts) + json_array_length(${v}.rule_categories) + json_array_length(${v}.rule_tags) > 0)`,
		`AND (json_array_length(${v}.rule_districts) = 0 OR ${r}.district_id IN (SELECT value FROM json_each(${v}.rule_districts)))`,
		`AND (json_array_length(${v}.rule_categories) = 0 OR ${r}.category_id IN (SELECT value FROM json_each(${v}.rule_categories)))`,
		`AND (json_array_length(${v}.rule_tags) = 0 OR EXISTS (SELECT 1 FROM json_each(${v}.rule_tags) a, json_each(${r}.tags) b WHERE a.value = b.value))`,
	].join('\n\t\t');
}

/** Membership of public room `r` in venue `v`: picked, or by rule and not excluded. */
export function venueMemberSql(v: string, r: string): string {
	const pick = (mode: string) =>
		`EXISTS (SELECT 1 FROM venue_pick p WHERE p.room_id = ${r}.id AND p.venue_id = ${v}.id AND p.mode = '${mode}')`;
	return `(${pick('include')}\n\t\tOR (${venueRuleSql(v, r)}\n\t\tAND NOT ${pick('exclude')}))`;
}

const COLUMNS = 'room_id, venue_id, start_at, end_at, live_status_at, watchable, kind';

function copyOf(r: string, v: string): string {
	return `${r}.id, ${v}.id, ${r}.start_at, ${r}.end_at, ${r}.live_status_at, ${r}.watchable, ${r}.kind`;
}

/**
 * Fills venue NEW from the festival's public rooms: the rule's candidates only (a range of the
 * district or category index), each arm checking what its range does not already say. A new venue
 * has no picks yet (`withPicks` false), so its rooms need no pick look-ups.
 */
function fillVenue(verb: string, withPicks: boolean): string {
	const into = `${verb} INTO room_venue (${COLUMNS})\n\tSELECT ${copyOf('r', 'NEW')} FROM room r`;
	const base = `r.festival_id = NEW.festival_id AND r.is_public = 1`;
	const n = (column: string) => `json_array_length(NEW.${column})`;
	const inList = (column: string, list: string) =>
		`r.${column} IN (SELECT value FROM json_each(NEW.${list}))`;
	const categories = `(${n('rule_categories')} = 0 OR ${inList('category_id', 'rule_categories')})`;
	const tags = `EXISTS (SELECT 1 FROM json_each(NEW.rule_tags) a, json_each(r.tags) b WHERE a.value = b.value)`;
	const anyTags = `(${n('rule_tags')} = 0 OR ${tags})`;
	const notExcluded = withPicks
		? `\n\t\tAND NOT EXISTS (SELECT 1 FROM venue_pick p WHERE p.room_id = r.id AND p.venue_id = NEW.id AND p.mode = 'exclude')`
		: '';
	const arms = [
		// Each arm's guard holds for the venue alone, so SQLite tests it once and reads one range.
		`${into}\n\tWHERE ${n('rule_districts')} > 0 AND ${base}\n\t\tAND ${inList('district_id', 'rule_districts')}\n\t\tAND ${categories} AND ${anyTags}${notExcluded};`,
		`${into}\n\tWHERE ${n('rule_districts')} = 0 AND ${n('rule_categories')} > 0 AND ${base}\n\t\tAND ${inList('category_id', 'rule_categories')} AND ${anyTags}${notExcluded};`,
		`${into}\n\tWHERE ${n('rule_districts')} = 0 AND ${n('rule_categories')} = 0 AND ${n('rule_tags')} > 0\n\t\tAND ${base} AND ${tags}${notExcluded};`,
	];
	if (withPicks) {
		arms.push(
			`${verb} INTO room_venue (${COLUMNS})\n\tSELECT ${copyOf('r', 'NEW')} FROM venue_pick p JOIN room r ON r.id = p.room_id\n\tWHERE p.venue_id = NEW.id AND p.mode = 'include' AND ${base};`,
		);
	}
	return arms.join('\n\t');
}

/** Re-evaluates one (room, venue) pair after a pick changed. */
function refreshPair(ref: 'NEW' | 'OLD'): string {
	return [
		`DELETE FROM room_venue WHERE room_id = ${ref}.room_id AND venue_id = ${ref}.venue_id;`,
		`INSERT INTO room_venue (${COLUMNS})\n\tSELECT ${copyOf('r', 'v')} FROM room r, venue v\n\tWHERE r.id = ${ref}.room_id AND v.id = ${ref}.venue_id AND r.is_public = 1\n\t\tAND r.festival_id = v.festival_id AND ${venueMemberSql('v', 'r')};`,
	].join('\n\t');
}

const NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

/** Bumps change scopes for the page caches, as db/migrations/0010 does. */
function bumpScopes(scopes: string[]): string {
	const arms = scopes.map((s, i) => `SELECT ${s} AS scope, ${i + 1} AS n`).join(' UNION ALL ');
	return `INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n, ${NOW_MS}
		FROM (${arms}) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;`;
}

/** A room's membership columns changed (or it became public or stopped being so). */
const ROOM_MEMBER_CHANGED = ['is_public', 'festival_id', 'district_id', 'category_id', 'tags']
	.map((c) => `OLD.${c} IS NOT NEW.${c}`)
	.join(' OR ');

const ROOM_COPY_CHANGED = ['start_at', 'end_at', 'live_status_at', 'watchable', 'kind']
	.map((c) => `OLD.${c} IS NOT NEW.${c}`)
	.join(' OR ');

const VENUE_RULE_CHANGED = ['festival_id', 'rule_districts', 'rule_categories', 'rule_tags']
	.map((c) => `OLD.${c} IS NOT NEW.${c}`)
	.join(' OR ');

function tallyAdd(ref: string): string {
	return [
		`INSERT INTO venue_tally (venue_id, slot, kind, starts, ends)\n\t\tVALUES (${ref}.venue_id, ${ref}.start_at / 900000, ${ref}.kind, 1, 0)\n\t\tON CONFLICT DO UPDATE SET starts = starts + 1;`,
		`INSERT INTO venue_tally (venue_id, slot, kind, starts, ends)\n\t\tVALUES (${ref}.venue_id, ${ref}.end_at / 900000, ${ref}.kind, 0, 1)\n\t\tON CONFLICT DO UPDATE SET ends = ends + 1;`,
	].join('\n\t');
}

function tallyRemove(ref: string): string {
	return [
		`UPDATE venue_tally SET starts = starts - 1\n\t\tWHERE venue_id = ${ref}.venue_id AND slot = ${ref}.start_at / 900000 AND kind = ${ref}.kind;`,
		`UPDATE venue_tally SET ends = ends - 1\n\t\tWHERE venue_id = ${ref}.venue_id AND slot = ${ref}.end_at / 900000 AND kind = ${ref}.kind;`,
	].join('\n\t');
}

const HEADER = `-- Venue membership (issue 17), generated by src/lib/server/venue/membership-sql.ts: edit that
-- module and write it out again (tests/unit/server/venue/membership.test.ts compares the two).
-- room_venue holds every (public room, venue) pair, kept here in the writer's transaction for every
-- writer: a room's insert or change of district, category, tags or visibility re-evaluates its
-- venues (a few, read by festival); a venue's rule change re-reads the rule's candidates only (a
-- district's or a category's range of the public-room indexes); a pick re-evaluates one pair.
-- venue_tally follows room_venue row by row. Venue and pick changes bump the page caches' scopes
-- 'venues' (the venue lists) and 'venue:<id>'; room changes already bump 'lists' (0010).`;

/** The migration's statements, in order (joined by drizzle's statement breakpoints). */
export function buildMembershipMigration(): string {
	const statements = [
		`CREATE TRIGGER room_venue_room_ai AFTER INSERT ON room WHEN NEW.is_public = 1 BEGIN
	INSERT INTO room_venue (${COLUMNS})
	SELECT ${copyOf('NEW', 'v')} FROM venue v
	WHERE v.festival_id = NEW.festival_id AND ${venueMemberSql('v', 'NEW')};
END;`,
		`CREATE TRIGGER room_venue_room_member_au AFTER UPDATE OF is_public, festival_id, district_id, category_id, tags
ON room WHEN (OLD.is_public = 1 OR NEW.is_public = 1) AND (${ROOM_MEMBER_CHANGED}) BEGIN
	DELETE FROM room_venue WHERE room_id = OLD.id;
	INSERT INTO room_venue (${COLUMNS})
	SELECT ${copyOf('NEW', 'v')} FROM venue v
	WHERE NEW.is_public = 1 AND v.festival_id = NEW.festival_id AND ${venueMemberSql('v', 'NEW')};
END;`,
		`CREATE TRIGGER room_venue_room_copy_au AFTER UPDATE OF start_at, end_at, live_status_at, watchable, kind
ON room WHEN NEW.is_public = 1 AND (${ROOM_COPY_CHANGED}) BEGIN
	UPDATE room_venue SET start_at = NEW.start_at, end_at = NEW.end_at,
		live_status_at = NEW.live_status_at, watchable = NEW.watchable, kind = NEW.kind
	WHERE room_id = NEW.id;
END;`,
		`CREATE TRIGGER room_venue_room_ad AFTER DELETE ON room BEGIN
	DELETE FROM room_venue WHERE room_id = OLD.id;
	DELETE FROM venue_pick WHERE room_id = OLD.id;
END;`,
		`CREATE TRIGGER venue_members_ai AFTER INSERT ON venue BEGIN
	${fillVenue('INSERT OR IGNORE', false)}
END;`,
		`CREATE TRIGGER venue_members_au AFTER UPDATE OF festival_id, rule_districts, rule_categories, rule_tags
ON venue WHEN ${VENUE_RULE_CHANGED} BEGIN
	DELETE FROM room_venue WHERE venue_id = NEW.id AND NOT EXISTS (SELECT 1 FROM room r
		WHERE r.id = room_venue.room_id AND r.festival_id = NEW.festival_id AND r.is_public = 1
		AND ${venueMemberSql('NEW', 'r')});
	${fillVenue('INSERT OR IGNORE', true)}
END;`,
		`CREATE TRIGGER venue_members_ad AFTER DELETE ON venue BEGIN
	DELETE FROM room_venue WHERE venue_id = OLD.id;
END;`,
		`CREATE TRIGGER venue_pick_ai AFTER INSERT ON venue_pick BEGIN
	${refreshPair('NEW')}
END;`,
		`CREATE TRIGGER venue_pick_au AFTER UPDATE ON venue_pick BEGIN
	${refreshPair('OLD')}
	${refreshPair('NEW')}
END;`,
		`CREATE TRIGGER venue_pick_ad AFTER DELETE ON venue_pick BEGIN
	${refreshPair('OLD')}
END;`,
		`CREATE TRIGGER room_venue_tally_ai AFTER INSERT ON room_venue BEGIN
	${tallyAdd('NEW')}
END;`,
		`CREATE TRIGGER room_venue_tally_au AFTER UPDATE OF start_at, end_at, kind ON room_venue BEGIN
	${tallyRemove('OLD')}
	${tallyAdd('NEW')}
END;`,
		`CREATE TRIGGER room_venue_tally_ad AFTER DELETE ON room_venue BEGIN
	${tallyRemove('OLD')}
END;`,
		`CREATE TRIGGER venue_change_ai AFTER INSERT ON venue BEGIN
	${bumpScopes(["'venues'", "'venue:' || NEW.id"])}
END;`,
		`CREATE TRIGGER venue_change_au AFTER UPDATE ON venue BEGIN
	${bumpScopes(["'venues'", "'venue:' || NEW.id"])}
END;`,
		`CREATE TRIGGER venue_change_ad AFTER DELETE ON venue BEGIN
	${bumpScopes(["'venues'", "'venue:' || OLD.id"])}
END;`,
		`CREATE TRIGGER venue_pick_change_ai AFTER INSERT ON venue_pick BEGIN
	${bumpScopes(["'venues'", "'venue:' || NEW.venue_id"])}
END;`,
		`CREATE TRIGGER venue_pick_change_au AFTER UPDATE ON venue_pick BEGIN
	${bumpScopes(["'venues'", "'venue:' || OLD.venue_id", "'venue:' || NEW.venue_id"])}
END;`,
		`CREATE TRIGGER venue_pick_change_ad AFTER DELETE ON venue_pick BEGIN
	${bumpScopes(["'venues'", "'venue:' || OLD.venue_id"])}
END;`,
	];
	return `${HEADER}\n${statements.join('\n--> statement-breakpoint\n')}\n`;
}
