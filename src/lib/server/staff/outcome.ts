import type { Refusal } from '../merchant/outcome';

/**
 * How a console domain function says no: the merchant area's refusals, plus `conflict` — the item
 * changed since the reviewer saw it (someone else decided first, or the merchant edited it).
 */
export type StaffRefusal = Refusal | { ok: false; kind: 'conflict'; message: string };

export type StaffOutcome<T> = ({ ok: true } & T) | StaffRefusal;
