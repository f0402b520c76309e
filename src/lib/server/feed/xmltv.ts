import { formatIsoWithOffset } from '../../shared/time';

/**
 * XMLTV (xmltv.dtd, 0.5): the format electronic programme guides and news apps' TV listings read.
 * The portal's venues are the channels and their rooms the programmes. Element order follows the
 * DTD's content models (channel: display-name+, icon*, url*; programme: title+, sub-title*, desc*,
 * …, category*, …, icon*, url*); a test validates the live output with `xmllint --dtdvalid`.
 */

export interface XmltvChannel {
	id: string;
	names: { lang: string; text: string }[];
	url: string;
}

export interface XmltvProgramme {
	channel: string;
	start: Date;
	stop: Date;
	titles: { lang: string; text: string }[];
	descs: { lang: string; text: string }[];
	categories: { lang: string; text: string }[];
	icon: string | null;
	url: string;
}

export interface XmltvDocument {
	timezone: string;
	sourceUrl: string;
	generatorUrl: string;
	channels: XmltvChannel[];
	programmes: XmltvProgramme[];
}

/** Characters XML 1.0 cannot carry at all (controls other than tab, newline, return). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** XMLTV's time: `YYYYMMDDhhmmss ±hhmm`, in the festival's zone. */
export function formatXmltvTime(instant: Date, timeZone: string): string {
	const iso = formatIsoWithOffset(instant, timeZone);
	return `${iso.slice(0, 19).replace(/[-:T]/g, '')} ${iso.slice(19).replace(':', '')}`;
}

const element = (name: string, lang: string | null, text: string) =>
	`<${name}${lang ? ` lang="${escapeXml(lang)}"` : ''}>${escapeXml(text)}</${name}>`;

/** The whole document, UTF-8, with the DOCTYPE naming xmltv.dtd as guides expect. */
export function buildXmltv(doc: XmltvDocument): string {
	const out: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<!DOCTYPE tv SYSTEM "xmltv.dtd">',
		`<tv source-info-url="${escapeXml(doc.sourceUrl)}" source-info-name="livefest" generator-info-name="livefest" generator-info-url="${escapeXml(doc.generatorUrl)}">`,
	];
	for (const c of doc.channels) {
		out.push(`<channel id="${escapeXml(c.id)}">`);
		for (const n of c.names) out.push(element('display-name', n.lang, n.text));
		out.push(element('url', null, c.url), '</channel>');
	}
	for (const p of doc.programmes) {
		out.push(
			`<programme start="${formatXmltvTime(p.start, doc.timezone)}" stop="${formatXmltvTime(p.stop, doc.timezone)}" channel="${escapeXml(p.channel)}">`,
		);
		for (const t of p.titles) out.push(element('title', t.lang, t.text));
		for (const d of p.descs) if (d.text) out.push(element('desc', d.lang, d.text));
		for (const c of p.categories) out.push(element('category', c.lang, c.text));
		if (p.icon) out.push(`<icon src="${escapeXml(p.icon)}"/>`);
		out.push(element('url', null, p.url), '</programme>');
	}
	out.push('</tv>', '');
	return out.join('\n');
}
