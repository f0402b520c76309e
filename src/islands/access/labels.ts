import type { LivePhase } from '../../lib/shared/status';

/** The badge text of each live phase. */
export type PhaseLabels = Record<LivePhase, string>;

/** Text for the My festival island. */
export interface MyFestivalLabels {
	export: string;
	subscribe: string;
	subscribeHint: string;
	download: string;
	share: string;
	copy: string;
	copied: string;
	shared: string;
	saveShared: string;
	showMine: string;
}
