/** The one logger writes JSON lines and no personal data, whatever a caller passes it. */
import { createLogger, REDACTED } from '../../services/log';

const citizen = {
  text: 'Lubang besar di Jalan Ipoh depan rumah saya',
  contact: { name: 'Siti Aminah binti Abdullah', phone: '+60 12-345 6789', email: 'siti.aminah@example.my' },
  location: { text: 'No. 12, Jalan Ipoh, 51200 Kuala Lumpur', point: { coordinates: [101.69, 3.17] } },
  token: 'dl1.eyJhbGciOiJIUzI1NiJ9.abc.def',
  channel: { conversationReference: { user: { id: 'tg-991234567', name: 'Siti' } } },
};
const personal = [
  'Lubang besar',
  'Siti',
  'Aminah',
  '345 6789',
  'siti.aminah@example.my',
  'Jalan Ipoh',
  '51200',
  '101.69',
  'eyJhbGciOiJIUzI1NiJ9',
  'tg-991234567',
];

test('a log line of a whole feedback record contains none of its personal data', () => {
  const lines: string[] = [];
  const log = createLogger('debug', (l) => lines.push(l));
  log.info('feedback.filed', { reference: 'SRA-7KX4-M9PQ', record: citizen, ...citizen });
  log.error('turn failed', { code: 'E1', note: 'call me on 012-3456789 or siti.aminah@example.my' });
  log.warn('free text in the message slot siti.aminah@example.my +60123456789', {});
  expect(lines).toHaveLength(3);
  const all = lines.join('\n');
  for (const p of personal) expect(all).not.toContain(p);
  expect(all).not.toContain('0123456789');
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(first).toMatchObject({ level: 'info', msg: 'feedback.filed', reference: 'SRA-7KX4-M9PQ' });
  expect(first.text).toBe(REDACTED);
  expect(typeof first.time).toBe('string');
});

test('error class names and codes stay readable', () => {
  const lines: string[] = [];
  createLogger('info', (l) => lines.push(l)).warn('delivery.unexpected', { name: 'TypeError', code: 'X1' });
  expect(JSON.parse(lines[0]!)).toMatchObject({ name: 'TypeError', code: 'X1' });
});

test('lines below the level are not written', () => {
  const lines: string[] = [];
  createLogger('warn', (l) => lines.push(l)).info('hidden');
  expect(lines).toHaveLength(0);
});
