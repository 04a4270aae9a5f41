import type { Db } from '../../db/create-db.ts';
import type { ExportTarget } from './byte-sink.ts';
import { planExport, type ExportRequest } from './plan-export.ts';
import { runExport, type ExportSummary } from './run-export.ts';

/**
 * Exports one dataset in one format for a caller's scope into `target` (a Node writable — a
 * file, stdout — or a web WritableStream): plans it (refusing bad filters with 422 and areas
 * outside the scope with 404, before any byte is written), then streams it. `end: false`
 * leaves the target open (stdout).
 */
export async function exportDataset(
  db: Db,
  request: ExportRequest,
  target: ExportTarget,
  options: { end?: boolean } = {},
): Promise<ExportSummary> {
  return runExport(db, await planExport(db, request), target, options);
}
