/** The one restify server every HTTP surface mounts on. No global body parsing: each route parses what it needs. */
import restify from 'restify';
import type { Db } from 'mongodb';
import type { Logger } from '../../services/log';

/** Create the server with a liveness check (`/healthz`: the process is up and serving HTTP; no dependencies). */
export function createServer(_db: Db, log: Logger): restify.Server {
  const server = restify.createServer({ name: 'suara', handleUncaughtExceptions: false });
  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
      if ((err.statusCode ?? 500) >= 500)
        log.error('http error', { route: req.getRoute()?.path, code: err.name });
      cb();
    },
  );
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true, uptimeSeconds: Math.round(process.uptime()) });
    next();
  });
  return server;
}

/** Listen and resolve with the bound port. */
export function listen(server: restify.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve(server.address().port);
    });
  });
}
