import type { securityZhCN } from './security.zh-cn';

export const securityEn: Record<keyof typeof securityZhCN, string> = {
	'form.controlChars':
		'This contains control characters (invisible special characters). Please delete them and type it again.',
	'form.bidiControl':
		'This contains hidden characters that change the direction text is shown in, so it could look different from what it is. Please delete them.',
	'form.invisibleOnly':
		'This contains only invisible characters (such as zero-width spaces). Please enter real text.',

	'import.colRow': 'Row',
	'import.outcome.refused': 'Not imported',
	'import.refusedCount':
		'{count} rows could not be imported; each is listed with its reason. The other rows were processed.',
	'import.refusedField': 'Field {field}: {reason}',
	'import.rowsRefused':
		'Field {field} of row {row} could not be read ({count} rows have problems); nothing was synced this time.',
	'import.field.missing': 'Missing or empty (null).',
	'import.field.type': 'The wrong type (e.g. text where a number belongs).',
	'import.field.negative': 'Cannot be negative.',
	'import.field.range': 'Out of the allowed range.',
	'import.field.tooLong': 'Too long.',
	'import.field.choice': 'Not one of the allowed values.',
	'import.field.invalid': 'Not in the expected format.',
	'import.field.markup': 'Contains HTML markup (< or >).',

	'twoFactor.nav': 'Two-step sign-in',
	'twoFactor.title': 'Two-step sign-in',
	'twoFactor.badge': 'Two-step sign-in on',
	'twoFactor.on': 'Two-step sign-in is on',
	'twoFactor.since': 'Turned on: {time}',
	'twoFactor.recoveryLeft': 'Recovery codes left: {count}.',
	'twoFactor.lostPhone':
		'If you lose or change your phone, ask another admin to reset your two-step sign-in under Accounts, then set it up again.',
	'twoFactor.requiredForAdmins': 'Admins must turn on two-step sign-in before using the console.',
	'twoFactor.enrol.title': 'Set up an authenticator app',
	'twoFactor.enrol.scan':
		'Scan the QR code with an authenticator app on your phone (such as Microsoft Authenticator or Google Authenticator).',
	'twoFactor.enrol.qrLabel': 'QR code to add this account to an authenticator app',
	'twoFactor.enrol.manual': 'If you cannot scan it, type this key into the app:',
	'twoFactor.enrol.enterCode': 'Enter the 6-digit code the app shows, to confirm it works.',
	'twoFactor.enrol.submit': 'Turn on two-step sign-in',
	'twoFactor.enrolled':
		'Two-step sign-in is on. From now on, signing in asks for a code after your password.',
	'twoFactor.recovery.title': 'Recovery codes',
	'twoFactor.recovery.intro':
		'Write down or print these 10 recovery codes now and keep them safe. Each one replaces a code once when your phone is not at hand. They are shown only this once.',
	'twoFactor.continue': 'Continue',
	'twoFactor.code.title': 'Enter your code',
	'twoFactor.code.intro':
		'{email} has two-step sign-in. Enter the 6-digit code from your authenticator app.',
	'twoFactor.code.label': 'Code',
	'twoFactor.code.hint':
		'The 6-digit code; without your phone, a recovery code (like ABCD-EFGH-JKLM-NPQR).',
	'twoFactor.code.submit': 'Verify and sign in',
	'twoFactor.code.cancel': 'Cancel and sign out',
	'twoFactor.wrongCode': 'This code is wrong, expired or already used.',
	'twoFactor.codeShape': 'Enter the 6-digit code, or a 16-character recovery code.',
	'twoFactor.keyInvalid': 'The key is not valid. Reload the page to start the setup again.',
	'twoFactor.alreadyEnrolled': 'Two-step sign-in is already on.',
	'twoFactor.enrolFirst': 'Turn on two-step sign-in first.',
	'twoFactor.noSecretsKey':
		'The server has no encryption key (SECRETS_KEY), so two-step sign-in cannot be turned on yet. Please contact the operators.',
	'staff.cli.noSecretsKey':
		'Note: SECRETS_KEY is not set. An admin must turn on two-step sign-in at the first sign-in, which needs SECRETS_KEY: set it in the service environment first (openssl rand -base64 32).',
	'staff.accounts.resetTwoFactor': 'Reset two-step sign-in',
	'staff.accounts.done.resetTwoFactor':
		'Two-step sign-in reset; the account was signed out everywhere and sets it up again at its next sign-in.',

	'privacy.footerLink': 'Privacy notice',
	'privacy.readNotice': 'Read the privacy notice',
	'privacy.signupNote':
		'By creating an account you acknowledge how we use your email and sign-in details.',
	'privacy.registerNote':
		'This form collects your business details and a contact person’s name and mobile number, used only to review your registration and to reach you. They are never published.',
	'privacy.title': 'Privacy notice',
	'privacy.intro':
		'This portal is run by the city’s commerce bureau to show every live room of the festival. This page says what we keep, why, and for how long.',
	'privacy.visitors.heading': 'Visitors watching the festival',
	'privacy.visitors.account':
		'You need no account to browse, search or open a room. We use no tracking cookies and do not record what you looked at.',
	'privacy.visitors.starred':
		'The rooms you star stay in your own browser (localStorage); your list is never sent to us. When you add a star, we count stars per room and day only, not who starred.',
	'privacy.visitors.opens':
		'When you open a room, we count opens per room, way in and day only, not who opened it.',
	'privacy.merchants.heading': 'Merchants taking part',
	'privacy.merchants.what':
		'We keep: your sign-in email, your password (only as a one-way hash), your business registration (legal name, unified social credit code, district, category, mini program AppID and page path), and the rooms and products you submit.',
	'privacy.merchants.contact':
		'The contact person’s name and mobile number you register are used only by the bureau to review the registration and to reach you about the festival.',
	'privacy.merchants.why':
		'Why: to let you sign in and manage your rooms, to let the bureau review registrations and rooms, and to show approved rooms on the portal.',
	'privacy.merchants.public':
		'Only your business’s display name, your rooms and their products are published. The contact’s name and mobile and the credit code are never published; only bureau staff can see and export them.',
	'privacy.merchants.secrets':
		'A WeChat AppSecret you give for syncing rooms is stored encrypted and never shown again on any page.',
	'privacy.security.heading': 'Security records',
	'privacy.security.address':
		'To stop password guessing and inflated counts, we count attempts per network address and account; the counters hold only one-way hashes of the address and email.',
	'privacy.security.audit':
		'Submissions, changes and review decisions are written to an audit log: who did what, when, and from which network address.',
	'privacy.security.staff':
		'When you sign in we keep a short description of your browser, so you can tell your sessions apart on your account page.',
	'privacy.retention.heading': 'How long',
	'privacy.retention.sessions':
		'Sign-ins: a merchant’s ends after 7 days unused and after 30 days at most; bureau staff’s after 30 minutes unused and 12 hours at most.',
	'privacy.retention.counters': 'Attempt counters: one day at most.',
	'privacy.retention.account': 'Your account and registration: until you ask us to delete them.',
	'privacy.retention.audit':
		'The audit log: kept permanently as a public-administration record; no one can change or delete it.',
	'privacy.rights.heading': 'Your rights',
	'privacy.rights.see':
		'You can see and correct your registration and rooms in the merchant area at any time.',
	'privacy.rights.delete':
		'To have your account and registration deleted, contact the festival’s organiser (the city’s commerce bureau). Audit records of decisions already made are kept.',
	'privacy.rights.accountLink': 'See my account',
};
