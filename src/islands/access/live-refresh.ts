import type { LivePhase } from '../../lib/shared/status';
import type { PhaseLabels } from './labels';

/**
 * Keeps server-rendered phase badges current: elements with `data-live-room="{id}"` hold a
 * `.badge`; every `intervalMs` the rooms' phases are read from the status endpoint and the badges
 * that changed are rewritten. Nothing is asked while the tab is hidden; on return, if a refresh is
 * due, it happens at once. Returns the function that stops it.
 */
export function startLiveRefresh(options: {
	apiPath: string;
	labels: PhaseLabels;
	intervalMs: number;
}): () => void {
	const byRoom = findBadges();
	if (byRoom.size === 0) return () => {};
	let last = Date.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const schedule = (): void => {
		clearTimeout(timer);
		if (stopped || document.visibilityState === 'hidden') return;
		timer = setTimeout(run, Math.max(0, options.intervalMs - (Date.now() - last)));
	};
	const run = async (): Promise<void> => {
		last = Date.now();
		try {
			await refresh(byRoom, options.apiPath, options.labels);
		} catch {
			// Offline or the server is busy: keep the badges as they are and try again later.
		}
		schedule();
	};

	document.addEventListener('visibilitychange', schedule);
	schedule();
	return () => {
		stopped = true;
		clearTimeout(timer);
		document.removeEventListener('visibilitychange', schedule);
	};
}

function findBadges(): Map<number, HTMLElement[]> {
	const byRoom = new Map<number, HTMLElement[]>();
	for (const el of document.querySelectorAll<HTMLElement>('[data-live-room]')) {
		const id = Number(el.dataset.liveRoom);
		if (Number.isSafeInteger(id) && id > 0) byRoom.set(id, [...(byRoom.get(id) ?? []), el]);
	}
	return byRoom;
}

async function refresh(
	byRoom: Map<number, HTMLElement[]>,
	apiPath: string,
	labels: PhaseLabels,
): Promise<void> {
	// Sorted ids: every visitor of the same list asks for the same URL, so caches can share it.
	const ids = [...byRoom.keys()].sort((a, b) => a - b);
	const res = await fetch(`${apiPath}?ids=${ids.join(',')}`, {
		headers: { Accept: 'application/json' },
	});
	if (!res.ok) return;
	const body = (await res.json()) as { rooms: { id: number; phase: LivePhase }[] };
	for (const { id, phase } of body.rooms) {
		if (!Object.hasOwn(labels, phase)) continue;
		for (const el of byRoom.get(id) ?? []) {
			el.dataset.phase = phase;
			const badge = el.querySelector<HTMLElement>('.badge');
			if (badge && badge.textContent !== labels[phase]) {
				badge.className = `badge ${phase}`;
				badge.textContent = labels[phase];
			}
		}
	}
}
