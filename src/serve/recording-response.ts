import { EventEmitter } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/** A complete response as Astro produced it. */
export interface RecordedResponse {
	status: number;
	headers: OutgoingHttpHeaders;
	body: Buffer;
}

/**
 * Stands in for `http.ServerResponse` while Astro's handler writes a response, so the serving
 * layer can cache and compress it before anything reaches the client. Implements what
 * `NodeApp.writeResponse` and @astrojs/node's error path use: `writeHead`, `statusCode`,
 * `statusMessage`, `setHeader`, `write`, `end`, `destroy`, `headersSent`, `req`, and the `finish`
 * and `close` events. `done` settles once the response is complete (rejected if destroyed).
 */
export class RecordingResponse extends EventEmitter {
	statusCode = 200;
	statusMessage = '';
	headersSent = false;
	readonly done: Promise<RecordedResponse>;
	private headers: OutgoingHttpHeaders = {};
	private readonly chunks: Buffer[] = [];
	private settle!: { resolve: (r: RecordedResponse) => void; reject: (e: Error) => void };
	private finished = false;

	constructor(readonly req: IncomingMessage) {
		super();
		this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
		// A rejection nobody awaits yet must not crash the process; callers await `done`.
		this.done.catch(() => {});
	}

	setHeader(name: string, value: number | string | readonly string[]): this {
		this.headers[name.toLowerCase()] = value as OutgoingHttpHeaders[string];
		return this;
	}

	getHeader(name: string): OutgoingHttpHeaders[string] {
		return this.headers[name.toLowerCase()];
	}

	writeHead(
		status: number,
		headers?: OutgoingHttpHeaders | string,
		more?: OutgoingHttpHeaders,
	): this {
		this.statusCode = status;
		if (typeof headers === 'string') this.statusMessage = headers;
		const given = typeof headers === 'object' ? headers : more;
		for (const [name, value] of Object.entries(given ?? {})) {
			if (value !== undefined) this.setHeader(name, value);
		}
		this.headersSent = true;
		return this;
	}

	write(chunk: string | Uint8Array, callback?: () => void): boolean {
		this.headersSent = true;
		this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
		if (callback) queueMicrotask(callback);
		return true;
	}

	end(chunk?: string | Uint8Array | (() => void)): this {
		if (this.finished) return this;
		if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
		this.finished = true;
		this.headersSent = true;
		this.settle.resolve({
			status: this.statusCode,
			headers: this.headers,
			body: Buffer.concat(this.chunks),
		});
		this.emit('finish');
		this.emit('close');
		return this;
	}

	destroy(error?: Error): this {
		if (!this.finished) {
			this.finished = true;
			this.settle.reject(error ?? new Error('the response was destroyed while rendering'));
			this.emit('close');
		}
		return this;
	}
}
