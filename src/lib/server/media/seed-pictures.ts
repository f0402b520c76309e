import type { ImageKind } from '../../shared/image';
import { computeImageKey } from './image-key';

/**
 * The demo festival's pictures, drawn here as SVG (no downloads, no fonts): a bounded set per
 * category — COVER_VARIANTS covers and PRODUCT_VARIANTS product pictures — that rooms and products
 * share by key, so a festival of 270,000 rooms stores 150 pictures, not 270,000. Each is the same
 * on every machine, and its key is the key of its SVG (image-store.ts), so the seed can name it
 * before any file exists; the pipeline renders it on first use (seed-images.ts).
 */

export const COVER_VARIANTS = 6;
export const PRODUCT_VARIANTS = 4;

type Motif = 'bag' | 'gift' | 'bowl' | 'gem' | 'phone' | 'car' | 'leaf' | 'tag' | 'sofa' | 'plane';

/** Two colours and a motif per category; any other category falls back on its code's hash. */
const STYLES: Record<string, { from: string; to: string; motif: Motif }> = {
	'time-honoured': { from: '#8c1c13', to: '#e9a23b', motif: 'gift' },
	'fresh-produce': { from: '#1b7a3d', to: '#c6e377', motif: 'leaf' },
	'rural-produce': { from: '#7a5a1b', to: '#f2d06b', motif: 'leaf' },
	'food-dining': { from: '#c0392b', to: '#f7b267', motif: 'bowl' },
	fashion: { from: '#6a1b9a', to: '#f48fb1', motif: 'bag' },
	beauty: { from: '#ad1457', to: '#ffcdd2', motif: 'gem' },
	jewellery: { from: '#1a237e', to: '#ffd54f', motif: 'gem' },
	appliances: { from: '#004d61', to: '#80deea', motif: 'phone' },
	digital: { from: '#0d47a1', to: '#64b5f6', motif: 'phone' },
	home: { from: '#4e342e', to: '#d7ccc8', motif: 'sofa' },
	baby: { from: '#00838f', to: '#fff59d', motif: 'gift' },
	cars: { from: '#263238', to: '#ef5350', motif: 'car' },
	'cross-border': { from: '#01579b', to: '#ffab40', motif: 'plane' },
	travel: { from: '#006064', to: '#ffe082', motif: 'plane' },
	'wholesale-markets': { from: '#bf360c', to: '#ffcc80', motif: 'tag' },
};
const FALLBACK_MOTIFS: Motif[] = ['bag', 'gift', 'tag', 'gem'];

/** A motif drawn in a 100×100 box, in white with a light outline. */
const MOTIFS: Record<Motif, string> = {
	bag: '<path d="M22 34h56l-6 52H28z"/><path d="M38 34v-8a12 12 0 0 1 24 0v8" fill="none" stroke="#fff" stroke-width="6"/>',
	gift: '<rect x="20" y="40" width="60" height="44" rx="4"/><rect x="16" y="30" width="68" height="14" rx="3"/><rect x="46" y="30" width="8" height="54" fill-opacity=".45"/>',
	bowl: '<path d="M14 50h72a36 30 0 0 1-72 0z"/><path d="M36 40c-4-8 4-12 0-20M50 40c-4-8 4-12 0-20M64 40c-4-8 4-12 0-20" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
	gem: '<path d="M30 22h40l16 20-36 42-36-42z"/><path d="M14 42h72M38 22l12 62 12-62" fill="none" stroke-opacity=".5" stroke="#000" stroke-width="2"/>',
	phone:
		'<rect x="30" y="12" width="40" height="76" rx="8"/><rect x="35" y="20" width="30" height="56" rx="3" fill-opacity=".45" fill="#000"/>',
	car: '<path d="M12 62v-12l14-4 12-14h26l14 14 10 4v12z"/><circle cx="30" cy="66" r="9"/><circle cx="72" cy="66" r="9"/>',
	leaf: '<path d="M20 80C20 40 50 18 84 16c0 36-22 66-64 64z"/><path d="M24 76 70 30" stroke="#000" stroke-opacity=".3" stroke-width="3"/>',
	tag: '<path d="M14 50 44 20h42v42L56 92z"/><circle cx="72" cy="34" r="6" fill="#000" fill-opacity=".35"/>',
	sofa: '<rect x="14" y="44" width="72" height="26" rx="6"/><rect x="22" y="30" width="56" height="20" rx="6"/><rect x="18" y="70" width="6" height="10"/><rect x="76" y="70" width="6" height="10"/>',
	plane:
		'<path d="M50 10c5 0 7 6 7 12v18l30 16v9l-30-8v16l9 7v7l-16-5-16 5v-7l9-7V57l-30 8v-9l30-16V22c0-6 2-12 7-12z"/>',
};

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

function styleOf(category: string): { from: string; to: string; motif: Motif } {
	const known = STYLES[category];
	if (known) return known;
	const h = hash(category);
	return {
		from: `hsl(${h % 360} 60% 32%)`,
		to: `hsl(${(h >> 9) % 360} 80% 70%)`,
		motif: FALLBACK_MOTIFS[h % FALLBACK_MOTIFS.length]!,
	};
}

/** A small deterministic sequence for one picture's confetti. */
function sequence(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function drawPicture(category: string, kind: ImageKind, variant: number): string {
	const { from, to, motif } = styleOf(category);
	const [w, h] = kind === 'cover' ? [640, 480] : [192, 192];
	const next = sequence(hash(`${category}/${kind}/${variant}`));
	const angle = Math.round(next() * 360);
	const confetti = Array.from({ length: kind === 'cover' ? 28 : 8 }, () => {
		const x = Math.round(next() * w);
		const y = Math.round(next() * h);
		const r = Math.round(3 + next() * (kind === 'cover' ? 9 : 4));
		const o = (0.25 + next() * 0.5).toFixed(2);
		return next() < 0.5
			? `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" fill-opacity="${o}"/>`
			: `<rect x="${x}" y="${y}" width="${r * 2}" height="${r}" transform="rotate(${Math.round(next() * 180)} ${x} ${y})" fill="#fff" fill-opacity="${o}"/>`;
	}).join('');
	const size = kind === 'cover' ? 220 : 120;
	const mx = Math.round((w - size) / 2 + (next() - 0.5) * (kind === 'cover' ? 160 : 20));
	const my = Math.round((h - size) / 2 + (next() - 0.5) * (kind === 'cover' ? 60 : 10));
	const ring = Math.round(size * (0.75 + next() * 0.2));
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
		`<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)">` +
		`<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>` +
		`<radialGradient id="s"><stop offset="0" stop-color="#fff" stop-opacity=".55"/>` +
		`<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
		`<rect width="${w}" height="${h}" fill="url(#g)"/>` +
		`<circle cx="${mx + size / 2}" cy="${my + size / 2}" r="${ring}" fill="url(#s)"/>` +
		confetti +
		`<g transform="translate(${mx} ${my}) scale(${size / 100})" fill="#fff" fill-opacity=".92">` +
		`${MOTIFS[motif]}</g></svg>`
	);
}

export interface SeedPicture {
	kind: ImageKind;
	svg: Uint8Array;
	key: string;
}

const byCategory = new Map<string, { cover: SeedPicture[]; product: SeedPicture[] }>();

function picturesOf(category: string): { cover: SeedPicture[]; product: SeedPicture[] } {
	let set = byCategory.get(category);
	if (!set) {
		const make = (kind: ImageKind, count: number) =>
			Array.from({ length: count }, (_, v) => {
				const svg = new TextEncoder().encode(drawPicture(category, kind, v));
				return { kind, svg, key: computeImageKey(svg, kind) };
			});
		set = { cover: make('cover', COVER_VARIANTS), product: make('product', PRODUCT_VARIANTS) };
		byCategory.set(category, set);
	}
	return set;
}

/** The cover key for the `n`th room of a category (any integer: rooms spread over the variants). */
export function pickSeedCover(category: string, n: number): string {
	const covers = picturesOf(category).cover;
	return covers[Math.abs(n) % covers.length]!.key;
}

/** The picture key for a product of a category, by its name (the same product, the same picture). */
export function pickSeedProductImage(category: string, productName: string): string {
	const pictures = picturesOf(category).product;
	return pictures[hash(productName) % pictures.length]!.key;
}

/** Every demo picture of the given categories (to render them all ahead, `npm run db:seed`). */
export function listSeedPictures(categories: readonly string[]): SeedPicture[] {
	return categories.flatMap((c) => [...picturesOf(c).cover, ...picturesOf(c).product]);
}

/** The demo picture with this key, among the demo's categories and any drawn so far. */
export function findSeedPicture(key: string): SeedPicture | undefined {
	for (const c of Object.keys(STYLES)) picturesOf(c);
	for (const set of byCategory.values()) {
		const found = [...set.cover, ...set.product].find((p) => p.key === key);
		if (found) return found;
	}
	return undefined;
}
