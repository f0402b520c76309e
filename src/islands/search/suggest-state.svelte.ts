import type { SearchSuggestion, SuggestApiResponse } from '../../lib/shared/search-types';

const DEBOUNCE_MS = 120;

/**
 * The search box's completions in the browser: fetched after a short pause in typing, a newer
 * request cancelling the one before (an old answer never replaces a newer one), and the option the
 * arrow keys have reached. The list closes when a completion is chosen, on Escape, or when the
 * text is cleared.
 */
export class SuggestState {
	items = $state<SearchSuggestion[]>([]);
	open = $state(false);
	/** The option the arrow keys reached, or -1 while the text field has it. */
	active = $state(-1);
	#controller: AbortController | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #apiPath: string;

	constructor(apiPath: string) {
		this.#apiPath = apiPath;
	}

	/** The text changed: ask for completions after a pause in typing. */
	update(q: string): void {
		clearTimeout(this.#timer);
		this.#controller?.abort();
		if (q.trim() === '') {
			this.close();
			return;
		}
		this.#timer = setTimeout(() => void this.#fetch(q), DEBOUNCE_MS);
	}

	/** Moves the active option by `step`, wrapping through "none" (the text field). */
	move(step: 1 | -1): void {
		if (!this.open || this.items.length === 0) return;
		const count = this.items.length + 1;
		this.active = ((this.active + 1 + step + count) % count) - 1;
	}

	close(): void {
		clearTimeout(this.#timer);
		this.#controller?.abort();
		this.open = false;
		this.active = -1;
	}

	async #fetch(q: string): Promise<void> {
		const controller = new AbortController();
		this.#controller = controller;
		try {
			const res = await fetch(`${this.#apiPath}?q=${encodeURIComponent(q)}`, {
				signal: controller.signal,
				headers: { Accept: 'application/json' },
			});
			if (!res.ok) throw new Error(`suggest answered ${res.status}`);
			const body = (await res.json()) as SuggestApiResponse;
			this.items = body.suggestions;
			this.active = -1;
			this.open = body.suggestions.length > 0;
		} catch (error) {
			// Completions are a help, not the search: a failure only hides them.
			if ((error as Error).name !== 'AbortError') this.open = false;
		}
	}
}
