import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { officeProfiles, provinces } from '../../db/schema/index.ts';
import type { EmblemType } from '../../domain/office-profile.ts';

export interface OfficeProfile {
  provinceCode: string;
  provinceNameTh: string;
  nameTh: string;
  address: string;
  phone: string;
  email: string;
  /** The signer's position lines ('\n' between), or null for the province's default. */
  signerPosition: string | null;
  emblem: { type: EmblemType; width: number; height: number; bytes: Buffer } | null;
  updatedAt: Date;
  updatedByUsername: string;
}

/** The sending office of a province's papers, or null when none is set. */
export async function officeProfile(db: Db, provinceCode: string): Promise<OfficeProfile | null> {
  const [row] = await db
    .select({
      provinceCode: officeProfiles.provinceCode,
      provinceNameTh: provinces.nameTh,
      nameTh: officeProfiles.nameTh,
      address: officeProfiles.address,
      phone: officeProfiles.phone,
      email: officeProfiles.email,
      signerPosition: officeProfiles.signerPosition,
      emblem: officeProfiles.emblem,
      emblemType: officeProfiles.emblemType,
      emblemWidth: officeProfiles.emblemWidth,
      emblemHeight: officeProfiles.emblemHeight,
      updatedAt: officeProfiles.updatedAt,
      updatedByUsername: officeProfiles.updatedByUsername,
    })
    .from(officeProfiles)
    .innerJoin(provinces, eq(provinces.code, officeProfiles.provinceCode))
    .where(eq(officeProfiles.provinceCode, provinceCode));
  if (!row) return null;
  const { emblem, emblemType, emblemWidth, emblemHeight, ...rest } = row;
  return {
    ...rest,
    emblem: emblem && emblemType && emblemWidth && emblemHeight ? { type: emblemType, width: emblemWidth, height: emblemHeight, bytes: emblem } : null,
  };
}
