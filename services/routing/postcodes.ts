/** Postcode → post town and state, from the maintained `malaysia-postcodes` dataset (2,933 postcodes). */
import { findPostcode, getCities } from 'malaysia-postcodes';
import type { StateId } from '../agencies/bodies';

/** The dataset's state names → our state ids. */
const STATE_BY_NAME: Record<string, StateId> = {
  johor: 'jhr',
  kedah: 'kdh',
  kelantan: 'ktn',
  melaka: 'mlk',
  'negeri sembilan': 'nsn',
  pahang: 'phg',
  perak: 'prk',
  perlis: 'pls',
  'pulau pinang': 'png',
  sabah: 'sbh',
  sarawak: 'swk',
  selangor: 'sgr',
  terengganu: 'trg',
  'wp kuala lumpur': 'kul',
  'wp putrajaya': 'pjy',
  'wp labuan': 'lbn',
};

/** Our state id for one of the dataset's state names ("Wp Kuala Lumpur" → kul). */
export function stateIdOf(datasetName: string): StateId | undefined {
  return STATE_BY_NAME[datasetName.trim().toLowerCase()];
}

/** Where a postcode is: its post town (as spelled in the dataset) and state; null when unknown. */
export function lookupPostcode(postcode: string): { postTown: string; state: StateId } | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  const r = findPostcode(postcode, true);
  if (!r.found || !r.city || !r.state) return null;
  const state = stateIdOf(r.state);
  return state ? { postTown: r.city, state } : null;
}

/** Post-town names of a state as the dataset spells them (for `npm run agencies -- check`). */
export function postTownsOf(state: StateId): string[] {
  const name = Object.entries(STATE_BY_NAME).find(([, id]) => id === state)?.[0] ?? '';
  const proper = name.replace(/\b\w/g, (c) => c.toUpperCase()).replace(/^Wp /, 'Wp ');
  return getCities(proper);
}
