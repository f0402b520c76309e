import { describe, expect, it } from 'vitest';
import { describeCountdown, formatDuration } from '../../../src/lib/shared/countdown';

const labels = { startsIn: '{time}后开始', left: '还剩 {time}', startingNow: '马上开始' };
const start = Date.UTC(2026, 5, 6, 11, 0);
const end = start + 90 * 60_000;

describe('formatDuration', () => {
	it('rounds up to whole minutes and shows hours when there are some', () => {
		expect([
			formatDuration(1, 'zh-cn'),
			formatDuration(59 * 60_000, 'en'),
			formatDuration(60 * 60_000, 'en'),
			formatDuration(125 * 60_000, 'zh-cn'),
		]).toEqual(['1 分钟', '59 min', '1 h', '2 小时 5 分钟']);
	});
});

describe('describeCountdown', () => {
	it('counts down to the start, says "now" in the last minute, then counts the time left', () => {
		expect([
			describeCountdown(start, end, start - 20 * 60_000, 'zh-cn', labels),
			describeCountdown(start, end, start - 30_000, 'zh-cn', labels),
			describeCountdown(start, end, start + 60 * 60_000, 'zh-cn', labels),
			describeCountdown(start, end, end, 'zh-cn', labels),
		]).toEqual(['20 分钟后开始', '马上开始', '还剩 30 分钟', '']);
	});
});
