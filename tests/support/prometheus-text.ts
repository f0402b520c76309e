/**
 * A strict reader of Prometheus's text exposition format (version 0.0.4), for the metrics tests:
 * it throws on anything a Prometheus server would refuse or misread — a line that is neither a
 * comment nor a sample, a metric or label name out of the grammar, a bad escape, a value that is
 * not a float, a sample of a family whose TYPE came later or not at all, a family declared twice,
 * a repeated series, histogram buckets that are not cumulative or lack `+Inf`, a bucket total that
 * differs from `_count`, or a counter below zero.
 */

export interface Sample {
	name: string;
	labels: Record<string, string>;
	value: number;
}

export interface MetricFamily {
	name: string;
	type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
	help?: string;
	samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: number): number {
	if (text === '+Inf') return Number.POSITIVE_INFINITY;
	if (text === '-Inf') return Number.NEGATIVE_INFINITY;
	if (text === 'NaN') return Number.NaN;
	if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
		throw new Error(`line ${line}: not a float: ${text}`);
	}
	return Number(text);
}

/** Reads `{a="x",b="y\"z"}` from `text` at `at`; returns the labels and where it ended. */
function parseLabels(text: string, at: number, line: number): [Record<string, string>, number] {
	const labels: Record<string, string> = {};
	let i = at + 1;
	while (text[i] !== '}') {
		const eq = text.indexOf('=', i);
		const name = text.slice(i, eq);
		if (!LABEL.test(name) || name in labels) throw new Error(`line ${line}: label ${name}`);
		if (text[eq + 1] !== '"') throw new Error(`line ${line}: unquoted label value`);
		let value = '';
		let j = eq + 2;
		for (; text[j] !== '"'; j += 1) {
			if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
			if (text[j] === '\\') {
				const next = text[++j];
				if (next === 'n') value += '\n';
				else if (next === '\\' || next === '"') value += next;
				else throw new Error(`line ${line}: bad escape \\${next}`);
			} else value += text[j];
		}
		labels[name] = value;
		i = j + 1;
		if (text[i] === ',') i += 1;
		else if (text[i] !== '}') throw new Error(`line ${line}: expected , or }`);
	}
	return [labels, i + 1];
}

/** The family a sample name belongs to, given its declared type. */
function familyOf(name: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
	if (families.has(name)) return families.get(name);
	const base = name.replace(/_(bucket|sum|count)$/, '');
	const family = families.get(base);
	return family && (family.type === 'histogram' || family.type === 'summary') ? family : undefined;
}

function checkHistograms(families: Map<string, MetricFamily>): void {
	for (const f of families.values()) {
		if (f.type === 'counter' && f.samples.some((s) => s.value < 0)) {
			throw new Error(`${f.name}: a counter below zero`);
		}
		if (f.type !== 'histogram') continue;
		const series = new Map<string, Sample[]>();
		for (const s of f.samples.filter((x) => x.name.endsWith('_bucket'))) {
			const { le, ...rest } = s.labels;
			if (le === undefined) throw new Error(`${f.name}: a bucket without le`);
			const key = JSON.stringify(rest);
			series.set(key, [...(series.get(key) ?? []), s]);
		}
		for (const [key, buckets] of series) {
			const les = buckets.map((b) => parseValue(b.labels.le!, 0));
			if (les.at(-1) !== Number.POSITIVE_INFINITY) throw new Error(`${f.name}: no +Inf bucket`);
			for (let i = 1; i < buckets.length; i += 1) {
				if (les[i]! <= les[i - 1]! || buckets[i]!.value < buckets[i - 1]!.value) {
					throw new Error(`${f.name} ${key}: buckets not cumulative`);
				}
			}
			const count = f.samples.find(
				(s) => s.name === `${f.name}_count` && JSON.stringify(s.labels) === key,
			);
			if (count?.value !== buckets.at(-1)!.value) throw new Error(`${f.name} ${key}: count`);
		}
	}
}

/** Every metric family of an exposition, in order; throws on anything out of the format. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
	const families = new Map<string, MetricFamily>();
	const seen = new Set<string>();
	if (!text.endsWith('\n')) throw new Error('the exposition does not end with a line break');
	text
		.slice(0, -1)
		.split('\n')
		.forEach((raw, index) => {
			const line = index + 1;
			if (raw.trim() === '') return;
			const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
			if (meta) {
				const [, kind, name, rest] = meta as unknown as [string, string, string, string];
				if (!NAME.test(name)) throw new Error(`line ${line}: metric name ${name}`);
				const family = families.get(name) ?? { name, type: 'untyped', samples: [] };
				if (kind === 'TYPE') {
					if (!TYPES.has(rest) || families.get(name)?.samples.length) {
						throw new Error(`line ${line}: TYPE ${rest} for ${name}`);
					}
					family.type = rest as MetricFamily['type'];
				} else family.help = rest;
				families.set(name, family);
				return;
			}
			if (raw.startsWith('#')) return;
			const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw)?.[0];
			if (!name) throw new Error(`line ${line}: not a sample: ${raw}`);
			let at = name.length;
			let labels: Record<string, string> = {};
			if (raw[at] === '{') [labels, at] = parseLabels(raw, at, line);
			const parts = raw.slice(at).trim().split(' ');
			if (raw[at] !== ' ' || parts.length < 1 || parts.length > 2) {
				throw new Error(`line ${line}: value: ${raw}`);
			}
			const value = parseValue(parts[0]!, line);
			if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) {
				throw new Error(`line ${line}: timestamp ${parts[1]}`);
			}
			const family = familyOf(name, families);
			if (!family) throw new Error(`line ${line}: ${name} has no TYPE before it`);
			const key = `${name}${JSON.stringify(labels)}`;
			if (seen.has(key)) throw new Error(`line ${line}: ${key} twice`);
			seen.add(key);
			family.samples.push({ name, labels, value });
		});
	checkHistograms(families);
	return families;
}

/** The value of one series, or undefined when it is not there. */
export function readSample(
	families: Map<string, MetricFamily>,
	name: string,
	labels: Record<string, string> = {},
): number | undefined {
	const family = familyOf(name, families);
	const match = family?.samples.find(
		(s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
	);
	return match?.value;
}
