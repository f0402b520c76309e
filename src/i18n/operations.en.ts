import type { operationsZhCN } from './operations.zh-cn';

export const operationsEn: Record<keyof typeof operationsZhCN, string> = {
	'setup.usage':
		'Usage: npm run festival:setup -- <file.json> [--check] [--lang en]\n  --check  check the file only, write nothing\n  --lang   language of the messages: zh-cn (default) or en\nThe file is described by deploy/festival.example.json. It writes to the database DATABASE_PATH names (now: {file}).',
	'setup.readFailed': 'Cannot read {file}: {reason}',
	'setup.invalid': '{file} has {count} problem(s); nothing was written:',
	'setup.checked': '{file} is valid (nothing written).',
	'setup.done': 'Festival {slug} (id {id}) {change} in {database}.',
	'setup.change.created': 'created',
	'setup.change.updated': 'updated',
	'setup.change.unchanged': 'checked (no change)',
	'setup.list': '{list}: {created} created, {updated} updated, {unchanged} unchanged.',
	'setup.kept': '{list} not in the file were kept (rooms may use them): {codes}',
	'setup.reindexed': 'Search index updated for {rooms} rooms (district or category names changed).',
	'setup.rebuilt': 'The festival was published or withdrawn: the search index was rebuilt.',
	'setup.unpublished':
		'The festival is not published yet: an admin publishes it in the festival settings, or set "published": true in the file and run this again.',
	'setup.listDistricts': 'Districts',
	'setup.listCategories': 'Categories',
	'setup.json': 'Not valid JSON (near line {line}, column {column}).',
	'setup.type': 'Wrong type: expected {expected}.',
	'setup.unknownKey': 'Unknown key: {keys} (a typo?)',
	'setup.code':
		'A code is lower-case letters, digits and hyphens, starting with a letter, at most 32 characters.',
	'setup.slug': 'A slug is lower-case letters, digits and hyphens, 2–64 characters.',
	'setup.date': 'A date as YYYY-MM-DD, e.g. 2026-06-06.',
	'setup.localTime': "A time in the festival's zone as YYYY-MM-DDTHH:MM, e.g. 2026-05-20T09:00.",
	'setup.listEmpty': 'At least one entry is needed.',
	'setup.listLong': 'At most {max} entries.',
	'setup.duplicate': 'The same code as {first}.',
	'setup.renameClash':
		'Both the old and the new code exist in the database: which entry is meant cannot be told.',
	'setup.reportEarly': "The results deadline must be after the festival's last day.",
	'setup.venuesLater': 'This version does not support venues yet: remove this key.',

	'privacy.security.log':
		"The server's log records each request: the time, the kind of page (not which room, nor what was searched for), the answer and how long it took, and the network address with its last part removed (which names a network, not a device).",
	'privacy.retention.log': "The server's log: 30 days at most.",

	'notSetUp.title': 'This festival portal is not set up yet',
	'notSetUp.body':
		'There is no festival here yet. Once the festival file is ready, the operators run this command on the server:',
	'notSetUp.then':
		'Then they create the first admin with npm run staff:create, who signs in to the console and publishes the festival.',

	'staff.nav.reference': 'Districts & categories',
	'staff.reference.title': 'Districts and categories',
	'staff.reference.intro':
		'Districts and categories are the filters of every list. A new name shows on every page and in search; the code is part of addresses and cannot change once created. To set everything up at once, use npm run festival:setup.',
	'staff.reference.districts': 'Districts',
	'staff.reference.categories': 'Categories',
	'staff.reference.code': 'Code',
	'staff.reference.nameZh': 'Chinese name',
	'staff.reference.nameEn': 'English name',
	'staff.reference.sort': 'Order',
	'staff.reference.save': 'Save',
	'staff.reference.add': 'Add',
	'staff.reference.addDistrict': 'Add a district',
	'staff.reference.addCategory': 'Add a category',
	'staff.reference.saved': 'Saved.',
	'staff.reference.codeTaken': 'This code is already used.',
	'staff.reference.sortInvalid': 'A whole number from 0 to 9999.',
};
