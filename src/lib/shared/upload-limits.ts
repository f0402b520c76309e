/**
 * The largest request body an Astro Action accepts: a 2 MB cover or a 2 MB room list plus the rest
 * of the form. astro.config.mjs passes it to `security.actionBodySizeLimit` (Astro's default is
 * 1 MB); a larger body is refused before it is parsed, and the page says so.
 */
export const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;
