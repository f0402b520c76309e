/**
 * `npm run screenshots [-- --origin http://localhost:4321] [-- --out data/screenshots] [-- --full]`: captures the
 * public pages at phone and desktop widths, in both languages, from a running portal, so a change
 * can be looked at before it lands.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/support/browser';

const { values } = parseArgs({
	options: {
		origin: { type: 'string', default: 'http://localhost:4321' },
		out: { type: 'string', default: 'data/screenshots' },
		paths: { type: 'string', default: '/,/schedule,/showcase,/rooms/1,/merchants/1' },
		full: { type: 'boolean', default: false },
	},
});
const viewports = {
	small: { width: 320, height: 640 },
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 900 },
};
mkdirSync(values.out, { recursive: true });
const browser = await launchBrowser();
for (const [device, viewport] of Object.entries(viewports)) {
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
	const page = await context.newPage();
	for (const base of values.paths.split(',')) {
		for (const prefix of ['', '/en']) {
			const target = `${values.origin}${prefix}${base === '/' && prefix ? '/' : base}`;
			const response = await page.goto(target);
			const name = `${device}${prefix.replace('/', '-')}${base.replace(/[/?=&]+/g, '-')}`.replace(
				/-$/,
				'',
			);
			const file = path.join(values.out, `${name}.png`);
			await page.screenshot({ path: file, fullPage: values.full });
			console.log(`${response?.status()} ${target} → ${file}`);
		}
	}
	await context.close();
}
await browser.close();
