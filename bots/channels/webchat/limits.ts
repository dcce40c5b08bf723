/**
 * Abuse limits of the web chat endpoint, on top of the shared MongoDB counters (services/directline/rateLimits):
 * token generation/conversation creation per client IP and per site, posted activities per conversation.
 * Client IPs are never stored: the counter key is an HMAC of the IP (IPv6 grouped by /64) with the token secret.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RateCounter } from '../../../services/directline/rateLimits';
import type { WebChatSettings } from './config';
import { DirectLineHttpError } from './errors';
import type { Logger } from '../../../services/log';

/** The client's address: the socket's, or (behind `hops` trusted proxies) the one they put in X-Forwarded-For. */
export function clientIp(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list[Math.max(0, list.length - hops)] ?? socket;
}

/** The bucket an address is counted in: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 prefix. */
export function ipBucket(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(':')) return ip;
  const addr = ip.split('%')[0].toLowerCase();
  const [head, tail] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** Checks the web chat limits; each method throws a 429 DirectLineHttpError (with Retry-After) when over. */
export class WebChatLimits {
  constructor(
    private readonly counter: RateCounter,
    private readonly limits: WebChatSettings['rate'],
    private readonly proxyHops: number,
    private readonly keySecret: string,
    private readonly log: Logger,
  ) {}

  /** Count a token generation or conversation creation; a site backend using its secret skips the IP limit. */
  async tokenIssued(req: IncomingMessage, siteId: string, opts: { countIp: boolean }): Promise<void> {
    if (opts.countIp) await this.check('ip', this.ipKey(req), this.limits.perIp);
    await this.check('site', siteId, this.limits.perSite);
  }

  /** Count an activity posted (or photo uploaded) to a conversation. */
  async activityPosted(conversationId: string): Promise<void> {
    await this.check('conversation', conversationId, this.limits.perConversation);
  }

  private async check(scope: string, id: string, limit: number): Promise<void> {
    const d = await this.counter.hit(`${scope}:${id}`, limit);
    if (d.allowed) return;
    if (d.count === limit + 1) this.log.warn('webchat.rate_limit_reached', { scope, limit });
    const seconds = String(d.retryAfterSeconds);
    throw new DirectLineHttpError(
      429,
      'TooManyRequests',
      'rateLimited',
      { seconds },
      { 'Retry-After': seconds },
    );
  }

  private ipKey(req: IncomingMessage): string {
    const bucket = ipBucket(clientIp(req, this.proxyHops));
    return createHmac('sha256', this.keySecret).update(`rate-ip:${bucket}`).digest('base64url').slice(0, 22);
  }
}
