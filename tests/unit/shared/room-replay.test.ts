import { describe, expect, it } from 'vitest';
import { describeReplay, isSafeReplayUrl } from '../../../src/lib/shared/room-replay';

const now = new Date('2026-06-07T12:00:00Z');
const replay = (url: string | null, expires: string | null) => ({
	replayUrl: url,
	replayExpiresAt: expires === null ? null : new Date(expires),
});

describe('describeReplay', () => {
	it('describeReplay of an ended room offers the replay until it expires, then says it expired', () => {
		expect([
			describeReplay(replay('https://media.example/r.mp4', '2026-06-10T00:00:00Z'), true, now),
			describeReplay(replay('https://media.example/r.mp4', null), true, now),
			describeReplay(replay('https://media.example/r.mp4', '2026-06-07T12:00:00Z'), true, now),
		]).toEqual([
			{
				kind: 'available',
				url: 'https://media.example/r.mp4',
				expiresAt: new Date('2026-06-10T00:00:00Z'),
			},
			{ kind: 'available', url: 'https://media.example/r.mp4', expiresAt: null },
			{ kind: 'expired', expiredAt: new Date('2026-06-07T12:00:00Z') },
		]);
	});

	it('describeReplay says nothing before the room ended or without a replay', () => {
		expect([
			describeReplay(replay('https://media.example/r.mp4', null), false, now),
			describeReplay(replay(null, null), true, now),
		]).toEqual([{ kind: 'none' }, { kind: 'none' }]);
	});

	it('describeReplay never links an address that is not plain https', () => {
		const urls = [
			'javascript:alert(1)',
			'http://media.example/r.mp4',
			'data:text/html,x',
			'https://u:p@media.example/r',
			'not a url',
		];
		expect(urls.map((u) => describeReplay(replay(u, null), true, now))).toEqual(
			urls.map(() => ({ kind: 'none' })),
		);
		expect(isSafeReplayUrl('https://media.example/r.mp4')).toBe(true);
	});
});
