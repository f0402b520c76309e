import { eq } from 'drizzle-orm';
import { festival } from '../../../../db/schema';
import type { Db } from '../db';
import type { Festival } from '../festival/current';

/**
 * The edition merchants submit to: the current one, published or not (merchants register and
 * submit before the schedule goes public).
 */
export function findCurrentFestival(db: Db): Festival | undefined {
	return db.select().from(festival).where(eq(festival.isCurrent, true)).get();
}
