import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { clientWith } from '../staff/session-client';

/**
 * Integration (issue 14, item 8): the privacy notice in both languages, linked from every page's
 * footer with the configured ICP filing number, and shown before sign-up and registration.
 */
const ICP = '粤ICP备12345678号-1';
let server: RunningServer;
let plain: RunningServer;
let w: ConsoleWorld;

beforeAll(async () => {
	[server, plain] = await Promise.all([
		startServer({
			now: CONSOLE_NOW,
			env: { ICP_FILING: ICP },
			seed: (db) => {
				w = seedConsoleWorld(db);
			},
		}),
		startServer({ now: CONSOLE_NOW, seed: (db) => void seedConsoleWorld(db) }),
	]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), plain?.stop()]);
});

const footerOf = (html: string) =>
	readPage(html)
		.doc.querySelectorAll('.site-footer .legal a')
		.map((a) => [a.textContent.trim(), a.getAttribute('href')]);

describe('the privacy notice', () => {
	it('is a page in Chinese and English saying what is kept, why and for how long', async () => {
		const [zh, en] = await Promise.all([server.get('/privacy'), server.get('/en/privacy')]);
		const zhPage = readPage(await zh.text());
		const enPage = readPage(await en.text());
		expect([
			zh.status,
			zhPage.text('h1'),
			zhPage.texts('h2'),
			en.status,
			enPage.text('h1'),
			enPage.texts('h2'),
			enPage.texts('#privacy-retention + ul li').length,
		]).toEqual([
			200,
			'隐私说明',
			['浏览直播间的市民', '参加直播节的商家', '安全记录', '保存多久', '你的权利'],
			200,
			'Privacy notice',
			[
				'Visitors watching the festival',
				'Merchants taking part',
				'Security records',
				'How long',
				'Your rights',
			],
			5,
		]);
	});

	it('every page’s footer links it, with the ICP filing number when one is configured', async () => {
		const [home, en, unconfigured] = await Promise.all([
			server.get('/'),
			server.get('/en/schedule'),
			plain.get('/'),
		]);
		expect([
			footerOf(await home.text()),
			footerOf(await en.text()),
			footerOf(await unconfigured.text()),
		]).toEqual([
			[
				['隐私说明', '/privacy'],
				[ICP, 'https://beian.miit.gov.cn/'],
			],
			[
				['Privacy notice', '/en/privacy'],
				[ICP, 'https://beian.miit.gov.cn/'],
			],
			[['隐私说明', '/privacy']],
		]);
	});

	it('is shown before sign-up and before registration, which asks for a contact’s mobile', async () => {
		const signup = readPage(await (await server.get('/merchant/signup')).text());
		const register = readPage(
			await (await clientWith(server, w.tokens.merchant).get('/merchant/register')).text(),
		);
		expect([
			signup.attr('main a[href="/privacy"]', 'href'),
			register.text('.privacy-note'),
			register.attr('.privacy-note a', 'href'),
		]).toEqual([
			'/privacy',
			'登记表会收集企业信息以及联系人的姓名和手机号，仅用于审核和联系你，不会公开。 阅读隐私说明',
			'/privacy',
		]);
	});
});
