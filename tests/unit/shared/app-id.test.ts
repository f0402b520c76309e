import { describe, expect, it } from 'vitest';
import { isValidAppId, isValidMiniProgramPath } from '../../../src/lib/shared/app-id';

describe('isValidAppId', () => {
	it('isValidAppId of wx and 16 lowercase hex digits is true', () => {
		expect(isValidAppId('wx2b03c6e691cd7370')).toBe(true);
	});

	it('isValidAppId with uppercase hex is false', () => {
		expect(isValidAppId('wx2B03C6E691CD7370')).toBe(false);
	});

	it('isValidAppId with an uppercase prefix is false', () => {
		expect(isValidAppId('WX2b03c6e691cd7370')).toBe(false);
	});

	it('isValidAppId with 15 or 17 hex digits is false', () => {
		expect(isValidAppId('wx2b03c6e691cd737')).toBe(false);
		expect(isValidAppId('wx2b03c6e691cd73700')).toBe(false);
	});

	it('isValidAppId with a non-hex letter is false', () => {
		expect(isValidAppId('wx2b03c6e691cd737g')).toBe(false);
	});

	it('isValidAppId with surrounding whitespace is false', () => {
		expect(isValidAppId(' wx2b03c6e691cd7370')).toBe(false);
		expect(isValidAppId('wx2b03c6e691cd7370\n')).toBe(false);
	});

	it('isValidAppId of an empty string is false', () => {
		expect(isValidAppId('')).toBe(false);
	});
});

describe('isValidMiniProgramPath', () => {
	it('isValidMiniProgramPath of a page path is true', () => {
		expect(isValidMiniProgramPath('pages/live/room')).toBe(true);
	});

	it('isValidMiniProgramPath with dots, dashes and underscores is true', () => {
		expect(isValidMiniProgramPath('sub-pkg/live_room/index.v2')).toBe(true);
	});

	it('isValidMiniProgramPath with a leading slash is false', () => {
		expect(isValidMiniProgramPath('/pages/live/room')).toBe(false);
	});

	it('isValidMiniProgramPath with a query or fragment is false', () => {
		expect(isValidMiniProgramPath('pages/live/room?room_id=1')).toBe(false);
		expect(isValidMiniProgramPath('pages/live/room#top')).toBe(false);
	});

	it('isValidMiniProgramPath with whitespace is false', () => {
		expect(isValidMiniProgramPath('pages/live room')).toBe(false);
		expect(isValidMiniProgramPath('pages/live/room\n')).toBe(false);
		expect(isValidMiniProgramPath('pages/live/room\t')).toBe(false);
	});

	it('isValidMiniProgramPath with other characters is false', () => {
		expect(isValidMiniProgramPath('pages/直播/room')).toBe(false);
		expect(isValidMiniProgramPath('pages/live/room&x=1')).toBe(false);
		expect(isValidMiniProgramPath('pages\\live')).toBe(false);
	});

	it('isValidMiniProgramPath of an empty string is false', () => {
		expect(isValidMiniProgramPath('')).toBe(false);
	});

	it('isValidMiniProgramPath at 1024 characters is true and at 1025 is false', () => {
		expect(isValidMiniProgramPath('a'.repeat(1024))).toBe(true);
		expect(isValidMiniProgramPath('a'.repeat(1025))).toBe(false);
	});
});
