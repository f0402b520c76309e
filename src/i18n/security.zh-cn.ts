/** Messages of issue 14: text rules, the import's row report, two-step sign-in, privacy. */
export const securityZhCN = {
	'form.controlChars': '含有控制字符（看不见的特殊字符），请删除后重新输入。',
	'form.bidiControl': '含有改变文字显示方向的隐藏字符，可能让内容看起来与实际不同，请删除。',
	'form.invisibleOnly': '只有看不见的字符（如零宽空格），请填写真实内容。',

	'import.colRow': '行',
	'import.outcome.refused': '未导入',
	'import.refusedCount': '有 {count} 行无法导入，原因已逐行列出；其他行已正常处理。',
	'import.refusedField': '字段 {field}：{reason}',
	'import.rowsRefused': '第 {row} 行的字段 {field} 无法读取（共 {count} 行有问题），本次未同步。',
	'import.field.missing': '缺少此项或为空（null）。',
	'import.field.type': '类型不对（例如应为数字却是文字）。',
	'import.field.negative': '不能是负数。',
	'import.field.range': '数值超出允许范围。',
	'import.field.tooLong': '内容太长。',
	'import.field.choice': '不是允许的取值。',
	'import.field.invalid': '格式不正确。',
	'import.field.markup': '含有 HTML 标记（< 或 >）。',

	'twoFactor.nav': '两步验证',
	'twoFactor.title': '两步验证',
	'twoFactor.badge': '已开启两步验证',
	'twoFactor.on': '两步验证已开启',
	'twoFactor.since': '开启时间：{time}',
	'twoFactor.recoveryLeft': '剩余可用恢复码：{count} 个。',
	'twoFactor.lostPhone':
		'手机丢失或更换时，请另一位管理员在“账号管理”中重置你的两步验证，然后重新设置。',
	'twoFactor.requiredForAdmins': '管理员必须先开启两步验证，才能使用管理后台。',
	'twoFactor.enrol.title': '设置验证器应用',
	'twoFactor.enrol.scan':
		'用手机上的验证器应用（如 Microsoft Authenticator、Google Authenticator）扫描二维码。',
	'twoFactor.enrol.qrLabel': '用验证器应用扫描此二维码以添加账号',
	'twoFactor.enrol.manual': '无法扫码时，请在应用中手动输入密钥：',
	'twoFactor.enrol.enterCode': '输入应用显示的 6 位验证码，确认设置成功。',
	'twoFactor.enrol.submit': '开启两步验证',
	'twoFactor.enrolled': '两步验证已开启。以后登录时，输入密码后还需输入验证码。',
	'twoFactor.recovery.title': '恢复码',
	'twoFactor.recovery.intro':
		'请立即抄写或打印这 10 个恢复码，并妥善保管。手机不在身边时，每个恢复码可代替验证码使用一次。恢复码只显示这一次。',
	'twoFactor.continue': '继续',
	'twoFactor.code.title': '输入验证码',
	'twoFactor.code.intro': '{email} 已开启两步验证。请输入验证器应用中的 6 位验证码。',
	'twoFactor.code.label': '验证码',
	'twoFactor.code.hint':
		'6 位数字验证码；手机不在身边时，可输入一个恢复码（如 ABCD-EFGH-JKLM-NPQR）。',
	'twoFactor.code.submit': '验证并登录',
	'twoFactor.code.cancel': '取消并退出',
	'twoFactor.wrongCode': '验证码不正确、已过期或已经用过。',
	'twoFactor.codeShape': '请输入 6 位数字验证码，或 16 位恢复码。',
	'twoFactor.keyInvalid': '密钥无效，请刷新页面重新开始设置。',
	'twoFactor.alreadyEnrolled': '两步验证已经开启。',
	'twoFactor.enrolFirst': '请先开启两步验证。',
	'twoFactor.noSecretsKey':
		'服务器未配置加密密钥（SECRETS_KEY），暂时无法开启两步验证。请联系运维人员。',
	'staff.cli.noSecretsKey':
		'注意：未设置 SECRETS_KEY。管理员首次登录时必须开启两步验证，而开启需要 SECRETS_KEY；请先在服务环境中设置它（openssl rand -base64 32）。',
	'staff.accounts.resetTwoFactor': '重置两步验证',
	'staff.accounts.done.resetTwoFactor':
		'两步验证已重置，该账号的登录已全部退出；下次登录时需重新设置。',

	'privacy.footerLink': '隐私说明',
	'privacy.readNotice': '阅读隐私说明',
	'privacy.signupNote': '注册账号即表示你已了解我们如何使用你的邮箱和登录信息。',
	'privacy.registerNote':
		'登记表会收集企业信息以及联系人的姓名和手机号，仅用于审核和联系你，不会公开。',
	'privacy.title': '隐私说明',
	'privacy.intro':
		'本门户由城市商务主管部门运营，用于展示直播节的全部直播间。本页说明我们保存哪些信息、为什么保存、保存多久。',
	'privacy.visitors.heading': '浏览直播间的市民',
	'privacy.visitors.account':
		'浏览、搜索、打开直播间都不需要账号，我们不使用跟踪 Cookie，也不记录你看过什么。',
	'privacy.visitors.starred':
		'你收藏的直播间只保存在你自己的浏览器中（localStorage），收藏列表不会发送给我们。添加收藏时，我们只按直播间和日期累计收藏次数，不记录是谁收藏的。',
	'privacy.visitors.opens': '打开直播间时，我们只按直播间、方式和日期累计次数，不记录是谁打开的。',
	'privacy.merchants.heading': '参加直播节的商家',
	'privacy.merchants.what':
		'我们保存：登录邮箱、密码（只保存不可还原的哈希值）、企业登记信息（企业名称、统一社会信用代码、所在区、类目、小程序 AppID 和页面路径）、你提交的直播间和商品。',
	'privacy.merchants.contact':
		'登记时填写的联系人姓名和手机号，仅供主管部门审核登记和就直播节事务与你联系。',
	'privacy.merchants.why':
		'用途：让你登录并管理直播间；让主管部门审核登记和直播间；在门户上展示通过审核的直播间。',
	'privacy.merchants.public':
		'公开展示的只有企业展示名称、直播间和商品；联系人姓名、手机号和统一社会信用代码从不公开，只有主管部门工作人员可以查看和导出。',
	'privacy.merchants.secrets':
		'你为同步直播间填写的微信 AppSecret 会加密保存，任何页面都不再显示。',
	'privacy.security.heading': '安全记录',
	'privacy.security.address':
		'为防止猜测密码和刷量，我们按网络地址和账号统计尝试次数；计数只保存地址和邮箱的不可还原哈希值。',
	'privacy.security.audit':
		'提交、修改和审核等操作会写入审计日志：谁、做了什么、何时、从哪个网络地址。',
	'privacy.security.staff':
		'登录时我们会保存浏览器的简短描述，方便你在“账号”页区分自己的各个登录。',
	'privacy.retention.heading': '保存多久',
	'privacy.retention.sessions':
		'登录：商家 7 天不使用即失效，最长 30 天；工作人员 30 分钟不使用即失效，最长 12 小时。',
	'privacy.retention.counters': '尝试次数计数：最多保存一天。',
	'privacy.retention.account': '账号和登记信息：保存到你要求删除为止。',
	'privacy.retention.audit': '审计日志：作为政务记录长期保存，任何人都不能修改或删除。',
	'privacy.rights.heading': '你的权利',
	'privacy.rights.see': '你可以随时在商家后台查看和更正自己的登记信息和直播间。',
	'privacy.rights.delete':
		'如需删除账号和登记信息，请联系直播节主办方（城市商务主管部门）。审计日志中关于已做决定的记录会保留。',
	'privacy.rights.accountLink': '查看我的账号',
};
