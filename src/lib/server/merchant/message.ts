import type { Translate } from '../../../i18n';
import { merchantZhCN } from '../../../i18n/merchant.zh-cn';
import { operationsZhCN } from '../../../i18n/operations.zh-cn';
import { resultsZhCN } from '../../../i18n/results.zh-cn';
import { securityZhCN } from '../../../i18n/security.zh-cn';
import { staffZhCN } from '../../../i18n/staff.zh-cn';
import { tonightZhCN } from '../../../i18n/tonight.zh-cn';
import { venueZhCN } from '../../../i18n/venue.zh-cn';
import { decodeFormMessage } from '../../shared/forms/form-message';

type MerchantMessageId = keyof typeof merchantZhCN;
type FormMessageId =
	| MerchantMessageId
	| keyof typeof staffZhCN
	| keyof typeof securityZhCN
	| keyof typeof tonightZhCN
	| keyof typeof operationsZhCN
	| keyof typeof resultsZhCN
	| keyof typeof venueZhCN;
const CATALOGUES = [
	merchantZhCN,
	staffZhCN,
	securityZhCN,
	tonightZhCN,
	operationsZhCN,
	resultsZhCN,
	venueZhCN,
];

/**
 * Translates an encoded message (`id?param=value`) from an action or the importer. An id that is
 * not in the merchant, staff, security, tonight or venue catalogue — such as the text of an unexpected exception — is never
 * shown: the `fallback` message is, so no internal detail reaches the page.
 */
export function translateMessage(
	t: Translate,
	encoded: string,
	fallback: MerchantMessageId,
): string {
	const { id, params } = decodeFormMessage(encoded);
	if (!CATALOGUES.some((catalogue) => Object.hasOwn(catalogue, id))) return t(fallback);
	return t(id as FormMessageId, params);
}
