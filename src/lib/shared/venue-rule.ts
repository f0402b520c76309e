/**
 * A venue's rule as data, and what it means for one room in memory. The same meaning is written
 * as SQL in src/lib/server/venue/membership-sql.ts (the triggers that keep `room_venue`); a unit
 * test compares the two over generated rooms.
 */
export interface VenueRule {
	districtIds: readonly number[];
	categoryIds: readonly number[];
	tags: readonly string[];
}

export interface RuleRoom {
	districtId: number;
	categoryId: number;
	tags: readonly string[];
}

/** Whether the rule names anything: one that names nothing matches no room (picks only). */
export function isRuleEmpty(rule: VenueRule): boolean {
	return rule.districtIds.length + rule.categoryIds.length + rule.tags.length === 0;
}

/** Every dimension the rule names must match; within a dimension, any listed value does. */
export function matchesVenueRule(rule: VenueRule, room: RuleRoom): boolean {
	if (isRuleEmpty(rule)) return false;
	if (rule.districtIds.length > 0 && !rule.districtIds.includes(room.districtId)) return false;
	if (rule.categoryIds.length > 0 && !rule.categoryIds.includes(room.categoryId)) return false;
	if (rule.tags.length > 0 && !room.tags.some((tag) => rule.tags.includes(tag))) return false;
	return true;
}

/** Membership: picked in, or matched by the rule and not excluded. */
export function isVenueMember(
	rule: VenueRule,
	room: RuleRoom,
	pick: 'include' | 'exclude' | undefined,
): boolean {
	if (pick === 'include') return true;
	return pick !== 'exclude' && matchesVenueRule(rule, room);
}
