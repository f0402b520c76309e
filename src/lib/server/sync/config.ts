import { createSecretBox, type SecretBox } from '../crypto/secret-box';
import { env } from '../env';
import type { SyncDeps } from './merchant-sync';

let box: SecretBox | undefined;

/** The portal's secret box, keyed by SECRETS_KEY (refuses to seal when it is not set). */
export function getSecretBox(): SecretBox {
	box ??= createSecretBox(env.secretsKey);
	return box;
}

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
