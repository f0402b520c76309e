import { describe, expect, it } from 'vitest';
import {
	isValidAppId,
	isValidMiniProgramPath,
	isValidUrlLink,
} from '../../../../src/lib/shared/app-id';
import {
	CREDIT_CODE_ALPHABET,
	computeCreditCodeCheckChar,
	isValidCreditCode,
} from '../../../../src/lib/shared/credit-code';
import { isPlausibleEmail, normalizeEmail } from '../../../../src/lib/shared/email';
import { isValidMainlandMobile, normalizeMobile } from '../../../../src/lib/shared/mobile';
import { createRandom } from './random';

describe('credit code (property-style)', () => {
	const random = createRandom(20260606);
	const bodies = Array.from({ length: 300 }, () => random.string(CREDIT_CODE_ALPHABET, 17));

	it('isValidCreditCode of 300 generated codes with their computed check character is true', () => {
		const rejected = bodies
			.map((body) => body + computeCreditCodeCheckChar(body))
			.filter((code) => !isValidCreditCode(code));
		expect(rejected).toEqual([]);
	});

	it('isValidCreditCode after one random character change of a generated code is false', () => {
		const accepted = bodies.flatMap((body) => {
			const code = body + computeCreditCodeCheckChar(body);
			const at = random.int(0, 17);
			const others = [...CREDIT_CODE_ALPHABET].filter((c) => c !== code[at]);
			const mutated = code.slice(0, at) + random.pick(others) + code.slice(at + 1);
			return isValidCreditCode(mutated) ? [mutated] : [];
		});
		expect(accepted).toEqual([]);
	});

	it('isValidCreditCode after swapping two different adjacent characters is false', () => {
		// The weights differ between neighbours, so a swap changes the sum unless the difference
		// happens to be a multiple of 31 — which the alphabet's 0–30 values never allow.
		const accepted = bodies.flatMap((body) => {
			const code = body + computeCreditCodeCheckChar(body);
			const at = random.int(0, 15);
			if (code[at] === code[at + 1]) return [];
			const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
			return isValidCreditCode(swapped) ? [swapped] : [];
		});
		expect(accepted).toEqual([]);
	});
});

describe('AppID and page path', () => {
	const random = createRandom(17);

	it('isValidAppId of 200 generated wx + 16 lowercase hex ids is true', () => {
		const ids = Array.from({ length: 200 }, () => `wx${random.string('0123456789abcdef', 16)}`);
		expect(ids.filter((id) => !isValidAppId(id))).toEqual([]);
	});

	it('isValidAppId of near misses is false', () => {
		const misses = [
			'wx0123456789abcde',
			'wx0123456789abcdef0',
			'WX0123456789abcdef',
			'wx0123456789ABCDEF',
			'wx0123456789abcdeg',
			'tt0123456789abcdef',
			' wx0123456789abcdef',
			'',
		];
		expect(misses.map(isValidAppId)).toEqual(misses.map(() => false));
	});

	it('isValidMiniProgramPath of generated paths of path characters is true', () => {
		const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./';
		const paths = Array.from(
			{ length: 200 },
			() => `p${random.string(alphabet, random.int(0, 40))}`,
		);
		expect(paths.filter((p) => !isValidMiniProgramPath(p))).toEqual([]);
	});

	it('isValidMiniProgramPath with a leading slash, a query, a fragment or a space is false', () => {
		const bad = [
			'/pages/live/room',
			'pages/live/room?id=1',
			'pages/live#x',
			'pages/live room',
			'',
			'pages/直播',
		];
		expect(bad.map(isValidMiniProgramPath)).toEqual(bad.map(() => false));
	});

	it('isValidUrlLink accepts wxaurl.cn tickets only', () => {
		const cases = [
			'https://wxaurl.cn/aBc123XyZ',
			'http://wxaurl.cn/aBc123XyZ',
			'https://evil.example/aBc123',
			'https://wxaurl.cn.evil.example/abc123',
			'https://wxaurl.cn/abc',
			'https://wxaurl.cn/abc123?x=1',
			'javascript:alert(1)',
		];
		expect(cases.map(isValidUrlLink)).toEqual([true, false, false, false, false, false, false]);
	});
});

describe('mobile number', () => {
	it('normalizeMobile drops spaces, dashes, +86 and full-width digits', () => {
		const inputs = [
			'138 0013 8000',
			'138-0013-8000',
			'+86 13800138000',
			'008613800138000',
			'１３８００１３８０００',
		];
		expect(inputs.map(normalizeMobile)).toEqual(inputs.map(() => '13800138000'));
	});

	it('isValidMainlandMobile of every 13x–19x prefix with generated digits is true', () => {
		const random = createRandom(5);
		const numbers = Array.from(
			{ length: 100 },
			() => `1${random.int(3, 9)}${random.string('0123456789', 9)}`,
		);
		expect(numbers.filter((n) => !isValidMainlandMobile(n))).toEqual([]);
	});

	it('isValidMainlandMobile of landlines, 12x and wrong lengths is false', () => {
		const bad = [
			'02088889999',
			'12800138000',
			'1380013800',
			'138001380001',
			'+8613800138000',
			'abcdefghijk',
		];
		expect(bad.map(isValidMainlandMobile)).toEqual(bad.map(() => false));
	});
});

describe('email', () => {
	it('normalizeEmail trims, folds full-width characters and lower-cases', () => {
		expect(normalizeEmail('  Shop＠Example.COM ')).toBe('shop@example.com');
	});

	it('isPlausibleEmail rejects what is not an address', () => {
		const cases = [
			'shop@example.com',
			'shop@example',
			'shop example@x.com',
			'@example.com',
			'a@b.c',
			'<script>@x.com',
		];
		expect(cases.map(isPlausibleEmail)).toEqual([true, false, false, false, false, false]);
	});
});
