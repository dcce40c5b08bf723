/** The launcher picks a server, says which one, and fails with a coded, user-readable error. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { MongoStartError, redactUri, startMongo } from '../../tools/mongo/launcher';

describe('startMongo', () => {
  const saved = process.env.MONGODB_URI;
  afterEach(() => {
    if (saved === undefined) delete process.env.MONGODB_URI;
    else process.env.MONGODB_URI = saved;
  });

  it('starts the stand-in when MONGODB_URI is unset and says so (in memory only)', async () => {
    delete process.env.MONGODB_URI;
    const lines: string[] = [];
    const mongo = await startMongo({ prefer: 'standin', log: (l) => lines.push(l) });
    try {
      expect(mongo.kind).toBe('standin');
      expect(mongo.persistent).toBe(false);
      expect(mongo.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=rs0$/);
      expect(lines.join('\n')).toMatch(/embedded stand-in/);
      expect(lines.join('\n')).toMatch(/IN MEMORY ONLY/);
      const client = new MongoClient(mongo.uri);
      await client.connect();
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      const hello = await client.db('admin').command({ hello: 1 });
      expect(hello).toMatchObject({ setName: 'rs0', isWritablePrimary: true });
      await client.close();
      const direct = new MongoClient(mongo.uri.replace('?replicaSet=rs0', '?directConnection=true'));
      await direct.connect();
      expect(await direct.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await direct.close();
    } finally {
      await mongo.stop();
    }
  });

  it('uses MONGODB_URI as is and never prints its credentials', async () => {
    const lines: string[] = [];
    process.env.MONGODB_URI = 'mongodb://suara:s3cret@db.example:27017/suara';
    const mongo = await startMongo({ log: (l) => lines.push(l) });
    expect(mongo.kind).toBe('external');
    expect(mongo.uri).toBe(process.env.MONGODB_URI);
    expect(lines.join('\n')).not.toContain('s3cret');
    expect(lines.join('\n')).toContain('mongodb://***@db.example:27017/suara');
    await mongo.stop();
  });

  it('rejects a bad preference or URI with a coded MongoStartError', async () => {
    await expect(startMongo({ uri: '', prefer: 'sometimes', log: () => undefined })).rejects.toMatchObject({
      name: 'MongoStartError',
      code: 'BAD_OPTION',
    });
    const err = await startMongo({ uri: 'http://nope', log: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoStartError);
    expect((err as MongoStartError).code).toBe('BAD_URI');
  });

  it('stops with the exact install command when the Debian packages are missing (no stack trace)', async () => {
    // A Python that cannot see Debian's dist-packages: /usr/bin/python3 with site disabled (-S).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suara-nopkg-'));
    const python = path.join(dir, 'python3');
    writeFileSync(python, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
    chmodSync(python, 0o755);
    try {
      const err = await startMongo({
        uri: '',
        prefer: 'standin',
        python,
        allowInstall: false,
        log: () => undefined,
      })
        .then(() => undefined)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoStartError);
      expect((err as MongoStartError).code).toBe('STANDIN_PACKAGES_MISSING');
      expect((err as MongoStartError).message).toContain(
        'apt-get update && apt-get install -y python3-mockupdb python3-mongomock'.replace(/apt-get/g, (m) =>
          process.getuid?.() === 0 ? m : `sudo ${m}`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('redacts credentials in URIs', () => {
    expect(redactUri('mongodb+srv://u:p@h/db')).toBe('mongodb+srv://***@h/db');
    expect(redactUri('mongodb://h:1/db')).toBe('mongodb://h:1/db');
  });
});
