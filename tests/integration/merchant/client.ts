import Database from 'better-sqlite3';
import type { RunningServer } from '../../support/server';

export type FormFields = Record<string, string | string[] | Blob | { blob: Blob; name: string }>;

/**
 * A cookie-keeping HTTP client for the merchant area, posting forms as a browser without
 * JavaScript does: to `<page>?_action=<name>` with a same-origin `Origin` header (Astro's
 * checkOrigin refuses cross-site form posts).
 */
export class FormClient {
	readonly cookies = new Map<string, string>();
	lastSetCookie: string[] = [];

	constructor(private readonly server: RunningServer) {}

	private cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private remember(response: Response): void {
		this.lastSetCookie = response.headers.getSetCookie();
		for (const line of this.lastSetCookie) {
			const [pair] = line.split(';');
			const at = pair!.indexOf('=');
			const name = pair!.slice(0, at);
			const value = pair!.slice(at + 1);
			if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	async get(path: string): Promise<Response> {
		const response = await this.server.get(path, { headers: { cookie: this.cookieHeader() } });
		this.remember(response);
		return response;
	}

	/** Posts `fields` to `page` for the action `name`; multipart when a field is a file. */
	async post(
		page: string,
		name: string,
		fields: FormFields,
		options: {
			origin?: string;
			query?: Record<string, string>;
			/** More request headers (an `X-Forwarded-For` through a trusted proxy …). */
			headers?: Record<string, string>;
		} = {},
	): Promise<Response> {
		const hasFile = Object.values(fields).some((v) => typeof v === 'object' && !Array.isArray(v));
		let body: FormData | URLSearchParams;
		if (hasFile) {
			const form = new FormData();
			for (const [k, v] of Object.entries(fields)) {
				if (Array.isArray(v)) v.forEach((x) => form.append(k, x));
				else if (typeof v === 'string') form.append(k, v);
				else if (v instanceof Blob) form.append(k, v, 'file.bin');
				else form.append(k, v.blob, v.name);
			}
			body = form;
		} else {
			body = new URLSearchParams();
			for (const [k, v] of Object.entries(fields)) {
				for (const x of Array.isArray(v) ? v : [v as string]) body.append(k, x);
			}
		}
		const query = new URLSearchParams({ ...options.query, _action: name });
		const response = await this.server.get(`${page}?${query}`, {
			method: 'POST',
			body,
			headers: {
				...options.headers,
				cookie: this.cookieHeader(),
				origin: options.origin ?? this.server.origin,
			},
		});
		this.remember(response);
		return response;
	}
}

/** The text of every field error on a page, by the field's id. */
export function readFieldErrors(html: string): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const m of html.matchAll(/<p class="error" id="([^"]+)-error"[^>]*>([^<]*)<\/p>/g)) {
		errors[m[1]!.replace(/^f-/, '')] = decodeEntities(m[2]!.trim());
	}
	return errors;
}

/** Runs one read-only query against the running server's database file. */
export function queryDb<T = Record<string, unknown>>(
	file: string,
	sql: string,
	...params: unknown[]
): T[] {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

function decodeEntities(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}
