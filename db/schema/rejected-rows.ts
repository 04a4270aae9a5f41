import { pgTable, uuid, integer, text, primaryKey } from 'drizzle-orm/pg-core';
import { submissions } from './submissions.ts';

/** Quarantine: rejected rows in their original columns, for the district to fix and re-upload. */
export const rejectedRows = pgTable(
  'rejected_rows',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    cells: text('cells').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.row] })],
);
