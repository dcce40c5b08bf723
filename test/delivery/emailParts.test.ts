/** The parts of email delivery that need no server: the message, the endpoint schema, SMTP outcomes, start-up. */
import { deliveryEndpointSchema } from '../../services/agencies/directory';
import { composeEmail } from '../../services/delivery/emailMessage';
import { messageIdFor, type Mailer } from '../../services/delivery/mailer';
import { MailConfigError, setupMail } from '../../services/delivery/mailSetup';
import { smtpFailure } from '../../services/delivery/smtpOutcome';
import { createLocalizer } from '../../services/i18n';
import { makeRecord } from './helpers';

const { t } = createLocalizer();
const compose = (over: Parameters<typeof makeRecord>[0], first: 'ms' | 'en' = 'ms') =>
  composeEmail(makeRecord(over), { first, t, dashboardUrl: 'https://suara.example.gov.my/' });

describe('the message a body receives', () => {
  test('a body that prefers English reads English first, Malay second', () => {
    const { text, html, subject } = compose({}, 'en');
    expect(subject).toMatch(/\] New complaint \/ Aduan baharu: Roads and footpaths \/ Jalan dan laluan/);
    expect(text.indexOf('New complaint through Suara')).toBeLessThan(
      text.indexOf('Aduan baharu melalui Suara'),
    );
    expect(text).toContain('Reference / Nombor rujukan:');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<span lang="ms">Aduan baharu melalui Suara</span>');
  });

  test('contact details appear only with consent; a Telegram Bot API URL (it holds the token) is never linked', () => {
    const consented = compose({
      anonymous: false,
      consent: { contact: true, at: new Date() },
      contact: { name: 'Aminah Binti Ali', phone: '+60123456789' },
      attachments: [
        { contentType: 'image/jpeg', url: 'https://api.telegram.org/file/bot123:SECRET/photos/1.jpg' },
        { contentType: 'image/jpeg', url: 'https://suara.example.gov.my/files/2.jpg?sig=ab' },
      ],
    });
    expect(consented.text).toContain('Hubungi / Contact: Aminah Binti Ali, +60123456789');
    expect(consented.text).not.toContain('SECRET');
    expect(consented.html).not.toContain('SECRET');
    expect(consented.text).toContain('1. https://suara.example.gov.my/files/2.jpg?sig=ab');
    const anonymous = compose({ contact: { phone: '+60111111111' }, attachments: [] });
    expect(anonymous.text).not.toContain('+60111111111');
    expect(anonymous.text).toContain('Foto / Photos:\nTiada foto / No photos');
  });

  test('a place typed with markup is escaped in the HTML, and the dashboard link has no double slash', () => {
    const { html, text } = compose({ location: { text: 'Jalan "Ampang" <b>5</b>' } });
    expect(html).toContain('Jalan &quot;Ampang&quot; &lt;b&gt;5&lt;/b&gt;');
    expect(html).not.toContain('<b>5</b>');
    expect(text).toMatch(/https:\/\/suara\.example\.gov\.my\/dashboard#\/feedback\/SRA-/);
  });

  test('the Message-ID depends only on the reference and the sender domain', () => {
    expect(messageIdFor('SRA-7KX4-M9PQ', 'Suara <suara@aduan.gov.my>')).toBe(
      '<suara.SRA-7KX4-M9PQ@aduan.gov.my>',
    );
    expect(messageIdFor('SRA-7KX4-M9PQ', 'suara@aduan.gov.my')).toBe('<suara.SRA-7KX4-M9PQ@aduan.gov.my>');
  });
});

describe('email endpoints in the directory', () => {
  test('accepts to/cc/language and refuses a malformed address or an empty list', () => {
    expect(
      deliveryEndpointSchema.safeParse({
        kind: 'email',
        to: ['aduan@mbpp.gov.my'],
        cc: ['ketua@mbpp.gov.my'],
        language: 'en',
      }).success,
    ).toBe(true);
    expect(deliveryEndpointSchema.safeParse({ kind: 'inbox' }).success).toBe(true);
    expect(deliveryEndpointSchema.safeParse({ kind: 'email', to: [] }).success).toBe(false);
    expect(
      deliveryEndpointSchema.safeParse({ kind: 'email', to: ['MBPP <aduan@mbpp.gov.my>'] }).success,
    ).toBe(false);
    expect(deliveryEndpointSchema.safeParse({ kind: 'email', to: ['aduan@mbpp'] }).success).toBe(false);
    expect(deliveryEndpointSchema.safeParse({ kind: 'email', to: ['a@b.my'], bcc: ['x@y.my'] }).success).toBe(
      false,
    );
  });
});

describe('SMTP outcomes', () => {
  test.each([
    [{ responseCode: 550, response: '550 5.1.1 No such user' }, 'DeliveryRejectedError', 'SMTP_REJECTED'],
    [{ responseCode: 554, response: '554 Transaction failed' }, 'DeliveryRejectedError', 'SMTP_REJECTED'],
    [{ responseCode: 451, response: '451 Try later' }, 'DeliveryTransportError', 'SMTP_DEFERRED'],
    [{ responseCode: 421, response: '421 Closing' }, 'DeliveryTransportError', 'SMTP_DEFERRED'],
    [{ responseCode: 503, response: '503 Bad sequence' }, 'DeliveryTransportError', 'SMTP_DEFERRED'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'DeliveryTransportError', 'NETWORK'],
    [{ code: 'ECONNECTION' }, 'DeliveryTransportError', 'NETWORK'],
    [{ code: 'ETIMEDOUT' }, 'DeliveryTransportError', 'TIMEOUT'],
    [{ code: 'EAUTH', responseCode: 535 }, 'DeliveryConfigError', 'SMTP_AUTH'],
    [{ code: 'EENVELOPE' }, 'DeliveryConfigError', 'SMTP_CONFIG'],
  ])('%j → %s %s', (err, name, code) => {
    const e = smtpFailure(Object.assign(new Error('x'), err));
    expect([e.name, e.code]).toEqual([name, code]);
  });
});

describe('start-up without and with SMTP', () => {
  const email = { kind: 'email' as const, to: ['aduan@mbpp.gov.my'] };
  const base = { timeoutMs: 1000, dashboardUrl: 'http://127.0.0.1:3978', production: false };

  test('no SMTP_URL: starts, email bodies use the inbox, and a warning says how many', () => {
    const s = setupMail({ ...base, endpoints: [email, email, { kind: 'inbox' }] });
    expect(s.mail).toBeUndefined();
    expect(s.warning).toMatch(/SMTP_URL is not set: 2 email endpoint\(s\)/);
    expect(s.line).toMatch(/^Email delivery: off/);
    expect(setupMail({ ...base, endpoints: [{ kind: 'inbox' }] }).warning).toBeUndefined();
  });

  test('production with email bodies and no SMTP_URL refuses to start; bad MAIL_FROM refuses too', () => {
    expect(() => setupMail({ ...base, production: true, endpoints: [email] })).toThrow(MailConfigError);
    expect(() => setupMail({ ...base, production: true, endpoints: [{ kind: 'inbox' }] })).not.toThrow();
    expect(() => setupMail({ ...base, smtpUrl: 'smtp://mail.example:587', endpoints: [] })).toThrow(
      /MAIL_FROM/,
    );
  });

  test('SMTP_URL and MAIL_FROM: a mailer, and a start-up line that names the host but never the password', () => {
    const made: unknown[] = [];
    const s = setupMail({
      ...base,
      smtpUrl: 'smtp://suara:hunter2@mail.example.gov.my:587',
      from: 'Suara <suara@example.gov.my>',
      endpoints: [email],
      createMailer: (o) => {
        made.push(o);
        return { from: o.from } as Mailer;
      },
    });
    expect(s.mail?.dashboardUrl).toBe('http://127.0.0.1:3978');
    expect(made).toEqual([
      expect.objectContaining({ url: 'smtp://suara:hunter2@mail.example.gov.my:587', timeoutMs: 1000 }),
    ]);
    expect(s.line).toBe(
      'Email delivery: SMTP mail.example.gov.my:587 as suara@example.gov.my (1 email endpoint(s))',
    );
    expect(s.line).not.toContain('hunter2');
  });
});
