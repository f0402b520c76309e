import { buildSearchSearch, type SearchQuery } from '../../lib/shared/search-url';
import type { SearchApiResponse } from '../../lib/shared/search-types';

type FilterName = 'day' | 'district' | 'category' | 'kind' | 'phase';

const DEBOUNCE_MS = 180;

/**
 * The search page's state in the browser: the query, the last response, and the request in
 * flight. Typing waits for a pause; a new request cancels the one before it, so a slow answer to an
 * old query can never replace the answer to the new one. The URL follows the query, so what is on
 * screen can be shared or reloaded.
 */
export class SearchState {
	query = $state<SearchQuery>({ q: '', page: 1 });
	response = $state<SearchApiResponse | null>(null);
	loading = $state(false);
	failed = $state(false);
	#controller: AbortController | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #apiPath: string;
	readonly #pagePath: string;
	readonly #lang: string;

	constructor(options: {
		query: SearchQuery;
		response: SearchApiResponse | null;
		apiPath: string;
		pagePath: string;
		lang: string;
	}) {
		this.query = options.query;
		this.response = options.response;
		this.#apiPath = options.apiPath;
		this.#pagePath = options.pagePath;
		this.#lang = options.lang;
	}

	/** The text changed: search after a pause in typing. */
	type(q: string): void {
		this.query = { ...this.query, q, page: 1 };
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
	}

	/** A filter changed (or was cleared with undefined): search at once. */
	setFilter(name: FilterName, value: string | undefined): void {
		this.query = { ...this.query, [name]: value || undefined, page: 1 };
		void this.run();
	}

	goToPage(page: number): void {
		this.query = { ...this.query, page };
		void this.run();
	}

	hrefFor(changes: Partial<SearchQuery>): string {
		return this.#pagePath + buildSearchSearch(this.query, changes);
	}

	async run(): Promise<void> {
		clearTimeout(this.#timer);
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const search = buildSearchSearch(this.query);
		history.replaceState(null, '', this.#pagePath + search);
		const hasCriteria = search !== '';
		if (!hasCriteria) {
			this.response = null;
			this.loading = false;
			return;
		}
		this.loading = true;
		try {
			const separator = search ? '&' : '?';
			const res = await fetch(`${this.#apiPath}${search}${separator}lang=${this.#lang}`, {
				signal: controller.signal,
				headers: { Accept: 'application/json' },
			});
			if (!res.ok) throw new Error(`search answered ${res.status}`);
			this.response = (await res.json()) as SearchApiResponse;
			this.failed = false;
		} catch (error) {
			if ((error as Error).name === 'AbortError') return;
			this.failed = true;
		} finally {
			if (this.#controller === controller) this.loading = false;
		}
	}
}
