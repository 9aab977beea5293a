import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../../state/storage.ts';

/**
 * Runs `work` in one transaction, or inside the caller's when one is open: an inline body and
 * the record naming it (bodies.ts) commit together, through the stores' own methods.
 */
export function atomically<T>(db: DatabaseSync, work: () => T): T {
  return db.isTransaction ? work() : transaction(db, work);
}
