/**
 * Writes db/migrations/0051_venue_membership.sql from src/lib/server/venue/membership-sql.ts, the
 * one declaration of venue membership (run after changing that module; a unit test fails while the
 * two differ). `npx tsx scripts/write-venue-migration.ts`
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../src/lib/server/db';
import { buildMembershipMigration } from '../src/lib/server/venue/membership-sql';

writeFileSync(path.join(MIGRATIONS_DIR, '0051_venue_membership.sql'), buildMembershipMigration());
