/**
 * Every main inbox query has an index that serves its filter and its sort (so a page at 100,000 items reads only its
 * own entries). The MongoDB stand-in cannot `explain`; `npm run bench:inbox` prints real explain output when
 * MONGODB_URI points at a real server.
 */
import { indexFor, INBOX_SORTS } from '../../services/feedback/inboxStore';

describe('inbox indexes', () => {
  const shapes: [string, string[], keyof typeof INBOX_SORTS][] = [
    ['a body’s list, newest first', ['agencyId'], 'age'],
    ['oldest first', ['agencyId'], 'oldest'],
    ['by deadline', ['agencyId'], 'deadline'],
    ['by last activity', ['agencyId'], 'activity'],
    ['one status', ['agencyId', 'status'], 'age'],
    ['one status, oldest first', ['agencyId', 'status'], 'oldest'],
    ['one category', ['agencyId', 'category'], 'age'],
    ['assigned to me / to nobody', ['agencyId', 'assignee.staffId'], 'age'],
    ['an administrator’s list of every body', [], 'age'],
  ];
  it.each(shapes)('%s is served by an index', (_name, equality, sort) => {
    expect(indexFor(equality, INBOX_SORTS[sort])).not.toBeNull();
  });
  it('a query no index serves is reported as such', () => {
    expect(indexFor(['text'], INBOX_SORTS.age)).toBeNull();
  });
});
