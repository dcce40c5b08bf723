/**
 * Token-free photo URLs. Telegram's file URL embeds the bot token, so it must never reach transcripts, feedback
 * records or agencies. Instead the adapter hands out `<base>/telegram/files/<fileId>?sig=<hmac>` and this route
 * (signature checked) fetches the file through getFile and streams it, up to Telegram's 20 MB download limit.
 */
import { createHmac } from 'node:crypto';
import type { Api } from 'grammy';
import type { Request, Response, Server } from 'restify';
import { equalInConstantTime } from '../../../services/constantTime';
import { describeError } from './errors';
import { MAX_DOWNLOAD_BYTES } from './inbound';
import { log } from './log';

/** Route prefix of proxied Telegram files. */
export const TELEGRAM_FILES_PATH = '/telegram/files';

/** Signs and verifies proxied file URLs. */
export class FileUrlSigner {
  constructor(
    private readonly key: string,
    private readonly baseUrl: string,
  ) {}

  private sig(fileId: string): string {
    return createHmac('sha256', this.key).update(`file:${fileId}`).digest('base64url').slice(0, 32);
  }

  /** Public, token-free URL of a Telegram file. */
  url(fileId: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${TELEGRAM_FILES_PATH}/${encodeURIComponent(fileId)}?sig=${this.sig(fileId)}`;
  }

  /** Whether `sig` was issued for `fileId`. */
  verify(fileId: string, sig: unknown): boolean {
    if (typeof sig !== 'string') return false;
    return equalInConstantTime(this.sig(fileId), sig);
  }
}

/** What the route needs. */
export interface FileProxyDeps {
  signer: FileUrlSigner;
  api: Api;
  apiRoot: string;
  token: string;
}

/** Add `GET /telegram/files/:fileId` to a restify server. */
export function mountTelegramFiles(server: Server, deps: FileProxyDeps): void {
  server.get(`${TELEGRAM_FILES_PATH}/:fileId`, async (req: Request, res: Response) => {
    const fileId = String(req.params.fileId ?? '');
    const sig = new URL(req.url ?? '/', 'http://x').searchParams.get('sig');
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(fileId) || !deps.signer.verify(fileId, sig)) {
      res.send(404, { code: 'NOT_FOUND', message: 'No such file.' });
      return;
    }
    try {
      const file = await deps.api.getFile(fileId);
      if (!file.file_path || (file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
        res.send(404, { code: 'NOT_FOUND', message: 'File not available.' });
        return;
      }
      const upstream = await fetch(`${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`);
      if (!upstream.ok) {
        res.send(502, { code: 'UPSTREAM_FAILED', message: 'Telegram did not return the file.' });
        return;
      }
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(200, {
        'content-type': /\.png$/i.test(file.file_path) ? 'image/png' : 'image/jpeg',
        'content-length': body.length,
        'cache-control': 'private, max-age=3600',
      });
      res.end(body);
    } catch (err) {
      log('warn', 'file_proxy_failed', describeError(err));
      res.send(502, { code: 'UPSTREAM_FAILED', message: 'Telegram did not return the file.' });
    }
  });
}
