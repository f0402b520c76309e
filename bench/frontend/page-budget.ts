/** What one budget run records per page. */
import type { Category, CategoryResult, MetricId } from './lighthouse-run';
import type { ScriptWeight } from './script-weight';

export interface PageBudget {
	name: string;
	path: string;
	finalUrl: string;
	categories: Record<Category, CategoryResult>;
	metrics: Partial<Record<MetricId, number>>;
	/** Whether the HTML holds an Astro island (and so may load JavaScript at all). */
	hasIslands: boolean;
	javascript: ScriptWeight;
	runWarnings: string[];
	/** Every score 100 and the JavaScript within its budget. */
	withinBudget: boolean;
}

/** A page Lighthouse could not audit (a 404, a crash): named in the report, not fatal. */
export interface PageFailure {
	name: string;
	path: string;
	error: string;
}
