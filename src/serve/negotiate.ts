/** The encodings the serving layer stores bodies in, best first. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Which compressed encodings a client accepts. */
export interface Accepted {
	br: boolean;
	gzip: boolean;
}

const NONE: Accepted = { br: false, gzip: false };

/**
 * Reads `Accept-Encoding` (RFC 9110 §12.5.3): `q=0` refuses an encoding; `*` stands for any not
 * named. The identity is always acceptable here (the portal never sends 406).
 */
export function acceptedEncodings(acceptEncoding: string | undefined): Accepted {
	if (!acceptEncoding) return NONE;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [rawName, ...params] = part.trim().toLowerCase().split(';');
		const name = rawName?.trim();
		if (!name) continue;
		let q = 1;
		for (const param of params) {
			const [key, value] = param.trim().split('=');
			if (key === 'q') q = Number(value);
		}
		weights.set(name, Number.isFinite(q) ? q : 0);
	}
	const weightOf = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
	return { br: weightOf('br') > 0, gzip: weightOf('gzip') > 0 || weightOf('x-gzip') > 0 };
}

/**
 * Whether an `If-None-Match` header matches the entity tag (weak comparison, as RFC 9110 §13.1.2
 * asks for GET). The tags of one body's encodings share their opaque part, so any of them matches.
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const opaque = stripEncodingSuffix(etag);
	return ifNoneMatch
		.split(',')
		.some((candidate) => stripEncodingSuffix(candidate.trim().replace(/^W\//, '')) === opaque);
}

function stripEncodingSuffix(tag: string): string {
	return tag.replace(/-(br|gz)"$/, '"');
}

/** The entity tag of one encoding of a body whose base tag is `"<hash>"`. */
export function etagFor(base: string, encoding: Encoding): string {
	if (encoding === 'identity') return base;
	return `${base.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|ld\+json|manifest\+json)|image\/svg\+xml)/i;

/** Whether a body of this type is worth compressing (images and archives are compressed already). */
export function isCompressible(contentType: string | undefined): boolean {
	return contentType !== undefined && COMPRESSIBLE.test(contentType);
}
