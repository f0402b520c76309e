import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isAddressAllowed } from './address-policy';

/**
 * HTTP for URLs that merchants give us (feed URLs, token endpoints) and for WeChat's API.
 *
 * Security argument: the host name is resolved once, every address it resolves to is checked
 * (`address-policy.ts`), and the connection is made to the checked address through the socket's
 * own `lookup` hook, so a DNS answer that changes between check and connect (rebinding) cannot
 * slip through. Redirects are followed by hand, at most three, each target checked the same way.
 * The body is counted while it streams and the request is aborted past the cap, so a hostile
 * server cannot exhaust memory; one timer covers the whole exchange, redirects included.
 */

export type FetchFailure =
	| 'badUrl'
	| 'notHttps'
	| 'blockedAddress'
	| 'timeout'
	| 'tooLarge'
	| 'tooManyRedirects'
	| 'httpStatus'
	| 'network';

export class SafeFetchError extends Error {
	constructor(
		readonly failure: FetchFailure,
		detail: string,
	) {
		super(`${failure}: ${detail}`);
		this.name = 'SafeFetchError';
	}
}

export interface SafeFetchPolicy {
	allowHttp: boolean;
	allowLoopback: boolean;
	timeoutMs: number;
	maxBytes: number;
	/** Operator configuration (WECHAT_API_BASE_URL): skip the address check, not the other limits. */
	trusted?: boolean;
}

export interface SafeFetchRequest {
	method?: 'GET' | 'POST';
	/** A JSON body, sent as application/json. */
	json?: unknown;
}

const MAX_REDIRECTS = 3;

/** A URL with its secrets (query string) removed, for error messages and logs. */
export function describeUrl(url: string | URL): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.host}${u.pathname}`;
	} catch {
		return '(invalid URL)';
	}
}

function checkedLookup(policy: SafeFetchPolicy): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
			if (error) return callback(error, '', 0);
			const refused = addresses.find(
				(a) => !policy.trusted && !isAddressAllowed(a.address, policy),
			);
			if (refused || addresses.length === 0) {
				const e = new SafeFetchError(
					'blockedAddress',
					`${hostname} resolves to ${refused?.address}`,
				);
				return callback(e as NodeJS.ErrnoException, '', 0);
			}
			if ((options as { all?: boolean }).all) {
				return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
			}
			callback(null, addresses[0]!.address, addresses[0]!.family);
		});
	};
}

function checkUrl(raw: string, policy: SafeFetchPolicy): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new SafeFetchError('badUrl', 'not a URL');
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
		throw new SafeFetchError(
			url.protocol === 'http:' ? 'notHttps' : 'badUrl',
			`${url.protocol} is not allowed`,
		);
	}
	if (url.username || url.password) throw new SafeFetchError('badUrl', 'credentials in the URL');
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host) !== 0 && !policy.trusted && !isAddressAllowed(host, policy)) {
		throw new SafeFetchError('blockedAddress', `${describeUrl(url)} is a private address`);
	}
	return url;
}

function once(
	url: URL,
	req: SafeFetchRequest,
	policy: SafeFetchPolicy,
	signal: AbortSignal,
): Promise<{ status: number; location?: string; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const payload = req.json === undefined ? undefined : Buffer.from(JSON.stringify(req.json));
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		const outgoing = send(url, {
			method: req.method ?? (payload ? 'POST' : 'GET'),
			lookup: checkedLookup(policy),
			signal,
			headers: {
				accept: 'application/json',
				'user-agent': 'livefest-sync/1',
				...(payload
					? { 'content-type': 'application/json', 'content-length': String(payload.length) }
					: {}),
			},
		});
		outgoing.on('error', (error) => {
			if (error instanceof SafeFetchError) return reject(error);
			if (signal.aborted) return reject(new SafeFetchError('timeout', describeUrl(url)));
			reject(new SafeFetchError('network', `${describeUrl(url)}: ${(error as Error).message}`));
		});
		outgoing.on('response', (res: IncomingMessage) => {
			const status = res.statusCode ?? 0;
			if (status >= 300 && status < 400 && res.headers.location) {
				res.resume();
				return resolve({ status, location: res.headers.location, body: Buffer.alloc(0) });
			}
			const declared = Number(res.headers['content-length'] ?? 0);
			if (declared > policy.maxBytes) {
				res.destroy();
				return reject(new SafeFetchError('tooLarge', `${declared} bytes declared`));
			}
			const chunks: Buffer[] = [];
			let size = 0;
			res.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > policy.maxBytes) {
					res.destroy();
					outgoing.destroy();
					reject(new SafeFetchError('tooLarge', `more than ${policy.maxBytes} bytes`));
					return;
				}
				chunks.push(chunk);
			});
			let ended = false;
			res.on('end', () => {
				ended = true;
				resolve({ status, body: Buffer.concat(chunks) });
			});
			res.on('close', () => {
				if (!ended)
					reject(new SafeFetchError(signal.aborted ? 'timeout' : 'network', describeUrl(url)));
			});
			res.on('error', () =>
				reject(new SafeFetchError(signal.aborted ? 'timeout' : 'network', describeUrl(url))),
			);
		});
		outgoing.end(payload);
	});
}

/**
 * Fetches `raw` under `policy` and returns the body of a 2xx answer. Throws SafeFetchError naming
 * the failure; messages never contain the query string (where access tokens travel).
 */
export async function safeFetch(
	raw: string,
	policy: SafeFetchPolicy,
	req: SafeFetchRequest = {},
): Promise<Buffer> {
	const signal = AbortSignal.timeout(policy.timeoutMs);
	let url = checkUrl(raw, policy);
	let current = req;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
		const answer = await once(url, current, policy, signal);
		if (answer.location === undefined) {
			if (answer.status < 200 || answer.status >= 300) {
				throw new SafeFetchError('httpStatus', `${describeUrl(url)} answered ${answer.status}`);
			}
			return answer.body;
		}
		url = checkUrl(new URL(answer.location, url).toString(), policy);
		if (answer.status !== 307 && answer.status !== 308) current = { method: 'GET' };
	}
	throw new SafeFetchError('tooManyRedirects', describeUrl(raw));
}
