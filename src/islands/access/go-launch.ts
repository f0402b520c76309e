/**
 * The /go page in the browser, on the launcher the server rendered (`[data-go-room]`):
 * - counts each tap on a way in with a beacon (the channel only: no personal data);
 * - opens the URL Scheme by navigating to it, the one way Android opens it;
 * - on phones, tries the scheme once on arrival, so one tap on "watch" is enough — but not again
 *   on Back from WeChat or a quick reload, which would throw the viewer back into WeChat;
 * - runs WeChat's open tag: loads the JS-SDK, hands it the server-signed `wx.config`, counts
 *   `launch`, and falls back to the links below it when the SDK cannot load, the config is
 *   refused, WeChat cannot show open tags, the tag reports an error, or nothing happens in 5 s.
 */

interface Wx {
	config(options: Record<string, unknown>): void;
	ready(callback: () => void): void;
	error(callback: (res: unknown) => void): void;
}

export const WECHAT_SDK_URL = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js';
const SDK_TIMEOUT_MS = 5000;
const RELAUNCH_AFTER_MS = 2 * 60_000;

export function startGoLaunch(root: HTMLElement): void {
	const roomId = root.dataset.goRoom!;
	const api = root.dataset.openApi!;
	const report = (channel: string): void => {
		try {
			navigator.sendBeacon(api, channel);
		} catch {
			// Counting is best effort; getting the viewer in is what matters.
		}
	};

	for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-go-channel]')) {
		link.addEventListener('click', (event) => {
			const channel = link.dataset.goChannel!;
			report(channel);
			if (channel === 'scheme') {
				event.preventDefault();
				location.href = link.href;
			}
		});
	}

	const auto = root.querySelector<HTMLAnchorElement>('a[data-launch-on-load]');
	if (auto && shouldLaunch(roomId)) {
		// After the page has loaded, so the fallback button is on screen when WeChat's prompt shows.
		const launch = (): void => {
			root.dataset.launched = 'scheme';
			report('scheme');
			location.href = auto.href;
		};
		if (document.readyState === 'complete') launch();
		else window.addEventListener('load', launch, { once: true });
	}

	const tag = root.querySelector<HTMLElement>('wx-open-launch-weapp');
	const box = root.querySelector<HTMLElement>('[data-wx-config]');
	if (tag && box) runOpenTag(root, tag, box, report);
}

function shouldLaunch(roomId: string): boolean {
	const key = `livefest.go.${roomId}`;
	const nav = performance.getEntriesByType('navigation')[0] as
		PerformanceNavigationTiming | undefined;
	let last = 0;
	try {
		last = Number(sessionStorage.getItem(key) ?? 0);
		sessionStorage.setItem(key, String(Date.now()));
	} catch {
		// No session storage (private mode): launch anyway.
	}
	return (
		nav?.type !== 'back_forward' &&
		Date.now() - last >= RELAUNCH_AFTER_MS &&
		document.visibilityState === 'visible'
	);
}

function runOpenTag(
	root: HTMLElement,
	tag: HTMLElement,
	box: HTMLElement,
	report: (channel: string) => void,
): void {
	let ready = false;
	const fail = (): void => {
		if (root.dataset.openTag === 'failed') return;
		box.hidden = true;
		root.dataset.openTag = 'failed';
	};
	tag.addEventListener('launch', () => report('opentag'));
	tag.addEventListener('error', fail);
	document.addEventListener('WeixinOpenTagsError', fail);
	const timer = setTimeout(() => ready || fail(), SDK_TIMEOUT_MS);
	const script = document.createElement('script');
	script.src = WECHAT_SDK_URL;
	script.onerror = fail;
	script.onload = () => {
		const wx = (window as unknown as { wx?: Wx }).wx;
		if (!wx) return fail();
		wx.ready(() => {
			ready = true;
			clearTimeout(timer);
			if (root.dataset.openTag !== 'failed') root.dataset.openTag = 'ready';
		});
		wx.error(fail);
		wx.config({
			...JSON.parse(box.dataset.wxConfig!),
			jsApiList: ['checkJsApi'],
			openTagList: ['wx-open-launch-weapp'],
		});
	};
	document.head.append(script);
}
