/** Messages of the merchant area (accounts, registration, rooms, import). */
export const merchantZhCN = {
	'nav.account': '商家中心',
} as const;
