import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { recordAudit, type AuditActor } from '../../db/record-audit.ts';
import { officeProfiles, provinces } from '../../db/schema/index.ts';
import { sniffEmblem, validateOfficeProfile, type EmblemInfo, type OfficeProfileFields, type OfficeProfileIssue, type OfficeProfileValues } from '../../domain/office-profile.ts';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { problem } from '../http/problem.ts';
import { fieldIssue, invalidRequest, notFound } from '../http/standard-problems.ts';
import { officeProfile, type OfficeProfile } from '../queries/office-profile.ts';
import { emblemIsWhole } from './emblem-integrity.ts';

export interface SetOfficeProfileInput extends OfficeProfileFields {
  provinceCode: string;
  /** The emblem's bytes; null removes it; undefined keeps the one stored. */
  emblem?: Uint8Array | null | undefined;
}

/** Whether the PDF engine itself accepts the image (a header can pass and the data still be broken). */
async function pdfAccepts(bytes: Uint8Array, info: EmblemInfo): Promise<boolean> {
  try {
    await renderPdf({ content: [{ image: `data:${info.type};base64,${Buffer.from(bytes).toString('base64')}`, width: 40 }] });
    return true;
  } catch {
    return false;
  }
}

const issue = (i: OfficeProfileIssue) => fieldIssue(i.column, i.code, i.message);

/** An emblem read from its bytes and tried in the PDF engine, or why it is refused. */
async function checkedEmblem(bytes: Uint8Array): Promise<{ bytes: Buffer; info: EmblemInfo } | OfficeProfileIssue> {
  const sniffed = sniffEmblem(bytes);
  if (!sniffed.ok) return sniffed.issue;
  if (!emblemIsWhole(bytes, sniffed.info) || !(await pdfAccepts(bytes, sniffed.info))) {
    return { column: 'emblem', code: 'invalid-value', message: { th: 'ไฟล์ภาพตราสัญลักษณ์เสียหาย อ่านไม่ได้', en: 'the emblem image is damaged and cannot be read' } };
  }
  return { bytes: Buffer.from(bytes), info: sniffed.info };
}

/**
 * Sets a province's sending office (admin; the CLI and the admin page come here): the text
 * normalised and checked, the emblem read from its bytes and tried in the PDF engine; every
 * problem at once as 422 in Thai and English; a province that does not exist 404. Audited as
 * 'office.set' (which fields changed, the emblem's type, size and pixels, never its bytes).
 */
export async function setOfficeProfile(db: Db, input: SetOfficeProfileInput, context: { actor: AuditActor; now: Date }): Promise<OfficeProfile> {
  const [province] = await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, input.provinceCode));
  if (!province) throw notFound();
  const { value, issues } = validateOfficeProfile(input);
  let emblem: { bytes: Buffer; info: EmblemInfo } | null | undefined = input.emblem === null ? null : undefined;
  if (input.emblem) {
    const checked = await checkedEmblem(input.emblem);
    if ('column' in checked) issues.push(checked);
    else emblem = checked;
  }
  if (issues.length > 0) throw invalidRequest(issues.map(issue));

  const before = await officeProfile(db, input.provinceCode);
  const emblemColumns =
    emblem === undefined
      ? {}
      : emblem === null
        ? { emblem: null, emblemType: null, emblemWidth: null, emblemHeight: null }
        : { emblem: emblem.bytes, emblemType: emblem.info.type, emblemWidth: emblem.info.width, emblemHeight: emblem.info.height };
  const row = { ...value, ...emblemColumns, updatedAt: context.now, updatedBy: context.actor.id, updatedByUsername: context.actor.username };
  await db.transaction(async (tx) => {
    await tx
      .insert(officeProfiles)
      .values({ provinceCode: input.provinceCode, ...row })
      .onConflictDoUpdate({ target: officeProfiles.provinceCode, set: row });
    const changed = (Object.keys(value) as (keyof OfficeProfileValues)[]).filter((k) => (before?.[k] ?? null) !== value[k]);
    await recordAudit(tx, {
      at: context.now,
      actor: context.actor,
      action: 'office.set',
      provinceCode: input.provinceCode,
      details: {
        changed,
        emblem: emblem === undefined ? 'kept' : emblem === null ? 'removed' : { type: emblem.info.type, bytes: emblem.bytes.length, width: emblem.info.width, height: emblem.info.height },
      },
    });
  });
  return (await officeProfile(db, input.provinceCode))!;
}

/**
 * Sets or removes (null) the emblem of a province's office, which must have its profile set
 * first (409 otherwise): the admin page sends the image as it is, not inside JSON.
 */
export async function setOfficeEmblem(db: Db, provinceCode: string, bytes: Uint8Array | null, context: { actor: AuditActor; now: Date }): Promise<OfficeProfile> {
  const before = await officeProfile(db, provinceCode);
  if (!before) {
    const [province] = await db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode));
    if (!province) throw notFound();
    throw problem(409, 'office-profile-missing', { en: 'Set the office’s name, address, phone and e-mail first', th: 'กรุณาบันทึกชื่อ ที่อยู่ โทรศัพท์ และอีเมลของสำนักงานก่อน' });
  }
  return setOfficeProfile(db, { provinceCode, nameTh: before.nameTh, address: before.address, phone: before.phone, email: before.email, signerPosition: before.signerPosition, emblem: bytes }, context);
}
