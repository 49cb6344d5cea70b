// The pair a merge starts from, apart from the dialog so the customer screen can name one
// without loading the dialog's code.

/** The two customers of a merge: the one kept and the one merged into it (and sent to the recycle bin). */
export interface MergePair {
  keptId: string;
  mergedId: string;
}

export interface Dated {
  id: string;
  /** YYYY-MM-DD; empty when not known. */
  createdOn: string;
}

/** Whether `a` was created before `b`: by creation date, then by id (the one entered first). */
export function createdBefore(a: Dated, b: Dated): boolean {
  return a.createdOn < b.createdOn || (a.createdOn === b.createdOn && Number(a.id) < Number(b.id));
}

/** The pair keeping the customer created first, as the merge dialog proposes by default. */
export function defaultPair(a: Dated, b: Dated): MergePair {
  return createdBefore(b, a) ? { keptId: b.id, mergedId: a.id } : { keptId: a.id, mergedId: b.id };
}
