/** The statistics filters read from and written to the address (`#/reports?…`), through the shared hash helpers. */
import { parseHash, filtersFrom, inboxHref } from '../../web/dashboard/router';
import { reportFiltersFrom, reportQuery, reportsHref } from '../../web/dashboard/reportFilters';

describe('statistics filters in the address', () => {
  it('a shared link opens exactly its period and body', () => {
    expect(parseHash('#/reports?from=2026-10-01&to=2026-10-31&agency=dbkl')).toEqual({
      name: 'reports',
      filters: { from: '2026-10-01', to: '2026-10-31', agency: 'dbkl' },
      dropped: false,
    });
    expect(parseHash('#/reports')).toEqual({
      name: 'reports',
      filters: { from: '', to: '', agency: '' },
      dropped: false,
    });
  });

  it('applying filters writes them back in a fixed order, empty ones left out, and reading gives them back', () => {
    const f = { from: '2026-11-01', to: '', agency: 'unrouted' };
    expect(reportsHref(f)).toBe('#/reports?from=2026-11-01&agency=unrouted');
    expect(reportFiltersFrom(reportsHref(f).split('?')[1]!).filters).toEqual(f);
    expect(reportsHref({ from: '', to: '', agency: '' })).toBe('#/reports');
    expect(reportQuery(f, { lang: 'ms' })).toBe('from=2026-11-01&agency=unrouted&lang=ms');
  });

  it.each([
    ['from=2026-02-30', { from: '', to: '', agency: '' }],
    ['to=31-10-2026&agency=mbpj', { from: '', to: '', agency: 'mbpj' }],
    ['from=2026-11-30&to=2026-11-01', { from: '', to: '', agency: '' }],
    ['agency=DROP%20TABLE&from=2026-10-01', { from: '2026-10-01', to: '', agency: '' }],
    [`agency=${'a'.repeat(70)}`, { from: '', to: '', agency: '' }],
  ])('a link with a bad value (%s) falls back to no filter for it and says so', (query, filters) => {
    expect(reportFiltersFrom(query)).toEqual({ filters, dropped: true });
  });

  it('the inbox reads and writes its filters through the same helpers as before', () => {
    const f = filtersFrom('category=waste&q=Melawati&page=3&junk=1');
    expect(f).toMatchObject({ category: 'waste', q: 'Melawati', page: 3, status: '' });
    expect(inboxHref(f)).toBe('#/inbox?category=waste&q=Melawati&page=3');
    expect(inboxHref(filtersFrom('page=-2'))).toBe('#/inbox');
  });
});
