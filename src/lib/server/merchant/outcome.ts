import type { FormIssue } from '../../shared/forms/parse-form';

/**
 * How a merchant-area domain function says no. Actions turn each kind into the matching response:
 * field errors next to the fields, a wait message, or a 404/403 — the domain stays free of HTTP.
 */
export type Refusal =
	| { ok: false; kind: 'invalid'; issues: FormIssue[] }
	| { ok: false; kind: 'rateLimited'; retryAfterMs: number }
	| { ok: false; kind: 'notFound' }
	| { ok: false; kind: 'forbidden'; message: string };

export type Outcome<T> = ({ ok: true } & T) | Refusal;

/** A refusal naming one field. */
export function invalid(field: string, message: string): Refusal {
	return { ok: false, kind: 'invalid', issues: [{ field, message }] };
}

/** A refusal naming several fields; `null` when there is nothing to refuse. */
export function invalidAll(issues: FormIssue[]): Refusal | null {
	return issues.length === 0 ? null : { ok: false, kind: 'invalid', issues };
}
