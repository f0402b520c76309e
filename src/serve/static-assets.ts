import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { encodeBody, type EncodedBody } from './encoded-body';

/** A file of the build's client directory, held in memory in every encoding. */
export interface StaticAsset {
	body: EncodedBody;
	contentType: string;
	cacheControl: string;
}

const TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.xml': 'application/xml',
	'.woff2': 'font/woff2',
	'.html': 'text/html; charset=utf-8',
};

/** Vite names bundled assets by content hash under /_astro/: they never change. */
function cacheControlFor(urlPath: string): string {
	return urlPath.startsWith('/_astro/')
		? 'public, max-age=31536000, immutable'
		: 'public, max-age=3600, stale-while-revalidate=86400';
}

function listFiles(dir: string, prefix = ''): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		const rel = `${prefix}/${name}`;
		return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
	});
}

/**
 * Loads every file of `clientDir` (Astro's `dist/client`: a few dozen small scripts and icons) by
 * URL path, compressed once here at brotli's highest quality.
 */
export async function loadStaticAssets(clientDir: string): Promise<Map<string, StaticAsset>> {
	const assets = new Map<string, StaticAsset>();
	if (!existsSync(clientDir)) return assets;
	for (const rel of listFiles(clientDir)) {
		const contentType = TYPES[path.extname(rel).toLowerCase()] ?? 'application/octet-stream';
		const identity = readFileSync(path.join(clientDir, rel));
		const body = await encodeBody(identity, contentType, { brotliQuality: 11 });
		assets.set(rel.split(path.sep).join('/'), {
			body,
			contentType,
			cacheControl: cacheControlFor(rel),
		});
	}
	return assets;
}
