import type { FacetName } from '../../lib/shared/search-types';

/** The search island's words, filled in by the page from the message catalogue. */
export interface SearchLabels {
	label: string;
	placeholder: string;
	submit: string;
	count: string;
	searching: string;
	noResults: string;
	removeFilter: string;
	failed: string;
	emptyTitle: string;
	emptyHint: string;
	live: string;
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
