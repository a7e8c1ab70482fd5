/**
 * The emails AIHub sends, in the reader's language (the console's language when they asked):
 * a subject, plain text and simple HTML. Pure.
 */

export type MailLanguage = 'en' | 'zh';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

interface LinkEmailWords {
  subject: string;
  intro: string;
  button: string;
  expiry: string;
  ignore: string;
}

const VERIFY: Record<MailLanguage, LinkEmailWords> = {
  en: {
    subject: 'Confirm your email address',
    intro: 'Please confirm that this is your email address by opening the link below.',
    button: 'Confirm email address',
    expiry: 'The link works once, for 24 hours.',
    ignore: 'If you did not create an account, you can ignore this email.',
  },
  zh: {
    subject: '确认你的邮箱地址',
    intro: '请打开下面的链接，确认这是你的邮箱地址。',
    button: '确认邮箱地址',
    expiry: '链接只能使用一次，24 小时内有效。',
    ignore: '如果你没有注册账户，请忽略这封邮件。',
  },
};

const RESET: Record<MailLanguage, LinkEmailWords> = {
  en: {
    subject: 'Reset your password',
    intro: 'Someone asked to reset the password of your account. Open the link below to choose a new one.',
    button: 'Choose a new password',
    expiry: 'The link works once, for 30 minutes. Setting a new password signs you out everywhere.',
    ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
  zh: {
    subject: '重置你的密码',
    intro: '有人请求重置你账户的密码。打开下面的链接来设置新密码。',
    button: '设置新密码',
    expiry: '链接只能使用一次，30 分钟内有效。设置新密码后，你会在所有设备上退出登录。',
    ignore: '如果不是你本人的请求，请忽略这封邮件，你的密码不会改变。',
  },
};

const TEST: Record<MailLanguage, { subject: string; body: string }> = {
  en: { subject: 'AIHub test email', body: 'Mail from AIHub reaches this address. The SMTP settings work.' },
  zh: { subject: 'AIHub 测试邮件', body: 'AIHub 的邮件可以送达这个地址，SMTP 设置可用。' },
};

export function verificationEmail(language: MailLanguage, link: string): MailContent {
  return linkEmail(VERIFY[language], link);
}

export function passwordResetEmail(language: MailLanguage, link: string): MailContent {
  return linkEmail(RESET[language], link);
}

export function testEmail(language: MailLanguage): MailContent {
  const words = TEST[language];
  return { subject: words.subject, text: `${words.body}\n`, html: `<p>${escapeHtml(words.body)}</p>` };
}

function linkEmail(words: LinkEmailWords, link: string): MailContent {
  const text = [words.intro, '', link, '', words.expiry, words.ignore, ''].join('\n');
  const href = escapeHtml(link);
  const html = [
    `<p>${escapeHtml(words.intro)}</p>`,
    `<p><a href="${href}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(words.button)}</a></p>`,
    `<p style="color:#555555;font-size:13px">${escapeHtml(link)}</p>`,
    `<p style="color:#555555;font-size:13px">${escapeHtml(words.expiry)}<br>${escapeHtml(words.ignore)}</p>`,
  ].join('\n');
  return { subject: words.subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
