import { count } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { hashPassword } from '../../db/password.ts';
import {
  users, producers, registrations, products, districtRounds, provinceRounds, auditLog,
} from '../../db/schema/index.ts';
import { normalizeKey } from '../../domain/normalize-text.ts';
import { demoDataSet } from './demo-data-set.ts';
import { BUENG_KAN_DISTRICTS } from './bueng-kan-geography.ts';

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
  { username: 'department', password: 'demo-department', role: 'department', scope: 'national' },
  { username: 'analyst', password: 'demo-analyst', role: 'analyst', scope: 'national (read-only)' },
  { username: 'admin', password: 'demo-admin', role: 'admin', scope: 'accounts' },
];

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
 */
export async function seedDemo(db: Db): Promise<SeedDemoResult> {
  const [u] = await db.select({ n: count() }).from(users);
  const [p] = await db.select({ n: count() }).from(producers);
  if ((u?.n ?? 0) > 0 || (p?.n ?? 0) > 0) {
    return { loaded: false, accounts: [], producers: 0, registrations: 0, products: 0 };
  }
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  const data = demoDataSet();
  const districtProvince = new Map(BUENG_KAN_DISTRICTS.map((d) => [d.code, '38']));

  return db.transaction(async (tx) => {
    await tx.insert(users).values(DEMO_ACCOUNTS.map((a, i) => ({
      username: a.username,
      displayName: a.username,
      role: a.role,
      passwordHash: hashes[i]!,
      provinceCode: a.role === 'district' || a.role === 'province' ? '38' : null,
      districtCode: a.role === 'district' ? '3801' : null,
    })));

    // Producers: one row per ID, holding the latest registration's details.
    const latest = new Map<string, (typeof data.registrations)[number]>();
    for (const reg of data.registrations) latest.set(reg.producer.thaiId, reg);
    const producerRows = await tx.insert(producers).values([...latest.values()].map((reg) => ({
      ...reg.producer,
      districtCode: reg.districtCode,
      provinceCode: districtProvince.get(reg.districtCode)!,
    }))).returning({ id: producers.id, thaiId: producers.thaiId });
    const producerId = new Map(producerRows.map((r) => [r.thaiId, r.id]));

    const regRows = await tx.insert(registrations).values(data.registrations.map((reg) => ({
      producerId: producerId.get(reg.producer.thaiId)!,
      fiscalYear: reg.fiscalYear,
      roundCode: reg.roundCode,
      districtCode: reg.districtCode,
      provinceCode: '38',
      registeredAt: reg.registeredAt,
      updatedAt: reg.registeredAt,
    }))).returning({ id: registrations.id, producerId: registrations.producerId, fiscalYear: registrations.fiscalYear });
    const regId = new Map(regRows.map((r) => [`${r.producerId}:${r.fiscalYear}`, r.id]));

    const productValues = data.registrations.flatMap((reg) => {
      const pid = producerId.get(reg.producer.thaiId)!;
      return reg.products.map((prod) => ({
        registrationId: regId.get(`${pid}:${reg.fiscalYear}`)!,
        producerId: pid,
        fiscalYear: reg.fiscalYear,
        roundCode: reg.roundCode,
        districtCode: reg.districtCode,
        provinceCode: '38',
        name: prod.name,
        nameKey: normalizeKey(prod.name),
        category: prod.category,
        standards: prod.standards,
        stars: prod.stars,
        createdAt: reg.registeredAt,
        updatedAt: reg.registeredAt,
      }));
    });
    const productRows = await tx.insert(products).values(productValues).onConflictDoNothing().returning({ id: products.id });

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
    return {
      loaded: true,
      accounts: DEMO_ACCOUNTS,
      producers: producerRows.length,
      registrations: regRows.length,
      products: productRows.length,
    };
  });
}
