import { env } from '../env';
import { createSecretBox, type SecretBox } from './secret-box';

let box: SecretBox | undefined;

/**
 * The portal's secret box: seals with SECRETS_KEY, opens with it or any key in
 * SECRETS_KEY_PREVIOUS (refuses to seal when SECRETS_KEY is not set).
 */
export function getSecretBox(): SecretBox {
	box ??= createSecretBox(env.secretsKey, env.previousSecretsKeys);
	return box;
}

/** Whether secrets can be stored at all (SECRETS_KEY is configured). */
export function hasSecretsKey(): boolean {
	return env.secretsKey !== undefined;
}
