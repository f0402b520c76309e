/** The position of `id` in an ascending list of room ids, or where it would go (a binary search). */
export function findSortedIndex(list: Int32Array, id: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid]! < id) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
