/** Messages of getting into a room: /go deep links, QR codes, calendars, My festival. */
export const accessZhCN = {
	'access.watch': '进入直播间',
} as const;
