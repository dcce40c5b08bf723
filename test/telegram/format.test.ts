import { escapeHtml, MAX_MESSAGE_LENGTH, splitForTelegram } from '../../bots/channels/telegram/format';
import { layoutRows } from '../../bots/channels/telegram/outbound';

describe('Telegram text formatting', () => {
  it('escapes the characters HTML parse mode reserves', () => {
    expect(escapeHtml('a < b && c > d <b>x</b>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;b&gt;x&lt;/b&gt;');
  });

  it('leaves a short message whole', () => {
    expect(splitForTelegram('Terima kasih. Aduan anda diterima!')).toEqual([
      'Terima kasih. Aduan anda diterima!',
    ]);
  });

  it('splits a 5,000-character reply at sentence boundaries, every part within 4,096', () => {
    const sentence = 'Jalan di Taman Melati berlubang besar dan berbahaya kepada penunggang motosikal. ';
    const text =
      sentence
        .repeat(Math.ceil(5000 / sentence.length))
        .slice(0, 5000)
        .trimEnd() + '.';
    const parts = splitForTelegram(text);
    expect(parts.length).toBe(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(parts[0].endsWith('motosikal.')).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('measures the escaped length, so escaping never pushes a part over the limit', () => {
    const text = '<&>'.repeat(3000);
    const parts = splitForTelegram(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(parts.join('')).toBe(escapeHtml(text));
  });

  it('falls back to words, then characters, for a sentence longer than the limit', () => {
    const text = 'kata '.repeat(1000) + 'x'.repeat(5000);
    const parts = splitForTelegram(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(parts.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(parts[0].endsWith('kata')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const parts = splitForTelegram('😀'.repeat(3000), 100);
    for (const p of parts) expect(p).toMatch(/^(😀)+$/u);
  });

  it('lays out buttons in short rows (five tiny rating buttons on one row)', () => {
    const rate = layoutRows(['1', '2', '3', '4', '5'].map((text) => ({ text })));
    expect(rate).toHaveLength(1);
    const menu = layoutRows(
      ['Aduan', 'Cadangan', 'Penghargaan', 'Pertanyaan', 'Semak status laporan saya'].map((text) => ({
        text,
      })),
    );
    expect(menu.flat()).toHaveLength(5);
    for (const row of menu) expect(row.map((b) => b.text).join('').length).toBeLessThanOrEqual(30);
  });
});
