import { BatchChecker, type Answers, type CheckedBatch, type CheckSetup, type StagedRow } from './check-batch.js';
import type { DatabaseQuestions } from './duplicate-check.js';
import { importThreads } from '../thread/pool.js';

// Validation's JavaScript (reading each row, the in-file duplicate check, the report's rows) is
// most of its time; its queries are the rest, and on SQLite they run on the main thread. With a
// thread of its own, the checking of one batch overlaps the queries of the batch before it. A
// file of one batch is checked in place: starting the thread costs more than it saves.

export interface Checker {
  read(staged: readonly StagedRow[]): Promise<DatabaseQuestions & { batch: number }>;
  finish(batch: number, answers: Answers): Promise<CheckedBatch>;
  close(): Promise<void>;
}

export type CheckRequest =
  | { kind: 'start'; setup: CheckSetup }
  | { kind: 'read'; staged: readonly StagedRow[] }
  | { kind: 'finish'; batch: number; answers: Answers };

/** Checks on the calling thread. */
export function inPlaceChecker(setup: CheckSetup): Checker {
  const checker = new BatchChecker(setup);
  return {
    read: async (staged) => checker.read(staged),
    finish: async (batch, answers) => checker.finish(batch, answers),
    close: async () => undefined,
  };
}

/** Checks on a worker thread, in the order asked. */
export function threadChecker(setup: CheckSetup): Checker {
  const thread = importThreads.take<CheckRequest, unknown>('validation');
  // A thread that could not start fails the first read with its own reason.
  const started = thread.call({ kind: 'start', setup });
  started.catch(() => undefined);
  return {
    read: (staged) => started.then(() => thread.call({ kind: 'read', staged })) as Promise<DatabaseQuestions & { batch: number }>,
    finish: (batch, answers) => thread.call({ kind: 'finish', batch, answers }) as Promise<CheckedBatch>,
    close: () => thread.release(),
  };
}
