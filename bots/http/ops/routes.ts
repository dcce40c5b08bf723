/** GET /readyz (MongoDB, seed data, worker; 503 when not ready) and GET /metrics (Prometheus text format). */
import type restify from 'restify';
import { metricsText } from '../../../services/ops/metrics';
import type { Readiness } from '../../../services/ops/readiness';

/** Mount the readiness and metrics endpoints. */
export function mountOpsRoutes(server: restify.Server, readiness: Readiness): void {
  server.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    const body = JSON.stringify({ ok: report.ready, ...report.checks });
    res.writeHead(report.ready ? 200 : 503, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  server.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metricsText();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}
