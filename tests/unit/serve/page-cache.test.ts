import { describe, expect, it } from 'vitest';
import type { EncodedBody } from '../../../src/serve/encoded-body';
import { PageCache, type CachedPage } from '../../../src/serve/page-cache';

const page = (size: number, freshUntil = 1_000): CachedPage => ({
	status: 200,
	headers: [],
	body: { identity: Buffer.alloc(size), etag: '"x"', size } satisfies EncodedBody,
	freshUntil,
});

describe('PageCache', () => {
	it('evicts the least recently used entries to stay within its bytes', () => {
		const cache = new PageCache(300, 300);
		cache.set('a', page(100));
		cache.set('b', page(100));
		cache.set('c', page(100));
		cache.get('a', 0); // a is now the most recently used
		cache.set('d', page(100));
		expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k, 0) !== undefined)).toEqual([
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

	it('drops an entry once it is no longer fresh', () => {
		const cache = new PageCache(1000);
		cache.set('a', page(10, 500));
		expect(cache.get('a', 499)).toBeDefined();
		expect(cache.get('a', 500)).toBeUndefined();
		expect([cache.size, cache.byteSize]).toEqual([0, 0]);
	});

	it('replacing a key counts its bytes once', () => {
		const cache = new PageCache(1000);
		cache.set('a', page(10));
		cache.set('a', page(20));
		expect([cache.size, cache.byteSize]).toEqual([1, 20]);
	});
});
