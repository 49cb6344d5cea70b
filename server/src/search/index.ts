// The CJK search engine: what a customer is found by (search-text.ts), the index of its terms
// (term-index.ts, kept by one term store per database: term-store.ts) and the import's fast
// path to index entries (index-entry.ts). Code outside this folder imports from here only.

export { indexEntryOfParts } from './index-entry.js';
export { postgresEntry, TERM_SEPARATOR } from './postgres-term-store.js';
export { refreshSearch, searchOfEdited } from './search-index.js';
export { buildSearchText, gramsOf, longGramsOf, normalizeTerm, PART_SEPARATOR, searchOf, searchParts, searchTextOf, termGrams, unitsAt } from './search-text.js';
export { ftsDocument } from './sqlite-term-store.js';
export { hashLanes, termHash } from './term-hash.js';
export {
  allIndexedTerms,
  allowLongPendingList,
  asIndexed,
  cleanPendingTerms,
  customersWithTerms,
  hasTerms,
  indexCustomer,
  indexJoin,
  indexNewCustomers,
  indexTerms,
  insertIndexEntries,
  lookupTerms,
  termKey,
} from './term-index.js';
export { searchWalk, type Walk } from './walk-plan.js';
