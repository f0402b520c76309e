import { describe, expect, it } from 'vitest';
import { checkActionName, listActionNames } from '../../../src/lib/server/security/action-names';

/** Unit: which action a POST may name (src/lib/server/security/action-names.ts). */
const handler = Object.assign(() => undefined, { orThrow: () => undefined });
const server = { auth: { login: handler, logout: handler }, rooms: { save: handler } };
const known = listActionNames(server);
const check = (url: string, method = 'POST') =>
	checkActionName(method, new URL(url, 'http://portal.test'), known);

describe('action names', () => {
	it('listActionNames lists own handlers only', () => {
		expect([...known]).toEqual(['auth.login', 'auth.logout', 'rooms.save']);
	});

	it('prototype keys, members of handlers and unknown names never reach the lookup', () => {
		expect([
			check('/merchant/login?_action=auth.login'),
			check('/_actions/rooms.save'),
			check('/?_action=__proto__'),
			check('/?_action=auth'),
			check('/?_action=auth.__proto__'),
			check('/?_action=auth.login.call'),
			check('/?_action=auth.constructor'),
			check('/?_action=constructor.name'),
			check('/?_action=auth.nope'),
			check('/_actions/auth.login.call'),
			check('/_actions/__proto__'),
			check('/_actions/auth.%E0%A4%A'),
			check('/?_action=auth.login&_action=rooms.save'),
			check('/?_action='),
			check('/?_action=__proto__', 'GET'),
			check('/schedule'),
		]).toEqual([
			'known',
			'known',
			'malformed',
			'malformed',
			'malformed',
			'malformed',
			'unknown',
			'unknown',
			'unknown',
			'malformed',
			'malformed',
			'malformed',
			'malformed',
			'malformed',
			'none',
			'none',
		]);
	});
});
