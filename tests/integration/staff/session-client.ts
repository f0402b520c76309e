import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import type { RunningServer } from '../../support/server';
import { FormClient } from '../merchant/client';

/** A form client that already holds a session cookie (from tests/support/staff-factories.ts). */
export function clientWith(server: RunningServer, token: string | null): FormClient {
	const client = new FormClient(server);
	if (token) client.cookies.set(SESSION_COOKIE, token);
	return client;
}

/** Posts a form straight to an action's RPC endpoint, `/_actions/<name>`, as a script would. */
export async function postActionDirectly(
	server: RunningServer,
	name: string,
	token: string | null,
	fields: Record<string, string> = {},
): Promise<Response> {
	return server.get(`/_actions/${name}`, {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: {
			origin: server.origin,
			...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
		},
	});
}

/** A staff decision on a room, posted from its review page as the console's form does. */
export function postRoomDecision(
	server: RunningServer,
	token: string,
	room: { id: number; reviewStatus: string; updatedAt: Date },
	decision: 'approve' | 'reject',
): Promise<Response> {
	return clientWith(server, token).post(`/staff/review/room/${room.id}`, 'staff.decideRoom', {
		roomId: String(room.id),
		decision,
		seenStatus: room.reviewStatus,
		seenAt: String(room.updatedAt.getTime()),
	});
}
