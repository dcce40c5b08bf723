/** Public API of routing: classify text, resolve places, route to agencies (pure; reads data files only). */
import type { Agency, CategoryId } from '../agencies/types';
import { Classifier, type Classification } from './classifier';
import { loadRouter } from './load';
import { isLocalCategory, type Router } from './router';

export { Classifier, LOW_CONFIDENCE, type Classification, type CategoryScore } from './classifier';
export {
  extractPostcode,
  PlaceIndex,
  type ResolvedPlace,
  type HowFound,
  type PlaceCandidate,
} from './places';
export { Router, LOCAL_AUTHORITY, type RouteDecision, type RouteInput, type RouteWhy } from './router';
export { explainRoute } from './explain';
export { loadRouter, loadGazetteer, loadRoutingRules, DEFAULT_DATA_DIR } from './load';
export { RoutingDataError } from './errors';
export type { Gazetteer, GazetteerPlace, RoutingRules, RoutingRule, RuleTarget } from './schemas';

let defaultRouter: Router | undefined;
let defaultClassifier: Classifier | undefined;

/** The router over the repository's data files, built once (throws a RoutingDataError if they are invalid). */
export function getDefaultRouter(): Router {
  defaultRouter ??= loadRouter();
  return defaultRouter;
}

/** The classifier that ignores the gazetteer's place names (so "Jalan Kuching" does not look like "kucing"). */
export function getDefaultClassifier(): Classifier {
  if (!defaultClassifier) {
    let aliases: string[][] = [];
    try {
      aliases = getDefaultRouter().placeAliases();
    } catch {
      aliases = [];
    }
    defaultClassifier = new Classifier(undefined, aliases);
  }
  return defaultClassifier;
}

/** Classifies free text (EN, MS, mixed, colloquial) into ranked categories; never throws. */
export function classify(text: string): Classification {
  return getDefaultClassifier().classify(text);
}

/** True when the category is a council matter (so routing it needs a location). */
export function isLocalMatter(category: CategoryId, agencies?: Agency[]): boolean {
  return isLocalCategory(category, agencies ?? getDefaultRouter().agencies);
}
