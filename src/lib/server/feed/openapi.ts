import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { VENUE_SLUG_PATTERN } from '../../shared/venue-kinds';
import {
	feedErrorSchema,
	FEED_VERSION,
	scheduleFeedQuerySchema,
	scheduleFeedSchema,
	venuesFeedQuerySchema,
	venuesFeedSchema,
	xmltvQuerySchema,
} from './schemas';

/**
 * The OpenAPI 3.1 document of the open feeds (`/api/v1/openapi.json`), generated from the zod
 * schemas that validate their queries and describe their answers (schemas.ts) with
 * zod-to-json-schema: one declaration, so the description cannot drift from the server.
 * OpenAPI 3.1's schema objects are JSON Schema, which is what the generator writes.
 */

type JsonSchema = Record<string, unknown>;

/** A zod schema as a self-contained JSON Schema (no `$ref`s, no `$schema`). */
function toJsonSchema(schema: z.ZodTypeAny): JsonSchema {
	const json = zodToJsonSchema(schema, {
		target: 'jsonSchema7',
		$refStrategy: 'none',
	}) as JsonSchema;
	delete json.$schema;
	return json;
}

/** A query schema's properties as OpenAPI query parameters. */
function toQueryParameters(schema: z.ZodTypeAny): JsonSchema[] {
	const json = toJsonSchema(schema) as {
		properties?: Record<string, JsonSchema>;
		required?: string[];
	};
	return Object.entries(json.properties ?? {}).map(([name, property]) => {
		const { description, ...rest } = property;
		return {
			name,
			in: 'query',
			required: json.required?.includes(name) ?? false,
			...(description ? { description } : {}),
			schema: rest,
		};
	});
}

const errorContent = { 'application/json': { schema: toJsonSchema(feedErrorSchema) } };

const REFUSALS = {
	'400': {
		description: 'A parameter is not valid; each one at fault is named.',
		content: errorContent,
	},
	'404': { description: 'No festival is published (or no such venue).', content: errorContent },
	'429': {
		description: 'Too many renders from this address in a minute; see Retry-After.',
		headers: { 'Retry-After': { schema: { type: 'integer' } } },
		content: errorContent,
	},
};

const CACHED = {
	ETag: {
		description: 'Send it back in If-None-Match: 304 when nothing changed.',
		schema: { type: 'string' },
	},
	'Cache-Control': {
		description: 'Shared caches may keep the answer for seconds (until the next phase change).',
		schema: { type: 'string' },
	},
};

function jsonAnswer(description: string, schema: z.ZodTypeAny) {
	return {
		description,
		headers: CACHED,
		content: { 'application/json': { schema: toJsonSchema(schema) } },
	};
}

/** The document for a portal at `origin`. */
export function buildOpenApiDocument(origin: string): JsonSchema {
	return {
		openapi: '3.1.0',
		info: {
			title: 'livefest open feeds',
			version: `${FEED_VERSION}.0.0`,
			description:
				"The festival's public schedule for district sites, news apps and other republishers: " +
				'public data only, cached for seconds, rate-limited per address. Times are UTC (ISO 8601); ' +
				"days are the festival's own (its time zone is in every answer).",
		},
		servers: [{ url: origin }],
		paths: {
			'/api/v1/schedule': {
				get: {
					operationId: 'getSchedule',
					summary: "One festival day's public rooms by start time, a page at a time.",
					parameters: toQueryParameters(scheduleFeedQuerySchema),
					responses: { '200': jsonAnswer('A page of rooms.', scheduleFeedSchema), ...REFUSALS },
				},
			},
			'/api/v1/venues': {
				get: {
					operationId: 'listVenues',
					summary: "The festival's venues (main, district, themed) and their feeds.",
					parameters: toQueryParameters(venuesFeedQuerySchema),
					responses: { '200': jsonAnswer('Every venue.', venuesFeedSchema), ...REFUSALS },
				},
			},
			'/api/v1/xmltv.xml': {
				get: {
					operationId: 'getXmltv',
					summary: 'Venues as XMLTV channels and their rooms as programmes, for one day.',
					parameters: toQueryParameters(xmltvQuerySchema),
					responses: {
						'200': {
							description: 'An XMLTV document (xmltv.dtd).',
							headers: CACHED,
							content: { 'application/xml': { schema: { type: 'string' } } },
						},
						...REFUSALS,
					},
				},
			},
			'/venues/{slug}.ics': {
				get: {
					operationId: 'getVenueCalendar',
					summary: "A venue's rooms as an iCalendar feed (subscribe to it).",
					parameters: [
						{
							name: 'slug',
							in: 'path',
							required: true,
							schema: { type: 'string', pattern: VENUE_SLUG_PATTERN.source },
						},
					],
					responses: {
						'200': {
							description: 'An iCalendar document (RFC 5545).',
							headers: CACHED,
							content: { 'text/calendar': { schema: { type: 'string' } } },
						},
						'404': { description: 'No venue has this slug.' },
						'429': REFUSALS['429'],
					},
				},
			},
		},
	};
}
