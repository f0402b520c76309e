import { isActionError, isInputError } from 'astro:actions';
import type { Translate } from '../../../i18n';
import { readFormState, type FormState } from '../merchant/form-state';
import { translateSyncMessage } from './status-view';

type ActionResult = { data?: unknown; error?: unknown } | undefined;

/**
 * The merchant form state for the sync settings form: the shared reader, plus this area's own
 * message ids (`sync.error.*`), and the AppSecret never echoed back into the page.
 */
export async function readSyncFormState(
	request: Request,
	result: ActionResult,
	t: Translate,
	bodyLimitBytes: number,
): Promise<FormState> {
	const state = await readFormState(request, result, t, bodyLimitBytes);
	delete state.values.appSecret;
	const error = result?.error;
	if (isInputError(error)) {
		for (const [field, messages] of Object.entries(error.fields)) {
			const first = (messages as string[] | undefined)?.[0];
			if (first?.startsWith('sync.')) state.fieldErrors[field] = translateSyncMessage(t, first);
		}
	} else if (isActionError(error) && error.message.startsWith('sync.')) {
		state.formError = translateSyncMessage(t, error.message);
	}
	return state;
}
