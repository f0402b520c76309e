import type { staffZhCN } from './staff.zh-cn';

export const staffEn: Record<keyof typeof staffZhCN, string> = {
	'staff.console': 'Console',
};
