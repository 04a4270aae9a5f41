import { pgTable, bigserial, uuid, integer, text, index } from 'drizzle-orm/pg-core';
import { submissions } from './submissions.ts';

/** Row and file issues found in a submission (the pipeline's report). */
export const submissionIssues = pgTable(
  'submission_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    row: integer('row'),
    column: text('column'),
    value: text('value'),
    code: text('code').notNull(),
    severity: text('severity', { enum: ['error', 'warning'] }).notNull(),
    messageTh: text('message_th').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [index('submission_issues_submission_idx').on(t.submissionId, t.row)],
);
