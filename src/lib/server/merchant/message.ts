import type { Translate } from '../../../i18n';
import { merchantZhCN } from '../../../i18n/merchant.zh-cn';
import { decodeFormMessage } from '../../shared/forms/form-message';

type MerchantMessageId = keyof typeof merchantZhCN;

/**
 * Translates an encoded message (`id?param=value`) from an action or the importer. An id that is
 * not in the merchant catalogue — such as the text of an unexpected exception — is never shown:
 * the `fallback` message is, so no internal detail reaches the page.
 */
export function translateMessage(
	t: Translate,
	encoded: string,
	fallback: MerchantMessageId,
): string {
	const { id, params } = decodeFormMessage(encoded);
	if (!Object.hasOwn(merchantZhCN, id)) return t(fallback);
	return t(id as MerchantMessageId, params);
}
