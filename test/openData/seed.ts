/** Seeded feedback for the open-data tests: known counts, small cells, and personal values that must never be published. */
import type { FeedbackRecord } from '../../services/feedback/types';
import { makeRecord } from '../support/records';

/** Personal and free-text values put on the records; none may appear in the open data. */
export const PERSONAL = {
  name: 'Aminah Binti Rahsia',
  phone: '+60129876543',
  email: 'aminah.rahsia@example.com',
  text: 'Longkang tersumbat depan rumah nombor 12 Lorong Rahsia',
  place: 'Taman Rahsiaku',
  locationText: 'Lorong Rahsia 7',
  ratingComment: 'Encik Rahimi sangat membantu',
  reply: 'Pasukan Encik Rahimi akan datang esok',
  note: 'Dilawati oleh pegawai Zulkarnain',
  citizenKey: 'citizen-key-rahsia',
};

const HOUR = 3_600_000;

/** One record: body, category, filed at (MYT day 10:00), acknowledged/resolved/replied to after so many hours, rated. */
export function item(
  agencyId: string,
  category: FeedbackRecord['category'],
  day: string,
  opts: { ack?: number; resolve?: number; rating?: number; reply?: number } = {},
): FeedbackRecord {
  const createdAt = new Date(`${day}T10:00:00+08:00`);
  const history: FeedbackRecord['statusHistory'] = [
    { status: 'received', at: createdAt },
    { status: 'sent', at: new Date(createdAt.getTime() + 60_000), by: 'delivery' },
  ];
  if (opts.ack !== undefined)
    history.push({
      status: 'acknowledged',
      at: new Date(createdAt.getTime() + opts.ack * HOUR),
      by: 'staff:stf_1',
      note: PERSONAL.note,
    });
  if (opts.resolve !== undefined)
    history.push({
      status: 'resolved',
      at: new Date(createdAt.getTime() + opts.resolve * HOUR),
      by: 'staff:stf_1',
    });
  const status = history.at(-1)!.status;
  return makeRecord({
    agencyId,
    category,
    createdAt,
    updatedAt: createdAt,
    status,
    statusHistory: history,
    text: PERSONAL.text,
    location: { text: PERSONAL.locationText, place: PERSONAL.place, postcode: '50450' },
    contact: { name: PERSONAL.name, phone: PERSONAL.phone, email: PERSONAL.email },
    citizenKey: PERSONAL.citizenKey,
    ...(opts.reply !== undefined
      ? {
          replies: [
            {
              text: PERSONAL.reply,
              at: new Date(createdAt.getTime() + opts.reply * HOUR),
              by: 'staff:stf_1',
            },
          ],
        }
      : {}),
    ...(opts.rating !== undefined
      ? { rating: { score: opts.rating, comment: PERSONAL.ratingComment, at: createdAt } }
      : {}),
  });
}

/**
 * 25 records: DBKL 8 drainage (Nov) + 6 roads (Oct); MBPJ 6 drainage (Nov) + 3 street lights + 2 waste (Nov).
 * Street lights got a reply after 1 hour (a reply acknowledges). Categories: drainage 14, roads 6, street lights 3 (suppressed), waste 2 (suppressed). Bodies: DBKL 14, MBPJ 11.
 */
export function seedRecords(): FeedbackRecord[] {
  const out: FeedbackRecord[] = [];
  for (let i = 0; i < 8; i++)
    out.push(
      item('dbkl', 'drainage', `2026-11-0${i + 1}`, {
        ack: 5 + i,
        resolve: 48 + 24 * i,
        rating: i < 6 ? 5 : 2,
      }),
    );
  for (let i = 0; i < 6; i++) out.push(item('dbkl', 'roads', `2026-10-1${i}`, { ack: 30, rating: 4 }));
  for (let i = 0; i < 6; i++) out.push(item('mbpj', 'drainage', `2026-11-1${i}`, { ack: 3, resolve: 400 }));
  for (let i = 0; i < 3; i++) out.push(item('mbpj', 'streetlights', `2026-11-2${i}`, { reply: 1 }));
  for (let i = 0; i < 2; i++) out.push(item('mbpj', 'waste', `2026-11-2${i + 4}`));
  return out;
}
