// The CJK search engine: what a customer is found by (search-text.ts), the index of its terms
// (term-index.ts) and the import's fast path to index entries (index-entry.ts). Code outside
// this folder imports from here only.

export { indexEntryOfParts } from './index-entry.js';
export { refreshSearch, searchOfEdited } from './search-index.js';
export { buildSearchText, gramsOf, longGramsOf, normalizeTerm, PART_SEPARATOR, searchOf, searchParts, searchTextOf, termGrams, unitsAt } from './search-text.js';
export {
  allIndexedTerms,
  allowLongPendingList,
  asIndexed,
  cleanPendingTerms,
  countPostings,
  customersWithTerms,
  ftsDocument,
  hashLanes,
  hasTerms,
  indexCustomer,
  indexJoin,
  indexNewCustomers,
  indexTerms,
  insertIndexEntries,
  lookupTerms,
  postgresEntry,
  TERM_SEPARATOR,
  termHash,
  termKey,
} from './term-index.js';
