import {
	MY_FESTIVAL_STORAGE_KEY,
	normalizeRoomIds,
	parseRoomList,
} from '../../lib/shared/my-festival';

type Listener = (ids: number[]) => void;

/**
 * The rooms this browser starred, kept in localStorage as the same `12-40-731` text the URLs use.
 * One instance per page, shared by the star buttons (star-toggle.ts) and the My festival island,
 * which reads it as a Svelte store (`$starred`). Other tabs' changes arrive through the `storage`
 * event. The list never leaves the browser: no account, no server state (a star added through a
 * button is counted, without the list, by star-toggle.ts).
 */
class StarredRooms {
	#ids: number[] = [];
	#loaded = false;
	readonly #listeners = new Set<Listener>();

	get ids(): number[] {
		this.#load();
		return this.#ids;
	}

	has(id: number): boolean {
		return this.ids.includes(id);
	}

	toggle(id: number): void {
		this.set(this.has(id) ? this.ids.filter((x) => x !== id) : [...this.ids, id]);
	}

	add(ids: number[]): void {
		this.set([...this.ids, ...ids]);
	}

	set(ids: number[]): void {
		this.#ids = normalizeRoomIds(ids);
		try {
			localStorage.setItem(MY_FESTIVAL_STORAGE_KEY, this.#ids.join('-'));
		} catch {
			// Private mode or storage full: the stars still work until the page is left.
		}
		this.#notify();
	}

	/** The Svelte store contract: called now and on every change; returns the unsubscriber. */
	subscribe(listener: Listener): () => void {
		this.#load();
		this.#listeners.add(listener);
		listener(this.#ids);
		return () => this.#listeners.delete(listener);
	}

	#notify(): void {
		for (const listener of this.#listeners) listener(this.#ids);
	}

	#load(): void {
		if (this.#loaded || typeof window === 'undefined') return;
		this.#loaded = true;
		this.#ids = read();
		window.addEventListener('storage', (event) => {
			if (event.key !== MY_FESTIVAL_STORAGE_KEY) return;
			this.#ids = read();
			this.#notify();
		});
	}
}

function read(): number[] {
	try {
		return parseRoomList(localStorage.getItem(MY_FESTIVAL_STORAGE_KEY));
	} catch {
		return [];
	}
}

export const starred = new StarredRooms();
