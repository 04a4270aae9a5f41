import { sql } from 'drizzle-orm';
import { bigserial, check, char, customType, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL bytea as a Buffer on both engines (postgres.js answers Buffer, PGlite Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const ISSUED_DOCUMENT_KINDS = ['certification', 'report-form', 'announcement'] as const;
/** The kinds each province act issues of its own province; 'announcement' is the department's national paper. */
export const PROVINCE_DOCUMENT_KINDS = ['certification', 'report-form'] as const;
export const ISSUING_ACTIONS = ['report', 'announce'] as const;

/**
 * The documents a workflow act issued, as the bytes that were issued: rendered once inside the
 * act's transaction and served unchanged ever after, whatever the data does later. Append-only
 * like audit_log (the migration adds triggers refusing UPDATE, DELETE and TRUNCATE). One row per
 * document, act and round: a province's report and the department's announcement each issue
 * their own copy (districts may be reopened in between). The audit row of the act carries the
 * same SHA-256; the two are joined by (action, round, province). No foreign keys: like
 * audit_log this is a plain table on a Citus coordinator, which may refer only to others like it.
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: ISSUED_DOCUMENT_KINDS }).notNull(),
    /** The workflow action that issued it. */
    action: text('action', { enum: ISSUING_ACTIONS }).notNull(),
    roundCode: text('round_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    provinceCode: char('province_code', { length: 2 }).notNull(),
    /** Null for a province's document. */
    districtCode: char('district_code', { length: 4 }),
    /** Lower-case hex SHA-256 of `bytes`. */
    sha256: char('sha256', { length: 64 }).notNull(),
    bytes: bytea('bytes').notNull(),
    byteLength: integer('byte_length').notNull(),
    fileName: text('file_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by'),
    issuedByUsername: text('issued_by_username').notNull(),
  },
  (t) => [
    unique('issued_documents_once').on(t.kind, t.action, t.roundCode, t.provinceCode, t.districtCode).nullsNotDistinct(),
    index('issued_documents_sha256_idx').on(t.sha256),
    // The database itself holds the stored hash and length to the stored bytes.
    check('issued_documents_sha256_matches', sql`${t.sha256} = encode(sha256(${t.bytes}), 'hex')`),
    check('issued_documents_length_matches', sql`${t.byteLength} = octet_length(${t.bytes})`),
  ],
);
