/** Masked contact details for chat replies: enough to recognise your own, not enough to read someone else's. */

/** "Siti Aminah" → "S*** A*****". */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : `${[...w][0]}${'*'.repeat(Math.min([...w].length - 1, 6))}`))
    .join(' ');
}

/** "+60123456789" → "+60*******89": the first three and the last two characters. */
export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, '');
  if (p.length <= 5) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 5)}${p.slice(-2)}`;
}

/** "siti.aminah@example.my" → "s*********@example.my". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskPhone(email);
  const local = email.slice(0, at);
  return `${local[0]}${'*'.repeat(Math.min(local.length - 1, 8))}${email.slice(at)}`;
}
