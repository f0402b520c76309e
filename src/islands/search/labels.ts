import type { Message } from '../../lib/shared/message-format';
import type { FacetName } from '../../lib/shared/search-types';

/** The search island's words, filled in by the page from the message catalogue. */
export interface SearchLabels {
	label: string;
	placeholder: string;
	submit: string;
	/** Plural forms: the island picks one for the number of hits. */
	count: Message;
	searching: string;
	noResults: string;
	removeFilter: string;
	failed: string;
	emptyTitle: string;
	emptyHint: string;
	live: string;
	notWatchable: string;
	all: string;
	prev: string;
	next: string;
	pageStatus: string;
	heard: string;
	suggestions: string;
	suggestionCount: string;
	suggestionKinds: Record<string, string>;
	facetNames: Record<FacetName, string>;
	phases: Record<string, string>;
	kinds: Record<string, string>;
}
