import { generateHOTP } from '@oslojs/otp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTotpStep, parseTotpKey } from '../../src/lib/server/auth/totp';
import type { Db } from '../../src/lib/server/db';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { createFestivalWorld, TEST_PASSWORD } from '../support/factories';
import { startServer, type RunningServer } from '../support/server';
import { CONSOLE_NOW, createStaffUser } from '../support/staff-factories';
import { TEST_SECRETS_KEY } from '../support/two-factor';

/**
 * End to end, in Chromium: a new admin signs in, is sent to enrol an authenticator, reads the
 * key off the page as an app would (the clock is pinned, so each code's step is known), signs
 * out and in again with a code, is refused the same code a second time, and signs in with a
 * recovery code when the phone is "lost".
 */
let server: RunningServer;
let browser: Browser;
const NOW = new Date(CONSOLE_NOW);

function seed(db: Db): void {
	createFestivalWorld(db);
	createStaffUser(db, 'admin', 'chief@bureau.gov.cn', { twoFactor: false });
}

beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed, now: CONSOLE_NOW, env: { SECRETS_KEY: TEST_SECRETS_KEY } }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function open(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN',
	});
	return { context, page: await context.newPage() };
}

async function typePassword(page: Page): Promise<void> {
	await page.goto(`${server.origin}/staff-login`);
	await page.getByLabel('电子邮箱').fill('chief@bureau.gov.cn');
	await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
}

async function typeCode(page: Page, code: string): Promise<void> {
	await page.getByLabel('验证码').fill(code);
	await page.getByRole('button', { name: '验证并登录' }).click();
	await page.waitForLoadState('load');
}

describe('two-step sign-in in a browser', () => {
	it('enrolment, sign-in with a code, refusal of a used code, and recovery', async () => {
		const errors: string[] = [];
		const first = await open();
		first.page.on('pageerror', (e) => errors.push(e.message));
		await typePassword(first.page);
		await first.page.waitForURL('**/staff/security?next=*');
		const notice = await first.page.locator('.notice').first().innerText();
		const qrShown = await first.page.locator('figure.qr svg').isVisible();
		const enrolViolations = await findSeriousA11yViolations(first.page);
		const key = parseTotpKey(await first.page.locator('[data-totp-secret]').innerText())!;
		const code = (offset: number) => generateHOTP(key, BigInt(getTotpStep(NOW) + offset), 6);
		await first.page.getByLabel('验证码').fill(code(-1));
		await first.page.getByRole('button', { name: '开启两步验证' }).click();
		await first.page.locator('.recovery').waitFor();
		const recovery = await first.page.locator('.recovery code').allInnerTexts();
		await first.page.getByRole('link', { name: '继续' }).click();
		await first.page.waitForURL('**/staff');
		const consoleTitle = await first.page.locator('h1').innerText();
		await first.page.getByRole('button', { name: '退出登录' }).click();
		await first.context.close();

		const second = await open();
		await typePassword(second.page);
		await second.page.waitForURL('**/staff-login/code');
		const codeViolations = await findSeriousA11yViolations(second.page);
		await typeCode(second.page, code(0));
		const signedInAt = new URL(second.page.url()).pathname;
		await second.context.close();

		const third = await open();
		await typePassword(third.page);
		await third.page.waitForURL('**/staff-login/code');
		await typeCode(third.page, code(0));
		const reuse = await third.page.locator('#f-code-error').innerText();
		await typeCode(third.page, recovery[0]!);
		const recoveredAt = new URL(third.page.url()).pathname;
		await third.context.close();

		expect({
			notice,
			qrShown,
			recoveryCodes: recovery.length,
			consoleTitle,
			signedInAt,
			reuse,
			recoveredAt,
			violations: { enrol: enrolViolations, code: codeViolations },
			errors,
		}).toEqual({
			notice: '管理员必须先开启两步验证，才能使用管理后台。',
			qrShown: true,
			recoveryCodes: 10,
			consoleTitle: '概览',
			signedInAt: '/staff',
			reuse: '验证码不正确、已过期或已经用过。',
			recoveredAt: '/staff',
			violations: { enrol: [], code: [] },
			errors: [],
		});
	});
});
