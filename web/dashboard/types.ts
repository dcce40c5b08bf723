/** What the dashboard API answers (docs: /work/contract-dashboard.md). Newer fields are optional: older servers omit them. */

/** The signed-in staff member (`GET /me`, `POST /login`). */
export interface Me {
  email: string;
  role: 'staff' | 'admin';
  agencyId: string | null;
  agencyName: { en: string; ms: string } | null;
  /** Staff id (for "assign to me"), when the server sends it. */
  id?: string;
  staffId?: string;
  name?: string;
}

/** A deadline as the server computes it (services/deadlines). */
export interface Deadline {
  acknowledgeBy: string;
  resolveBy: string;
  acknowledge: string;
  resolve: string;
  flag: 'overdue' | 'dueSoon' | null;
}

/** A person shown by name. */
export interface Person {
  id: string;
  name: string;
}

/** One row of the inbox. */
export interface Summary {
  reference: string;
  type: string;
  category: string;
  status: string;
  agencyId: string | null;
  excerpt: string;
  place?: string;
  createdAt: string;
  deadline?: Deadline;
  assignee?: Person | null;
  supporters?: number;
  lastActivityAt?: string;
}

/** A page of the inbox with the counts per status. */
export interface ListResponse {
  items: Summary[];
  total: number;
  page: number;
  pageSize?: number;
  pages: number;
  counts?: Record<string, number>;
}

/** Who did something in the history: a name, never an id. */
export interface Actor {
  kind: 'staff' | 'agency' | 'citizen' | 'system';
  name?: string;
}

/** One status change. */
export interface HistoryEntry {
  status: string;
  at: string;
  note?: string;
  by?: string | Actor;
}

/** The full item. */
export interface Detail extends Summary {
  text: string;
  language: 'en' | 'ms';
  location?: { text?: string; place?: string; postcode?: string };
  attachments?: { contentType: string; name?: string; size?: number; url?: string }[];
  routing?: { state?: string; reason?: string } | null;
  statusHistory: HistoryEntry[];
  history?: HistoryEntry[];
  anonymous: boolean;
  contact?: { name?: string; phone?: string; email?: string };
  rating?: { score: number; comment?: string } | null;
  replies: { text: string; at: string; by?: string | Actor }[];
  delivery: { state: string; attempts: number; via?: string };
  updatedAt: string;
  notes?: { id: string; at: string; by: Person; text: string }[];
  photos?: { url: string; contentType: string }[];
  route?: { why: string };
  transcript?: { at: string; from: 'citizen' | 'bot'; text: string }[];
  mergedInto?: string | null;
  duplicates?: string[];
}

/** Today's deadline counts (`GET /deadlines`). */
export interface DeadlineCounts {
  overdue: number;
  dueSoon: number;
  open: number;
  byAgency?: Record<string, { overdue: number }>;
}
