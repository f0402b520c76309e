/**
 * Prints the licence of every production dependency (direct and transitive), from
 * `npm ls --omit=dev --all --json --long` and each package's own package.json, grouped by licence,
 * with the ones outside the permissive list named for review. `--json` prints the list as JSON.
 * Exits 1 when a package has no licence or one to review, so CI can run it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Licences that ask nothing of a closed deployment beyond keeping notices. */
const PERMISSIVE = new Set([
	'MIT',
	'ISC',
	'BSD-2-Clause',
	'BSD-3-Clause',
	'Apache-2.0',
	'0BSD',
	'BlueOak-1.0.0',
	'CC0-1.0',
	'CC-BY-4.0',
	'Unlicense',
	'Python-2.0',
	'Zlib',
]);

interface LsNode {
	version?: string;
	path?: string;
	license?: unknown;
	dependencies?: Record<string, LsNode>;
}

interface Package {
	name: string;
	version: string;
	licence: string;
}

/** The SPDX expression of a package.json, including the old `licenses: [{ type }]` form. */
function readLicence(packageDir: string | undefined): string {
	if (!packageDir) return 'UNKNOWN';
	try {
		const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
		const licence = manifest.license ?? manifest.licenses;
		if (typeof licence === 'string') return licence;
		if (Array.isArray(licence)) return licence.map((l) => l.type ?? l).join(' OR ');
		if (licence && typeof licence === 'object' && 'type' in licence) return String(licence.type);
		// No licence field: name the licence file's own heading (e.g. "MIT License"), marked as such.
		const file = readdirSync(packageDir).find((name) => /^licen[cs]e/i.test(name));
		const heading = file
			? /^\s*(MIT|ISC|Apache|BSD)\b/i.exec(readFileSync(path.join(packageDir, file), 'utf8'))
			: null;
		if (heading)
			return `${heading[1]!.toUpperCase() === 'APACHE' ? 'Apache-2.0' : heading[1]} (licence file)`;
	} catch {
		// A package npm lists but did not install (an optional one for another platform).
	}
	return 'UNKNOWN';
}

/** Whether an SPDX expression allows a permissive choice (every AND part permissive). */
function isPermissive(expression: string): boolean {
	return expression
		.replace(/[()]/g, '')
		.replace(/ licence file$/, '')
		.split(/\s+OR\s+/)
		.some((choice) => choice.split(/\s+AND\s+/).every((id) => PERMISSIVE.has(id.trim())));
}

function collect(node: LsNode, found: Map<string, Package>): void {
	for (const [name, child] of Object.entries(node.dependencies ?? {})) {
		if (!child.version) continue;
		const key = `${name}@${child.version}`;
		if (!found.has(key)) {
			found.set(key, { name, version: child.version, licence: readLicence(child.path) });
		}
		collect(child, found);
	}
}

const tree = JSON.parse(
	execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		stdio: ['ignore', 'pipe', 'ignore'],
	}),
) as LsNode;
const found = new Map<string, Package>();
collect(tree, found);
const packages = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
const review = packages.filter((p) => !isPermissive(p.licence));

if (process.argv.includes('--json')) {
	console.log(JSON.stringify({ packages, review }, null, 2));
} else {
	const byLicence = new Map<string, Package[]>();
	for (const p of packages) byLicence.set(p.licence, [...(byLicence.get(p.licence) ?? []), p]);
	console.log(`${packages.length} production packages`);
	for (const [licence, list] of [...byLicence].sort((a, b) => b[1].length - a[1].length)) {
		console.log(`\n${licence} (${list.length})`);
		console.log(`  ${list.map((p) => `${p.name}@${p.version}`).join(', ')}`);
	}
	if (review.length > 0) {
		console.log(`\nTo review (not in the permissive list): ${review.length}`);
		for (const p of review) console.log(`  ${p.name}@${p.version}: ${p.licence}`);
	}
}
process.exitCode = review.length > 0 ? 1 : 0;
