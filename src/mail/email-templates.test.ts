import { describe, expect, it } from 'vitest';
import { passwordResetEmail, testEmail, verificationEmail } from './email-templates.js';

describe('email templates', () => {
  it('put the link in the text and, escaped, in the HTML', () => {
    const link = 'https://ai.example.com/reset-password?token=a&b=<x>';
    const email = passwordResetEmail('en', link);
    expect(email.subject).toBe('Reset your password');
    expect(email.text).toContain(link);
    expect(email.html).toContain('https://ai.example.com/reset-password?token=a&#38;b=&#60;x&#62;');
    expect(email.html).not.toContain('<x>');
  });

  it('speak Chinese to a Chinese reader', () => {
    expect(verificationEmail('zh', 'https://h/verify-email?token=t').subject).toBe('确认你的邮箱地址');
    expect(passwordResetEmail('zh', 'https://h/r').text).toContain('30 分钟');
    expect(testEmail('zh').subject).toContain('测试邮件');
    expect(verificationEmail('zh', 'x').text).not.toContain('您');
  });
});
