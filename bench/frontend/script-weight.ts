/**
 * Client JavaScript per page, gzipped here with zlib level 9: the server answers with brotli, and
 * the budget (issue 8) is stated in gzip so it compares with the usual figures.
 */
import { gzipSync } from 'node:zlib';
import type { Artifacts } from 'lighthouse';

export interface ScriptEntry {
	/** The script's URL, or `inline #n` for a script in the page's HTML. */
	source: string;
	rawBytes: number;
	gzipBytes: number;
}

export interface ScriptWeight {
	totalGzipBytes: number;
	totalRawBytes: number;
	scripts: ScriptEntry[];
}

function measure(source: string, body: string): ScriptEntry {
	const raw = Buffer.from(body, 'utf8');
	return { source, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
}

/**
 * Every script the page loaded: each external URL once (modules and their imports, preloads that
 * were fetched but never ran included) and each inline script. Bodies come from what Chromium
 * parsed; a script that was fetched but not parsed is fetched again.
 */
export async function measureScripts(
	parsed: Artifacts['Scripts'],
	requestedUrls: readonly string[],
): Promise<ScriptWeight> {
	const requested = new Set(requestedUrls);
	const external = new Map<string, string | undefined>();
	const entries: ScriptEntry[] = [];
	let inline = 0;
	for (const script of parsed) {
		if (requested.has(script.url)) {
			external.set(script.url, external.get(script.url) ?? script.content);
		} else if (script.content !== undefined) {
			// Parsed but never requested: a <script> in the HTML (its url is the document's).
			entries.push(measure(`inline #${++inline}`, script.content));
		}
	}
	for (const url of requested) {
		let body = external.get(url);
		if (body === undefined) body = await (await fetch(url)).text();
		entries.push(measure(url, body));
	}
	return {
		totalGzipBytes: entries.reduce((sum, entry) => sum + entry.gzipBytes, 0),
		totalRawBytes: entries.reduce((sum, entry) => sum + entry.rawBytes, 0),
		scripts: entries,
	};
}
