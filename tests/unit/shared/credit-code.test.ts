import { describe, expect, it } from 'vitest';
import {
	CREDIT_CODE_ALPHABET,
	computeCreditCodeCheckChar,
	isValidCreditCode,
} from '../../../src/lib/shared/credit-code';

// The standard's own worked example; its check character is 3 (Σ value·weight = 1640, 1640 mod 31
// = 28, 31 − 28 = 3), computed by hand, independently of the module.
const VALID = '91350100M000100Y43';

describe('computeCreditCodeCheckChar', () => {
	it('computeCreditCodeCheckChar of the standard example is 3', () => {
		expect(computeCreditCodeCheckChar('91350100M000100Y4')).toBe('3');
	});

	it('computeCreditCodeCheckChar of seventeen zeros is 0', () => {
		expect(computeCreditCodeCheckChar('00000000000000000')).toBe('0');
	});

	it('computeCreditCodeCheckChar maps a remainder of 1 to Y', () => {
		// '1' at position 1 has weight 1: sum 1, check value 30, the alphabet's last character.
		expect(computeCreditCodeCheckChar('10000000000000000')).toBe('Y');
	});

	it('computeCreditCodeCheckChar with a wrong length throws', () => {
		expect(() => computeCreditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
		expect(() => computeCreditCodeCheckChar('91350100M000100Y43')).toThrow(RangeError);
	});

	it('computeCreditCodeCheckChar with a character outside the alphabet throws', () => {
		expect(() => computeCreditCodeCheckChar('91350100I000100Y4')).toThrow(RangeError);
	});
});

describe('isValidCreditCode', () => {
	it('isValidCreditCode of the standard example is true', () => {
		expect(isValidCreditCode(VALID)).toBe(true);
	});

	it('isValidCreditCode of a code with a letter check character is true', () => {
		expect(isValidCreditCode('91110000600037341L')).toBe(true);
	});

	it('isValidCreditCode of every single-character change of a valid code is false', () => {
		const accepted: string[] = [];
		for (let i = 0; i < VALID.length; i += 1) {
			for (const ch of CREDIT_CODE_ALPHABET) {
				if (ch === VALID[i]) continue;
				const mutated = VALID.slice(0, i) + ch + VALID.slice(i + 1);
				if (isValidCreditCode(mutated)) accepted.push(mutated);
			}
		}
		expect(accepted).toEqual([]);
	});

	it('isValidCreditCode with I, O, Z, S or V in place of a character is false', () => {
		const results = ['I', 'O', 'Z', 'S', 'V'].map((ch) =>
			isValidCreditCode(`${VALID.slice(0, 8)}${ch}${VALID.slice(9)}`),
		);
		expect(results).toEqual([false, false, false, false, false]);
	});

	it('isValidCreditCode with I, O, Z, S or V as the check character is false', () => {
		const results = ['I', 'O', 'Z', 'S', 'V'].map((ch) =>
			isValidCreditCode(VALID.slice(0, 17) + ch),
		);
		expect(results).toEqual([false, false, false, false, false]);
	});

	it('isValidCreditCode with the wrong length is false', () => {
		expect(isValidCreditCode('')).toBe(false);
		expect(isValidCreditCode(VALID.slice(0, 17))).toBe(false);
		expect(isValidCreditCode(`${VALID}0`)).toBe(false);
	});

	it('isValidCreditCode in lowercase is false', () => {
		expect(isValidCreditCode('91110000600037341l')).toBe(false);
	});

	it('isValidCreditCode with surrounding whitespace is false', () => {
		expect(isValidCreditCode(` ${VALID}`)).toBe(false);
		expect(isValidCreditCode(`${VALID}\n`)).toBe(false);
	});

	it('isValidCreditCode of every computed code is true', () => {
		const bodies = ['91440101MA59ABCDE', '12440000455859000', 'Y1234567890ABCDEF'];
		const results = bodies.map((body) =>
			isValidCreditCode(body + computeCreditCodeCheckChar(body)),
		);
		expect(results).toEqual([true, true, true]);
	});
});
