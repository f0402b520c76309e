import { formatDuration } from '../../lib/shared/countdown';
import type { Locale } from '../../lib/shared/time';
import { starred } from './starred';

/**
 * Brings the server-rendered star buttons (`button[data-star-room]`, hidden without JavaScript
 * because nothing could be stored) to life, all of a page's at once: one small script instead
 * of an island per card, so a schedule page of 48 cards stays as light and as fast to render as
 * before. Each button shows whether its room is starred (adding a star is counted: `countStar`);
 * a starred room that starts within two hours gets a "starting in N minutes" note beside its
 * star, kept current every 30 seconds.
 */

const SOON_MS = 2 * 60 * 60_000;
const TICK_MS = 30_000;

interface StarButton {
	el: HTMLButtonElement;
	id: number;
	startAt: number;
	soon: HTMLSpanElement | null;
}

/**
 * Tells the portal a star was added, for the festival's results: a beacon naming only the room
 * (`POST /api/rooms/{id}/star`), counted per room and day. The list of stars stays here.
 */
function countStar(id: number): void {
	try {
		navigator.sendBeacon(`/api/rooms/${id}/star`);
	} catch {
		// Counting is best effort; the star is kept either way.
	}
}

export function enhanceStarButtons(root: ParentNode = document): void {
	const locale: Locale = document.documentElement.lang === 'en' ? 'en' : 'zh-cn';
	// The texts travel once per page, on the first star (see StarToggle.astro).
	const texts = root.querySelector<HTMLElement>('[data-star-soon]')?.dataset;
	const soonText = texts?.starSoon ?? '';
	const nowText = texts?.starNow ?? '';
	const buttons: StarButton[] = [];
	for (const el of root.querySelectorAll<HTMLButtonElement>('button[data-star-room]')) {
		if (el.dataset.starReady) continue;
		el.dataset.starReady = '1';
		const id = Number(el.dataset.starRoom);
		let soon: HTMLSpanElement | null = null;
		if (el.closest('.star-box.card')) {
			soon = document.createElement('span');
			soon.className = 'star-soon';
			soon.hidden = true;
			el.before(soon);
		}
		el.addEventListener('click', () => {
			const adding = !starred.has(id);
			starred.toggle(id);
			if (adding) countStar(id);
		});
		el.hidden = false;
		buttons.push({ el, id, startAt: Number(el.dataset.start), soon });
	}
	if (buttons.length === 0) return;

	const render = (): void => {
		const now = Date.now();
		for (const b of buttons) {
			const on = starred.has(b.id);
			b.el.setAttribute('aria-pressed', String(on));
			b.el.classList.toggle('on', on);
			const icon = b.el.querySelector('.star-icon');
			if (icon) icon.textContent = on ? '★' : '☆';
			const text = b.el.querySelector('.star-text');
			if (text) text.textContent = (on ? b.el.dataset.textOn : b.el.dataset.textOff) ?? '';
			if (!b.soon) continue;
			const left = b.startAt - now;
			const showSoon = on && left > 0 && left <= SOON_MS;
			b.soon.hidden = !showSoon;
			b.soon.textContent = !showSoon
				? ''
				: left < 60_000
					? nowText
					: soonText.replace('{time}', formatDuration(left, locale));
		}
	};
	starred.subscribe(render);
	setInterval(() => document.visibilityState === 'visible' && render(), TICK_MS);
	document.addEventListener('visibilitychange', render);
}
