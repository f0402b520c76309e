import type { merchantZhCN } from './merchant.zh-cn';

export const merchantEn: Record<keyof typeof merchantZhCN, string> = {
	'nav.account': 'For merchants',
};
