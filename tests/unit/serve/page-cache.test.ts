import { describe, expect, it } from 'vitest';
import type { EncodedBody } from '../../../src/serve/encoded-body';
import { PageCache, type CachedPage } from '../../../src/serve/page-cache';

const page = (size: number, deps?: string[], seq = 0): CachedPage => ({
	status: 200,
	headers: [],
	body: { identity: Buffer.alloc(size), etag: '"x"', size } satisfies EncodedBody,
	freshUntil: 1_000,
	staleSince: Number.POSITIVE_INFINITY,
	deps,
	seq,
	renderedAt: 0,
});

const staleSince = (cache: PageCache, keys: string[]) => keys.map((k) => cache.get(k)?.staleSince);

describe('PageCache', () => {
	it('evicts the least recently used entries to stay within its bytes', () => {
		const cache = new PageCache(300, 300);
		cache.set('a', page(100));
		cache.set('b', page(100));
		cache.set('c', page(100));
		cache.get('a'); // a is now the most recently used
		cache.set('d', page(100));
		expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k) !== undefined)).toEqual([
			true,
			false,
			true,
			true,
		]);
		expect(cache.byteSize).toBe(300);
	});

	it('refuses an entry larger than its per-entry limit', () => {
		const cache = new PageCache(1000, 100);
		expect(cache.set('big', page(101))).toBe(false);
		expect([cache.size, cache.byteSize]).toEqual([0, 0]);
	});

	it('replacing a key counts its bytes once', () => {
		const cache = new PageCache(1000);
		cache.set('a', page(10));
		cache.set('a', page(20));
		expect([cache.size, cache.byteSize]).toEqual([1, 20]);
	});
});

describe('PageCache and changes', () => {
	it('a change marks stale, from when it was written, only the pages showing its scope and those that named none', () => {
		const cache = new PageCache(1000);
		cache.set('room-1', page(10, ['festival', 'room:1']));
		cache.set('room-2', page(10, ['festival', 'room:2']));
		cache.set('api', page(10));
		const touched = cache.applyChange({ scope: 'room:1', seq: 1, changedAt: 500 });
		expect([touched, ...staleSince(cache, ['room-1', 'room-2', 'api'])]).toEqual([
			2,
			500,
			Number.POSITIVE_INFINITY,
			500,
		]);
	});

	it('a page keeps the time of the first change it misses, and ignores those it was rendered after', () => {
		const cache = new PageCache(1000);
		cache.set('old', page(10, ['lists'], 0));
		cache.set('new', page(10, ['lists'], 5));
		cache.applyChange({ scope: 'lists', seq: 3, changedAt: 300 });
		cache.applyChange({ scope: 'lists', seq: 7, changedAt: 700 });
		expect(staleSince(cache, ['old', 'new'])).toEqual([300, 700]);
	});

	it('a change to everything touches every page; an evicted page is no longer indexed', () => {
		const cache = new PageCache(20, 20);
		cache.set('a', page(10, ['room:1']));
		cache.set('b', page(10, ['room:2']));
		cache.set('c', page(10, ['room:1'])); // evicts a
		expect([
			cache.applyChange({ scope: 'room:1', seq: 1, changedAt: 1 }),
			cache.applyChange({ scope: '*', seq: 2, changedAt: 2 }),
		]).toEqual([1, 2]);
	});
});
