import { formatFenAsYuan } from '../../shared/money';
import { formatZonedInput } from '../../shared/room-window';
import type { FormState } from '../merchant/form-state';
import type { ProductRow, RoomRow } from './merchant-rooms';

export interface RoomFormValues {
	values: Record<string, string | undefined>;
	rows: { name: string; type: string; price: string; price2: string }[];
}

/**
 * What the room form shows: after a failed submission, exactly what was sent; otherwise the stored
 * room in the form's units (festival-zone times, prices in yuan), or nothing for a new room.
 */
export function getRoomFormValues(
	state: FormState,
	stored: { room: RoomRow; products: ProductRow[] } | undefined,
	timeZone: string,
): RoomFormValues {
	if (state.submitted && !state.succeeded) {
		const names = state.lists.productName ?? [];
		return {
			values: state.values,
			rows: names.map((name, i) => ({
				name,
				type: state.lists.productPriceType?.[i] ?? 'fixed',
				price: state.lists.productPrice?.[i] ?? '',
				price2: state.lists.productPrice2?.[i] ?? '',
			})),
		};
	}
	if (!stored) return { values: {}, rows: [] };
	const { room, products } = stored;
	return {
		values: {
			title: room.title,
			titleEn: room.titleEn ?? '',
			anchorName: room.anchorName,
			description: room.description,
			start: formatZonedInput(room.startAt, timeZone),
			end: formatZonedInput(room.endAt, timeZone),
			wxRoomId: room.wxRoomId === null ? '' : String(room.wxRoomId),
		},
		rows: products.map((p) => ({
			name: p.name,
			type: p.priceType,
			price: formatFenAsYuan(p.price),
			price2: p.price2 === null ? '' : formatFenAsYuan(p.price2),
		})),
	};
}
