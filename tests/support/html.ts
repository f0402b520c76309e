import { parse, type HTMLElement } from 'node-html-parser';

/** Parses a page and offers the few lookups tests need, with whitespace collapsed. */
export function readPage(html: string) {
	const doc: HTMLElement = parse(html);
	const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
	return {
		doc,
		text: (selector: string): string => clean(doc.querySelector(selector)?.textContent ?? ''),
		texts: (selector: string): string[] =>
			doc.querySelectorAll(selector).map((e) => clean(e.textContent)),
		attr: (selector: string, name: string): string | undefined =>
			doc.querySelector(selector)?.getAttribute(name),
	};
}
