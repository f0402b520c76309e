import type { Message } from '../lib/shared/message-format';
import type { tonightZhCN } from './tonight.zh-cn';

export const tonightEn: Record<keyof typeof tonightZhCN, Message> = {
	'watch.notWatchable': 'Not watchable yet',
	'watch.notWatchableHint':
		'This session has no way in yet. Look for it in the merchant’s own mini program before it starts.',
	'watch.missing.miniProgram':
		'No carrier: choose an approved merchant whose mini program broadcasts it',
	'watch.missing.wxRoomId': 'Not linked to a WeChat live room: enter its room ID (roomid)',
	'watch.missing.appId': 'The mini program AppID looks wrong: correct it in the business details',
	'watch.missing.pagePath':
		'The live room page path looks wrong: correct it in the business details',
	'watch.missing.linkTooLong': 'The link would pass WeChat’s length limit',
	'watch.ways': 'Citizens can get in through: {ways}',
	'watch.way.scheme': 'the mini program link (URL Scheme, straight into this session)',
	'watch.way.urllink': 'the merchant’s URL Link (opens the mini program)',
	'watch.reviewTitle': 'Ways in',
	'watch.reviewNotWatchable': 'Citizens cannot watch this session yet, because:',
	'watch.featureRefused':
		'This session cannot be watched yet, so it cannot be featured. Ask the merchant to add a way in first.',
	'watch.merchantTitle': 'One step before citizens can watch',
	'watch.merchantHint': 'These rooms show “Not watchable yet” on public pages until you add:',
	'home.liveAll': { one: 'See the {count} live room →', other: 'See all {count} →' },
	'schedule.filtersOpen': 'Filter by district, category, type and status',
	'schedule.jumpNow': 'Jump to now',
	'schedule.now': 'Now {time}',
	'schedule.part': 'Time of day',
	'schedule.partAll': 'All day',
	'part.morning': 'Morning',
	'part.afternoon': 'Afternoon',
	'part.evening': 'Evening',
	'part.night': 'Late night',
	'part.morning.hours': 'before 12:00',
	'part.afternoon.hours': '12:00–18:00',
	'part.evening.hours': '18:00–22:00',
	'part.night.hours': 'from 22:00',
	'schedule.liveAcrossDays':
		'Every room live now, including those that started the day before and are still on.',
	'timeline.title': 'Now and next',
	'timeline.now': 'Live now',
	'timeline.next': 'Next',
	'timeline.nothingNow': 'Nothing',
	'timeline.more': { one: '{count} more in these hours', other: '{count} more in these hours' },
	'timeline.rowsLabel': 'Across the city',
	'timeline.empty': 'Nothing is on in these hours.',
	'rooms.cover.tooManyPixels':
		'The cover has too many pixels (over 40 million): scale it down and upload it again.',
	'access.go.wechatHintAlone':
		"If the button doesn't work, tap ··· at the top right and choose “Open in Browser”.",
	'room.productPicture': 'Picture of {name}',
	'staff.review.byStart': {
		one: '{count} waiting, by start time, soonest first.',
		other: '{count} waiting, by start time, soonest first.',
	},
	'staff.review.endedHint': 'These sessions are over: approving one now only lists it as ended.',
	'staff.review.showEnded': {
		one: 'See the {count} that has ended',
		other: 'See the {count} that have ended',
	},
	'staff.review.showOpen': 'Back to sessions not yet over',
};
