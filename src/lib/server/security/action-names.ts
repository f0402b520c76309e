/**
 * Which action a POST names, checked before Astro looks it up. Astro resolves `?_action=` and
 * `/_actions/<name>` by walking the actions object with `in`, so `__proto__`, `constructor` or
 * `auth.login.call` reach Object's and Function's own members: a 500 with a stack trace at best,
 * and `Function` itself called with the form at worst. Only names of actions defined in
 * src/actions/ pass; anything else is answered here.
 */

/** `noun.verb`, letters and digits only: the shape of every action name in src/actions/. */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}\.[A-Za-z][A-Za-z0-9]{0,63}$/;

export type ActionNameCheck = 'none' | 'known' | 'unknown' | 'malformed';

/**
 * Every action name in the object `src/actions/index.ts` exports (`auth.login` …): own keys
 * only, down to the handlers (functions), so nothing inherited can ever be listed.
 */
export function listActionNames(server: object, prefix = ''): Set<string> {
	const names = new Set<string>();
	for (const key of Object.keys(server)) {
		const value: unknown = (server as Record<string, unknown>)[key];
		const name = prefix ? `${prefix}.${key}` : key;
		if (typeof value === 'function') names.add(name);
		else if (typeof value === 'object' && value !== null) {
			for (const inner of listActionNames(value, name)) names.add(inner);
		}
	}
	return names;
}

function decodeName(raw: string): string | undefined {
	try {
		return decodeURIComponent(raw);
	} catch {
		return undefined;
	}
}

/**
 * What a request asks of the actions: `none` (not an action call), `known`, `unknown` (a
 * well-formed name no action has: 404) or `malformed` (anything else, a repeated `_action`
 * included: 400). Astro runs actions for POST only, so other methods are always `none`.
 */
export function checkActionName(
	method: string,
	url: URL,
	known: ReadonlySet<string>,
): ActionNameCheck {
	if (method !== 'POST') return 'none';
	const rpc = /^\/_actions\/(.*)$/.exec(url.pathname);
	const asked = url.searchParams.getAll('_action');
	if (!rpc && asked.length === 0) return 'none';
	if (asked.length > 1 || (rpc && asked.length > 0)) return 'malformed';
	const name = rpc ? decodeName(rpc[1]!.replace(/\/$/, '')) : asked[0]!;
	if (name === undefined || !ACTION_NAME.test(name)) return 'malformed';
	return known.has(name) ? 'known' : 'unknown';
}
