import { eq } from 'drizzle-orm';
import type { Engine } from '../../db/create-db.ts';
import { submissions } from '../../db/schema/index.ts';
import { headerChoices, headerReport, headerSignature, mapHeaders, titleFold, type HeaderReport } from '../map-headers.ts';
import { previewHeader } from '../preview-header.ts';
import type { LoadTx } from './copy-into.ts';
import { rememberedHeaderChoices, rememberHeaderChoices, type HeaderChoices } from './remembered-header-choices.ts';
import { runLoad, type LoadPlan, type LoadResult } from './run-load.ts';

export interface HeaderStep {
  /** The district whose confirmed mappings apply (null: a province-wide or national load remembers none). */
  districtCode: string | null;
  username: string;
  /** The mapping given with the upload: title → column, or null to leave the column out. */
  explicit: HeaderChoices | null;
  /** The header step as answered (with sample values, which are never stored). */
  onHeaders?: ((report: HeaderReport) => void) | undefined;
}

/**
 * Runs a load with its header step: reads ahead to the header row, applies the district's
 * remembered mapping for that layout and the upload's own mapping over it, loads, and stores
 * the header step in the submission (columns, how each was mapped, what is missing, which
 * columns were not read). A mapping given with a load that took rows is remembered for the
 * district's next file with the same header row.
 */
export async function loadWithHeaders(tx: LoadTx, engine: Engine, plan: LoadPlan, step: HeaderStep): Promise<LoadResult> {
  const preview = await previewHeader(plan.records, headerChoices(null, step.explicit));
  const signature = preview.header ? headerSignature(preview.header.cells) : null;
  const remembered = signature && step.districtCode ? await rememberedHeaderChoices(tx, step.districtCode, signature) : null;
  const options = headerChoices(remembered, step.explicit);
  let result: LoadResult;
  try {
    result = await runLoad(tx, engine, { ...plan, records: preview.records, headers: options });
  } finally {
    await preview.close();
  }
  if (!preview.header || !signature) return result;

  const { mapping } = mapHeaders(preview.header.cells, preview.header.row, options);
  const titles = new Set(mapping.headers.map(titleFold));
  const used = (choices: HeaderChoices | null) => Object.keys(choices ?? {}).some((t) => titles.has(titleFold(t)));
  const source = used(step.explicit) ? 'explicit' : used(remembered) ? 'remembered' : 'recognised';
  const report = headerReport(mapping, preview.samples, { source });
  const unused = Object.keys(step.explicit ?? {}).filter((t) => !titles.has(titleFold(t)));
  if (unused.length > 0) {
    const list = unused.map((t) => `"${t}"`).join(', ');
    report.notices.push({
      th: `ไม่ได้ใช้การจับคู่ของ ${list}: ไม่มีหัวคอลัมน์นี้ในแถวที่ ${mapping.headerRow}`,
      en: `mapping of ${list} not used: no such title in row ${mapping.headerRow}`,
    });
  }
  const stored: HeaderReport = { ...report, columns: report.columns.map(({ samples: _samples, ...c }) => c) };
  await tx.update(submissions).set({ headerMapping: stored }).where(eq(submissions.id, plan.submissionId));
  step.onHeaders?.(report);
  const tookRows = result.status === 'loaded' || result.status === 'partially-loaded';
  if (!plan.dryRun && tookRows && step.explicit && source === 'explicit' && step.districtCode) {
    await rememberHeaderChoices(tx, {
      districtCode: step.districtCode, signature, headers: mapping.headers, choices: step.explicit, username: step.username,
      submissionId: plan.submissionId,
    });
  }
  return result;
}
