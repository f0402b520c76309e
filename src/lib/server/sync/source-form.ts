import type { FormIssue } from '../../shared/forms/parse-form';
import { findTextProblem, TEXT_PROBLEM_MESSAGES } from '../../shared/text-hygiene';
import type { SourceInput } from './source-settings';

/**
 * The merchant's room-source form: one kind and its field. URLs must be https (http only where
 * SYNC_ALLOW_HTTP allows it); addresses are checked again, after DNS, at every fetch. The form's
 * rules are the message ids the page shows next to the field.
 */
export type SourceFormParse = { ok: true; input: SourceInput } | { ok: false; issues: FormIssue[] };

export function parseSourceForm(form: FormData, options: { allowHttp: boolean }): SourceFormParse {
	const read = (name: string): string => String(form.get(name) ?? '').trim();
	const kind = read('kind');
	const url = (field: string): string | FormIssue => {
		const raw = read(field);
		if (raw === '') return { field, message: 'form.required' };
		if (raw.length > 2000) return { field, message: 'form.tooLong' };
		// The URL parser would quietly drop tabs and line breaks: refuse them, like any field.
		const problem = findTextProblem(raw);
		if (problem) return { field, message: TEXT_PROBLEM_MESSAGES[problem] };
		let parsed: URL;
		try {
			parsed = new URL(raw);
		} catch {
			return { field, message: 'sync.error.badUrl' };
		}
		const httpOk = parsed.protocol === 'http:' && options.allowHttp;
		if (parsed.protocol !== 'https:' && !httpOk) return { field, message: 'sync.error.notHttps' };
		if (parsed.username || parsed.password) return { field, message: 'sync.error.badUrl' };
		return parsed.toString();
	};
	const done = (value: string | FormIssue, make: (v: string) => SourceInput): SourceFormParse =>
		typeof value === 'string' ? { ok: true, input: make(value) } : { ok: false, issues: [value] };
	if (kind === 'feed') return done(url('feedUrl'), (feedUrl) => ({ kind: 'feed', feedUrl }));
	if (kind === 'credentials') {
		const secret = read('appSecret');
		if (secret !== '') {
			if (!/^[A-Za-z0-9]{16,128}$/.test(secret)) {
				return { ok: false, issues: [{ field: 'appSecret', message: 'form.invalid' }] };
			}
			return { ok: true, input: { kind: 'credentials', appSecret: secret } };
		}
		return done(url('tokenUrl'), (tokenUrl) => ({ kind: 'credentials', tokenUrl }));
	}
	return { ok: false, issues: [{ field: 'kind', message: 'form.required' }] };
}
