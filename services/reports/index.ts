/** Reports over feedback for staff (scoped) and the public (open data: anonymised, small figures suppressed). */
export { ReportService, periodOf, type ReportDeps, type ReportQuery } from './service';
export type { StaffReport, NamedCount } from './staffReport';
export {
  SUPPRESS_BELOW,
  type OpenDataset,
  type OpenCell,
  type OpenBodyRow,
  type OpenPerformance,
} from './openData';
export { staffReportCsv, openDataCsv, OPEN_DATA_CSV_HEADER } from './csv';
export { PeriodicCache, type Cached } from './cache';
export { quantile, summariseHours, type DurationSummary } from './percentiles';
