/** scrypt hashing: verifies the right password only, salts every hash, rejects malformed hashes with a code. */
import { generatePassword, hashPassword, verifyPassword } from '../../services/staff/password';

describe('staff passwords', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('Kata-laluan-rahsia-1');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(await verifyPassword('Kata-laluan-rahsia-1', hash)).toBe(true);
    expect(await verifyPassword('kata-laluan-rahsia-1', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats a composed and a decomposed accent as the same password (NFKC)', async () => {
    const hash = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('refuses a malformed stored hash with a stable code', async () => {
    await expect(verifyPassword('x', 'md5$abc')).rejects.toMatchObject({ code: 'PASSWORD_HASH_INVALID' });
  });

  it('generates 20-character passwords without look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
      expect(p).not.toMatch(/[01lIoO]/);
      seen.add(p);
    }
    expect(seen.size).toBe(50);
  });
});
