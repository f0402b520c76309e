/**
 * Passwords of 10+ characters that appear near the top of every published leak list, lower case.
 * A short list by design: it stops the guesses an attacker tries first, and the length rule and the
 * rate limits do the rest. Variants are caught by `isCommonPassword` (case, trailing digits or
 * punctuation, keyboard runs).
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
	'1234567890',
	'12345678910',
	'123456789a',
	'0123456789',
	'0987654321',
	'1111111111',
	'1q2w3e4r5t',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'1qazxsw23edc',
	'qazwsxedcrfv',
	'zaq12wsxcde3',
	'qwertyuiop',
	'qwerty1234',
	'qwerty12345',
	'qwerty123456',
	'asdfghjkl1',
	'asdfghjkl;',
	'zxcvbnm123',
	'password',
	'password1',
	'password12',
	'password123',
	'password1234',
	'passw0rd123',
	'p@ssw0rd123',
	'p@ssword123',
	'iloveyou123',
	'iloveyou1314',
	'woaini1314',
	'woaini5201314',
	'woaiwojia123',
	'5201314520',
	'1314520520',
	'a123456789',
	'aa12345678',
	'abc1234567',
	'abcd123456',
	'abcdefghij',
	'abc123456789',
	'admin12345',
	'admin123456',
	'administrator',
	'welcome123',
	'welcome1234',
	'letmein123',
	'football123',
	'baseball123',
	'sunshine123',
	'princess123',
	'monkey12345',
	'dragon12345',
	'master12345',
	'superman123',
	'starwars123',
	'trustno1234',
	'changeme123',
	'computer123',
	'internet123',
	'qwe123456789',
	'asd123456789',
	'zxc123456789',
	'123qweasdzxc',
	'1234qwerasdf',
	'qweasdzxc123',
	'q1w2e3r4t5',
	'q1w2e3r4t5y6',
	'a1b2c3d4e5',
	'baidu12345',
	'taobao12345',
	'weixin12345',
	'wechat12345',
	'livefest123',
	'livefest2026',
	'zhibojie123',
	'guangzhou123',
	'shanghai123',
	'beijing123',
]);

const KEYBOARD_RUNS = [
	'01234567890',
	'09876543210',
	'abcdefghijklmnopqrstuvwxyz',
	'qwertyuiopasdfghjklzxcvbnm',
	'1qaz2wsx3edc4rfv5tgb6yhn',
];

/**
 * True for a listed password, for one with digits or punctuation added at the end
 * (`Password123!` → `password`), for one character repeated, and for a run along the keyboard or
 * the alphabet.
 */
export function isCommonPassword(password: string): boolean {
	const lower = password.toLowerCase();
	const stem = lower.replace(/[\d\W_]+$/u, '');
	if (COMMON_PASSWORDS.has(lower) || (stem.length >= 6 && COMMON_PASSWORDS.has(stem))) return true;
	if (/^(.)\1+$/u.test(lower)) return true;
	if (/^(.{1,4})\1+$/u.test(lower)) return true;
	return KEYBOARD_RUNS.some((run) => run.includes(lower));
}
