/** Messages of the bureau's console (/staff). */
export const staffZhCN = {
	'staff.console': '管理后台',
} as const;
