export {
	DEMO_FESTIVAL_SLUG,
	ensureDemoFestival,
	isDatabaseEmpty,
	resetDatabase,
	seedDemoFestival,
	type SeedOptions,
	type SeedSummary,
} from './demo';
export { formatShanghaiDate } from './shanghai-time';
