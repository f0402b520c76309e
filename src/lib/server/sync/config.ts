import { getSecretBox } from '../crypto/keyring';
import { env } from '../env';
import type { SyncDeps } from './merchant-sync';

/** The sync's dependencies from the configuration, at `now`. */
export function getSyncDeps(now: Date, over: Partial<SyncDeps> = {}): SyncDeps {
	return {
		now,
		policy: {
			allowHttp: env.sync.allowHttp,
			allowLoopback: env.sync.allowLoopback,
			timeoutMs: env.sync.timeoutMs,
			maxBytes: env.sync.maxBytes,
		},
		apiBaseUrl: env.wechat.apiBaseUrl,
		box: getSecretBox(),
		callsPerHour: env.sync.callsPerHour,
		...over,
	};
}
