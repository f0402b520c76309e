import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

const roomRow = (id: number) =>
	queryDb<{ review_status: string; review_note: string | null; updated_at: number }>(
		server.file,
		'select review_status, review_note, updated_at from room where id = ?',
		id,
	)[0]!;
const events = (entityType: string, entityId: number) =>
	queryDb<{
		action: string;
		actor_name: string;
		before: string;
		after: string;
		reason: string | null;
	}>(
		server.file,
		'select action, actor_name, before, after, reason from audit_event where entity_type = ? and entity_id = ? order by id',
		entityType,
		entityId,
	);
const seenOf = (id: number) => ({
	seenStatus: roomRow(id).review_status,
	seenAt: String(roomRow(id).updated_at),
});

describe('deciding a room', () => {
	it('rejecting without a reason is refused next to the reason field, keeping the page, changing nothing', async () => {
		const id = w.submitted2.id;
		const client = clientWith(server, w.tokens.staff);
		const response = await client.post(`/staff/review/room/${id}`, 'staff.decideRoom', {
			roomId: String(id),
			decision: 'reject',
			reason: '   ',
			...seenOf(id),
		});
		const html = await response.text();
		expect([
			response.status,
			readFieldErrors(html),
			readPage(html).text('[role=alert]'),
			roomRow(id).review_status,
			events('room', id),
		]).toEqual([
			400,
			{ 'reason-reject': '不通过时必须填写原因，商家会看到这段说明。' },
			'提交未成功，请按提示修改标出的内容。',
			'submitted',
			[],
		]);
	});

	it('rejecting with a reason records it once, and the merchant reads it on their rooms pages', async () => {
		const id = w.submitted2.id;
		const client = clientWith(server, w.tokens.staff);
		const response = await client.post(`/staff/review/room/${id}`, 'staff.decideRoom', {
			roomId: String(id),
			decision: 'reject',
			reason: '直播时间与另一场重叠，请调整。',
			...seenOf(id),
		});
		const merchant = clientWith(server, w.tokens.merchant);
		const list = readPage(await (await merchant.get('/merchant/rooms')).text());
		const edit = readPage(await (await merchant.get(`/merchant/rooms/${id}`)).text());
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			`/staff/review/room/${w.submitted.id}?decided=rejected&room=${id}`,
		]);
		expect([roomRow(id).review_status, roomRow(id).review_note]).toEqual([
			'rejected',
			'直播时间与另一场重叠，请调整。',
		]);
		expect(
			events('room', id).map((e) => [
				e.action,
				e.actor_name,
				e.reason,
				JSON.parse(e.before),
				JSON.parse(e.after),
			]),
		).toEqual([
			[
				'room.reject',
				'reviewer@bureau.gov.cn',
				'直播时间与另一场重叠，请调整。',
				{ reviewStatus: 'submitted' },
				{ reviewStatus: 'rejected', reviewNote: '直播时间与另一场重叠，请调整。' },
			],
		]);
		expect([list.texts(`[data-room-id="${id}"] .notice`), edit.text('main .notice')]).toEqual([
			['审核意见：直播时间与另一场重叠，请调整。'],
			'审核意见：直播时间与另一场重叠，请调整。',
		]);
	});

	it('approving makes the room public and searchable, with one audit event', async () => {
		const id = w.submitted.id;
		const before = await server.get(`/rooms/${id}`);
		await before.arrayBuffer();
		const client = clientWith(server, w.tokens.staff);
		const response = await client.post(`/staff/review/room/${id}`, 'staff.decideRoom', {
			roomId: String(id),
			decision: 'approve',
			...seenOf(id),
		});
		const after = await server.get(`/rooms/${id}`);
		await after.arrayBuffer();
		const search = (await (
			await server.get(`/api/search?q=${encodeURIComponent('荔枝节女装')}`)
		).json()) as {
			hits: { id: number }[];
		};
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			`/staff/review?decided=approved&room=${id}`,
		]);
		expect([before.status, after.status, search.hits.map((h) => h.id).includes(id)]).toEqual([
			404,
			200,
			true,
		]);
		expect(events('room', id).map((e) => e.action)).toEqual(['room.approve']);
	});

	it('two staff deciding the same room at once: one wins, the other is told it was already decided', async () => {
		const id = w.approved[2]!.id;
		// Put the room back in the queue as its merchant would, then let two reviewers race.
		const merchant = clientWith(server, w.tokens.merchant);
		const edit = await merchant.post(`/merchant/rooms/${id}`, 'rooms.save', {
			roomId: String(id),
			title: '老字号手信上新',
			anchorName: '主播小李',
			start: '2026-06-07T16:00',
			end: '2026-06-07T17:00',
			productName: [''],
			productPriceType: ['fixed'],
			productPrice: [''],
			productPrice2: [''],
		});
		await edit.arrayBuffer();
		const seen = seenOf(id);
		const auditBefore = events('room', id).length;
		const [a, b] = await Promise.all([
			clientWith(server, w.tokens.staff).post(`/staff/review/room/${id}`, 'staff.decideRoom', {
				roomId: String(id),
				decision: 'approve',
				...seen,
			}),
			clientWith(server, w.tokens.staff2).post(`/staff/review/room/${id}`, 'staff.decideRoom', {
				roomId: String(id),
				decision: 'reject',
				reason: '标题与商品不符。',
				...seen,
			}),
		]);
		const pages = [await a.text(), await b.text()];
		const statuses = [a.status, b.status].sort();
		const loser = a.status === 303 ? pages[1]! : pages[0]!;
		const winner = a.status === 303 ? 'approved' : 'rejected';
		const loserPage = readPage(loser);
		expect([edit.status, seen.seenStatus]).toEqual([303, 'submitted']);
		expect(statuses).toEqual([303, 409]);
		expect([loserPage.text('[role=alert]'), loserPage.text('main .badge')]).toEqual([
			'这一条已被其他工作人员处理，你的决定没有生效。页面上方是它现在的状态。',
			winner === 'approved' ? '已通过' : '未通过',
		]);
		expect([roomRow(id).review_status, events('room', id).length - auditBefore]).toEqual([
			winner,
			1,
		]);
	});

	it('a decision on a room its merchant changed since the page was opened is refused', async () => {
		const id = w.approved[1]!.id;
		const merchant = clientWith(server, w.tokens.merchant);
		const first = await merchant.post(`/merchant/rooms/${id}`, 'rooms.save', {
			roomId: String(id),
			title: '荔枝采摘直播第一版',
			anchorName: '主播小李',
			start: '2026-06-07T15:00',
			end: '2026-06-07T16:00',
			productName: [''],
			productPriceType: ['fixed'],
			productPrice: [''],
			productPrice2: [''],
		});
		await first.arrayBuffer();
		const stale = { seenStatus: 'submitted', seenAt: String(roomRow(id).updated_at - 1) };
		const response = await clientWith(server, w.tokens.staff).post(
			`/staff/review/room/${id}`,
			'staff.decideRoom',
			{ roomId: String(id), decision: 'approve', ...stale },
		);
		expect([
			response.status,
			readPage(await response.text()).text('[role=alert]'),
			roomRow(id).review_status,
		]).toEqual([
			409,
			'你打开页面后这一条被修改过，决定没有生效。请查看最新内容后再审核。',
			'submitted',
		]);
	});
});

describe('bulk approval', () => {
	it('approves the selection in one go and lists the items someone else decided first', async () => {
		const ids = w.approved.map((r) => r.id);
		// approved[1] waits (edited by its merchant above); approved[2] was decided in the race.
		const items = [ids[1]!, ids[2]!].map((id) => `${id}:${roomRow(id).updated_at}`);
		const decidedBefore = roomRow(ids[2]!).review_status;
		const auditBefore = queryDb<{ n: number }>(
			server.file,
			'select count(*) n from audit_event',
		)[0]!.n;
		const client = clientWith(server, w.tokens.staff);
		const response = await client.post('/staff/review', 'staff.bulkApprove', {
			queue: 'rooms',
			items,
		});
		const location = response.headers.get('location')!;
		const page = readPage(await (await client.get(location)).text());
		const auditAfter = queryDb<{ n: number }>(server.file, 'select count(*) n from audit_event')[0]!
			.n;
		expect([response.status, location]).toEqual([
			303,
			`/staff/review?queue=rooms&approved=1&skipped=${ids[2]}%3A${decidedBefore}`,
		]);
		expect([roomRow(ids[1]!).review_status, auditAfter - auditBefore]).toEqual(['approved', 1]);
		expect(page.text('[role=status]')).toBe(
			`已通过 1 条。 1 条在你打开列表后已被他人处理或被商家修改，已跳过： #${ids[2]} · ${decidedBefore === 'approved' ? '已通过' : '未通过'}`,
		);
	});

	it('an empty selection is refused with a message by the button', async () => {
		const response = await clientWith(server, w.tokens.staff).post(
			'/staff/review',
			'staff.bulkApprove',
			{
				queue: 'rooms',
			},
		);
		const html = await response.text();
		expect([response.status, readPage(html).text('main p.error[role=alert]')]).toEqual([
			400,
			'请至少勾选一条。',
		]);
	});
});

describe('deciding a registration', () => {
	it('rejecting needs a reason; with one the merchant reads it; approving afterwards clears it', async () => {
		const id = w.pending.id;
		const seen = () => {
			const row = queryDb<{ status: string; updated_at: number }>(
				server.file,
				'select status, updated_at from merchant where id = ?',
				id,
			)[0]!;
			return { seenStatus: row.status, seenAt: String(row.updated_at) };
		};
		const client = clientWith(server, w.tokens.staff);
		const path = `/staff/review/merchant/${id}`;
		const noReason = await client.post(path, 'staff.decideMerchant', {
			merchantId: String(id),
			decision: 'reject',
			...seen(),
		});
		const noReasonErrors = readFieldErrors(await noReason.text());
		const rejected = await client.post(path, 'staff.decideMerchant', {
			merchantId: String(id),
			decision: 'reject',
			reason: '营业执照名称与登记不一致。',
			...seen(),
		});
		await rejected.arrayBuffer();
		const note = queryDb<{ status: string; review_note: string }>(
			server.file,
			'select status, review_note from merchant where id = ?',
			id,
		)[0];
		const approved = await client.post(path, 'staff.decideMerchant', {
			merchantId: String(id),
			decision: 'approve',
			...seen(),
		});
		await approved.arrayBuffer();
		expect([noReason.status, noReasonErrors]).toEqual([
			400,
			{ 'reason-reject': '不通过时必须填写原因，商家会看到这段说明。' },
		]);
		expect([rejected.status, note]).toEqual([
			303,
			{ status: 'rejected', review_note: '营业执照名称与登记不一致。' },
		]);
		expect(approved.status).toBe(303);
		expect(events('merchant', id).map((e) => [e.action, e.reason])).toEqual([
			['merchant.reject', '营业执照名称与登记不一致。'],
			['merchant.approve', null],
		]);
	});
});
