import type { accessZhCN } from './access.zh-cn';

export const accessEn: Record<keyof typeof accessZhCN, string> = {
	'access.watch': 'Watch',
};
