import { createHash } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { engineOf, type Db } from '../../db/create-db.ts';
import {
  users, producers, submissions, districtRounds, provinceRounds, auditLog,
} from '../../db/schema/index.ts';
import { bangkokDate } from '../../domain/timeliness.ts';
import { submitRecordsInTransaction } from '../load/submit-records.ts';
import { formRecords } from '../register-producer.ts';
import type { Uploader } from '../uploader.ts';
import { demoDataSet, type DemoRegistration } from './demo-data-set.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: 'district' | 'province' | 'department' | 'analyst' | 'admin';
  scope: string;
}

/** One account per role; the passwords are printed at start-up and only exist in demo mode. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'district3801', password: 'demo-district-3801', role: 'district', scope: '3801 เมืองบึงกาฬ' },
  { username: 'province38', password: 'demo-province-38', role: 'province', scope: '38 บึงกาฬ' },
  { username: 'department', password: 'demo-department-password', role: 'department', scope: 'national' },
  { username: 'analyst', password: 'demo-analyst-password', role: 'analyst', scope: 'national (read-only)' },
  { username: 'admin', password: 'demo-admin-password', role: 'admin', scope: 'accounts' },
];

/** Who the demo registrations are loaded as. */
const SEED_UPLOADER: Uploader = { id: null, username: 'demo-seed', role: 'admin', districtCode: null, provinceCode: null };

export interface SeedDemoResult {
  loaded: boolean;
  accounts: readonly DemoAccount[];
  producers: number;
  registrations: number;
  products: number;
}

/**
 * Demo accounts and the synthetic Bueng Kan data set, loaded only into an empty database
 * (no users and no producers), so a second start — or a real deployment — never gets them.
 * Password hashing is auth code (api/auth/password.ts), which the pipeline may not import:
 * the caller passes it in.
 */
export async function seedDemo(db: Db, auth: { hashPassword: (password: string) => Promise<string> }): Promise<SeedDemoResult> {
  const [u] = await db.select({ n: count() }).from(users);
  const [p] = await db.select({ n: count() }).from(producers);
  if ((u?.n ?? 0) > 0 || (p?.n ?? 0) > 0) {
    return { loaded: false, accounts: [], producers: 0, registrations: 0, products: 0 };
  }
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => auth.hashPassword(a.password)));
  const data = demoDataSet();
  const engine = engineOf(db);

  return db.transaction(async (tx) => {
    await tx.insert(users).values(DEMO_ACCOUNTS.map((a, i) => ({
      username: a.username,
      displayName: a.username,
      role: a.role,
      passwordHash: hashes[i]!,
      provinceCode: a.role === 'district' || a.role === 'province' ? '38' : null,
      districtCode: a.role === 'district' ? '3801' : null,
    })));

    // Registrations go in through the pipeline's own load path (normalise, validate, upsert),
    // one form submission per round and district in time order, so the demo data obeys every
    // rule real uploads do and a producer ends up with its latest registration's details.
    const groups = new Map<string, DemoRegistration[]>();
    for (const reg of data.registrations) {
      const key = `${reg.roundCode}|${reg.districtCode}`;
      const list = groups.get(key);
      if (list) list.push(reg);
      else groups.set(key, [reg]);
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
    for (const [key, regs] of ordered) {
      const [roundCode, districtCode] = key.split('|') as [string, string];
      const rows = regs.flatMap((reg) => reg.products.map((prod) => ({
        producer_name: reg.producer.name,
        citizen_id: reg.producer.thaiId,
        producer_type: reg.producer.producerType,
        contact_name: reg.producer.contactName,
        phone: reg.producer.phone,
        members: reg.producer.members === null ? '' : String(reg.producer.members),
        house_no: reg.producer.houseNo,
        village_no: String(reg.producer.villageNo),
        subdistrict: reg.producer.subdistrictCode,
        product_name: prod.name,
        category: prod.category,
        standards: prod.standards.join(', '),
        stars: prod.stars === null ? '' : String(prod.stars),
        registered_date: bangkokDate(reg.registeredAt),
      })));
      const { source, canonical } = formRecords(rows);
      const now = new Date(Math.max(...regs.map((reg) => reg.registeredAt.getTime())));
      const id = await submitRecordsInTransaction(tx, engine, {
        kind: 'form',
        fileName: null,
        sha256: createHash('sha256').update(`${key}\n${canonical}`).digest('hex'),
        sizeBytes: Buffer.byteLength(canonical),
        scopeCode: districtCode,
        roundCode,
        dryRun: false,
        user: SEED_UPLOADER,
        now,
        open: async () => source,
      });
      const [loaded] = await tx.select({ status: submissions.status, rejected: submissions.rejected })
        .from(submissions).where(eq(submissions.id, id));
      if (loaded?.status !== 'loaded') {
        throw new Error(`Demo data for ${key} did not load cleanly (${loaded?.status}, ${loaded?.rejected} rows rejected)`);
      }
    }

    // Workflow history, replayed in time order so states and the audit trail agree.
    const districtState = new Map<string, string>();
    const provinceState = new Map<string, string>();
    const stampedAt = new Map<string, Date>(); // `${key}:${state}` → when it last got there
    const toState = { submit: 'submitted', return: 'returned', certify: 'certified', report: 'reported', announce: 'announced' } as const;
    const actor = { submit: 'district', return: 'province38', certify: 'province38', report: 'province38', announce: 'department' } as const;
    for (const step of [...data.workflow].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const key = `${step.roundCode}:${step.districtCode ?? step.provinceCode}`;
      const states = step.districtCode ? districtState : provinceState;
      const from = states.get(key) ?? 'open';
      const to = toState[step.action];
      states.set(key, to);
      stampedAt.set(`${key}:${to}`, step.at);
      await tx.insert(auditLog).values({
        at: step.at,
        username: step.action === 'submit' ? `district${step.districtCode}` : actor[step.action],
        action: step.action,
        roundCode: step.roundCode,
        provinceCode: step.provinceCode,
        districtCode: step.districtCode,
        fromState: from,
        toState: to,
        reason: step.reason,
        details: { demo: true },
      });
    }
    for (const [key, state] of districtState) {
      const [roundCode, districtCode] = key.split(':') as [string, string];
      await tx.insert(districtRounds).values({
        roundCode, districtCode, provinceCode: '38', state: state as 'submitted', version: 1,
        submittedAt: stampedAt.get(`${key}:submitted`) ?? null,
        certifiedAt: state === 'certified' ? (stampedAt.get(`${key}:certified`) ?? null) : null,
      });
    }
    for (const [key, state] of provinceState) {
      const [roundCode, provinceCode] = key.split(':') as [string, string];
      await tx.insert(provinceRounds).values({
        roundCode, provinceCode, state: state as 'reported', version: 1,
        reportedAt: stampedAt.get(`${key}:reported`) ?? null,
        announcedAt: stampedAt.get(`${key}:announced`) ?? null,
      });
    }
    const [totals] = await tx.select({
      producers: sql<number>`(select count(*)::int from producers)`,
      registrations: sql<number>`(select count(*)::int from registrations)`,
      products: sql<number>`(select count(*)::int from products)`,
    }).from(sql`(select 1) as one`);
    return {
      loaded: true,
      accounts: DEMO_ACCOUNTS,
      producers: Number(totals?.producers ?? 0),
      registrations: Number(totals?.registrations ?? 0),
      products: Number(totals?.products ?? 0),
    };
  });
}
