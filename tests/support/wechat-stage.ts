import type { Browser } from 'playwright-core';
import {
	FAKE_APP_ID,
	FAKE_APP_SECRET,
	seedAccessWorld,
	startFakeWeChat,
	type AccessWorld,
	type FakeWeChat,
} from './access-factories';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { WORLD_NOW } from './world';

/** A browser and the portal configured with the bureau's service account against a fake WeChat. */
export interface WeChatStage {
	wechat: FakeWeChat;
	server: RunningServer;
	browser: Browser;
	world: AccessWorld;
	close(): Promise<void>;
}

/** Starts the fake WeChat API, then the portal on the access world (clock at WORLD_NOW) and Chromium. */
export async function startWeChatStage(): Promise<WeChatStage> {
	const wechat = await startFakeWeChat();
	let world: AccessWorld | undefined;
	const [server, browser] = await Promise.all([
		startServer({
			seed: (db) => void (world = seedAccessWorld(db)),
			now: WORLD_NOW,
			env: {
				WECHAT_API_BASE_URL: wechat.url,
				WECHAT_OA_APP_ID: FAKE_APP_ID,
				WECHAT_OA_APP_SECRET: FAKE_APP_SECRET,
			},
		}),
		launchBrowser(),
	]);
	return {
		wechat,
		server,
		browser,
		world: world!,
		close: async () => {
			await browser.close();
			await server.stop();
			await wechat.close();
		},
	};
}
