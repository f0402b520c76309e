import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	safeFetch,
	SafeFetchError,
	type SafeFetchPolicy,
} from '../../../../src/lib/server/sync/safe-fetch';
import { startWechatStub, type WechatStub } from '../../../support/sync-wechat-stub';

let stub: WechatStub;
beforeAll(async () => {
	stub = await startWechatStub();
});
afterAll(() => stub.stop());

const policy: SafeFetchPolicy = {
	allowHttp: true,
	allowLoopback: true,
	timeoutMs: 500,
	maxBytes: 1024,
};

async function failureOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		return error instanceof SafeFetchError ? error.failure : `other: ${String(error)}`;
	}
}

describe('safeFetch', () => {
	it('a small answer from an allowed address is returned whole', async () => {
		stub.handle = () => ({ json: { ok: 1 } });
		const body = await safeFetch(`${stub.origin}/feed`, policy);
		expect(body.toString()).toBe('{"ok":1}');
	});
	it('plain http is refused unless the setting allows it', async () => {
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, { ...policy, allowHttp: false }))).toBe(
			'notHttps',
		);
	});
	it('loopback is refused without the test setting, before any request', async () => {
		stub.requests.length = 0;
		const failure = await failureOf(
			safeFetch(`${stub.origin}/feed`, { ...policy, allowLoopback: false }),
		);
		expect([failure, stub.requests.length]).toEqual(['blockedAddress', 0]);
	});
	it('a host name resolving to loopback is refused after DNS resolution', async () => {
		const url = stub.origin.replace('127.0.0.1', 'localhost');
		expect(await failureOf(safeFetch(url, { ...policy, allowLoopback: false }))).toBe(
			'blockedAddress',
		);
	});
	it('a redirect to a private address is refused', async () => {
		stub.handle = () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest' } });
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, policy))).toBe('blockedAddress');
	});
	it('a redirect to an allowed address is followed', async () => {
		stub.handle = (req) =>
			req.path === '/moved'
				? { json: { moved: true } }
				: { status: 301, headers: { location: '/moved' } };
		expect((await safeFetch(`${stub.origin}/feed`, policy)).toString()).toBe('{"moved":true}');
	});
	it('endless redirects stop after three', async () => {
		stub.handle = () => ({ status: 302, headers: { location: '/again' } });
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, policy))).toBe('tooManyRedirects');
	});
	it('an oversized body is cut off while streaming', async () => {
		stub.handle = () => ({
			raw: Buffer.alloc(4096, 'a'),
			headers: { 'transfer-encoding': 'chunked' },
		});
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, policy))).toBe('tooLarge');
	});
	it('a slow server times out', async () => {
		stub.handle = () => ({ delayMs: 1500, json: {} });
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, policy))).toBe('timeout');
	});
	it('an error status is a failure', async () => {
		stub.handle = () => ({ status: 500, json: {} });
		expect(await failureOf(safeFetch(`${stub.origin}/feed`, policy))).toBe('httpStatus');
	});
	it('error messages leave out the query string where tokens travel', async () => {
		stub.handle = () => ({ status: 500, json: {} });
		const message = await safeFetch(`${stub.origin}/x?access_token=SECRET`, policy).catch(
			(e: Error) => e.message,
		);
		expect(String(message).includes('SECRET')).toBe(false);
	});
	it('a POST carries its JSON body', async () => {
		stub.handle = (req) => ({ json: req.json });
		const body = await safeFetch(`${stub.origin}/api`, policy, {
			method: 'POST',
			json: { start: 0 },
		});
		expect(body.toString()).toBe('{"start":0}');
	});
});
