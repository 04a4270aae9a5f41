import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { cliActor } from '../cli-actor.ts';
import { withDatabase } from '../with-database.ts';
import { loadTargetHints, type LoadTargetHints } from '../load-target-hints.ts';
import { submissions } from '../../db/schema/index.ts';
import { ingestSubmission, type IngestProgress, type SubmissionReport, type Uploader } from '../../pipeline/ingest-submission.ts';
import { rejectedRowsCsv } from '../../pipeline/submission-report.ts';
import { resolveColumnChoice, type HeaderReport } from '../../pipeline/map-headers.ts';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../../domain/columns.ts';
import { FileRefusal } from '../../pipeline/read/file-refusal.ts';
import type { IngestSource } from '../../pipeline/read/ingest-source.ts';
import { readBoundedInput } from '../../pipeline/read/read-bounded-input.ts';
import type { CommandContext } from '../command.ts';

/**
 * The source to load: a regular file is read in place (any size: national loads are trusted);
 * '-' (stdin), a FIFO or a device is read into memory up to the upload limit first, so a
 * never-ending input (/dev/zero, `yes |`) is refused in seconds instead of hanging. A message
 * (Thai / English) instead of a source when it cannot be read or is refused.
 */
async function loadSource(file: string, ctx: Pick<CommandContext, 'config' | 'stdin'>): Promise<IngestSource | string> {
  if (file !== '-') {
    try {
      if ((await stat(file)).isFile()) return { kind: 'path', path: file };
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? 'error';
      return `เปิดไฟล์ '${file}' ไม่ได้ (${why}) / Cannot open '${file}' (${why})`;
    }
  }
  const input = file === '-' ? ctx.stdin : createReadStream(file);
  try {
    return { kind: 'bytes', bytes: await readBoundedInput(input as AsyncIterable<Uint8Array>, ctx.config.uploadLimitBytes) };
  } catch (err) {
    if (err instanceof FileRefusal) return `${file}: ${err.issue.message.th} / ${err.issue.message.en}`;
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return `อ่าน '${file}' ไม่ได้ (${why}) / Cannot read '${file}' (${why})`;
  } finally {
    if (input !== ctx.stdin) (input as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

/** 0: every row accepted (or the same file was already loaded); 1: some rows rejected; 2: the file was refused or the load failed. */
export function loadExitCode(report: SubmissionReport): number {
  if (report.status === 'failed') return 2;
  if (report.issues.some((i) => i.row === null && i.severity === 'error')) return 2;
  return report.rejected > 0 ? 1 : 0;
}

/**
 * `--map "title=column"` options as a mapping (title → column, null: leave the column out), or
 * a message (Thai / English) naming what is wrong with each. The title is what the file's
 * header says; the column a key (phone), its Thai or English name, or '-' to leave it out.
 */
export function parseMapOptions(values: readonly string[]): { mapping: Record<string, ColumnKey | null> } | { message: string } {
  const mapping: Record<string, ColumnKey | null> = {};
  const problems: string[] = [];
  for (const v of values) {
    const at = v.lastIndexOf('=');
    const title = at > 0 ? v.slice(0, at).trim() : '';
    const column = at > 0 ? resolveColumnChoice(v.slice(at + 1)) : undefined;
    if (!title) problems.push(`--map "${v}": ต้องเป็น "หัวคอลัมน์=คอลัมน์" / must be "title=column"`);
    else if (column === undefined) problems.push(`--map "${v}": ไม่รู้จักคอลัมน์ "${v.slice(at + 1)}" / unknown column "${v.slice(at + 1)}"`);
    else mapping[title] = column;
  }
  if (problems.length > 0) {
    const keys = REGISTRATION_COLUMNS.map((c) => c.key).join(', ');
    return { message: `${problems.join('\n')}\nคอลัมน์ / columns: ${keys}, - (ไม่ใช้ / leave out)` };
  }
  return { mapping };
}

const VIA: Record<string, string> = {
  name: 'recognised', alternatives: 'recognised', explicit: 'your --map', remembered: "the district's remembered mapping",
};

/** The mapping the load used, one line per column, then the header step's notices. */
export function mappingLines(h: HeaderReport): string[] {
  const lines = [`  header row ${h.headerRow}; mapping: ${h.source === 'remembered' ? "the district's remembered mapping" : h.source === 'explicit' ? 'with your --map' : 'recognised'}`];
  for (const c of h.columns) {
    const target = c.key ? `${c.key} (${VIA[c.via ?? 'name']})` : `— not loaded (${c.ignored})`;
    const maybe = !c.key && c.candidates.length > 0 ? `; may be ${c.candidates.map((k) => `${k.key} ${Math.round(k.confidence * 100)}%`).join(', ')}` : '';
    lines.push(`    ${c.letter} "${c.header}" → ${target}${maybe}`);
  }
  if (h.needsMapping) {
    const example = h.columns.find((c) => !c.key && c.candidates.length > 0);
    lines.push(`  mapping needed / ต้องจับคู่คอลัมน์${example ? `: e.g. --map "${example.header}=${example.candidates[0]!.key}"` : ''}`);
  }
  for (const n of h.notices) lines.push(`  notice: ${n.th} / ${n.en}`);
  return lines;
}

function progressBar(stream: NodeJS.WritableStream) {
  const started = Date.now();
  let last = 0;
  return {
    update(p: IngestProgress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const rate = p.rowsRead / seconds;
      const share = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      const eta = share > 0.01 ? Math.max(0, Math.round((seconds / share) * (1 - share))) : null;
      const width = 30;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      stream.write(
        `\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${p.rowsRead.toLocaleString('en-US')} rows  ` +
          `${Math.round(rate).toLocaleString('en-US')} rows/s  ETA ${eta === null ? '…' : `${eta}s`}   `,
      );
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

function summary(r: SubmissionReport, failureReason: string | null, scopeArg: string, hints: LoadTargetHints): string {
  const lines = [
    `${r.dryRun ? 'Dry run' : 'Load'} of ${r.fileName ?? '(form)'} → ${hints.missingScope ? scopeArg : (r.districtCode ?? r.provinceCode ?? scopeArg)}, round ${r.roundCode}: ${r.status.toUpperCase()}`,
    `  submission ${r.submissionId}  sha256 ${r.fileSha256.slice(0, 16)}…`,
  ];
  if (r.duplicateOf) lines.push(`  the same file was already loaded as submission ${r.duplicateOf}: nothing changed`);
  if (r.source) lines.push(`  read as ${r.source.format}${r.source.encoding ? ` (${r.source.encoding})` : ''}${r.source.sheet ? `, sheet "${r.source.sheet}"` : ''}`);
  lines.push(
    `  rows read ${r.rowsRead}; accepted ${r.accepted.total} (created ${r.accepted.created}, updated ${r.accepted.updated}, unchanged ${r.accepted.unchanged}); rejected ${r.rejected}; warnings ${r.warnings}`,
  );
  if (r.headerMapping) lines.push(...mappingLines(r.headerMapping));
  if (r.normalized.total > 0) {
    lines.push(`  normalised ${r.normalized.total} cells: ${Object.entries(r.normalized.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  const counts = Object.entries(r.issueCounts);
  if (counts.length > 0) lines.push(`  issues: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const i of r.issues.slice(0, 20)) {
    if (hints.missingScope && i.code === 'district-out-of-scope' && i.row === null) {
      lines.push(`  ERROR   file: ${hints.missingScope}`);
      continue;
    }
    const where = i.row === null ? 'file' : `row ${i.row}`;
    lines.push(`  ${i.severity === 'error' ? 'ERROR  ' : 'warning'} ${where}${i.column ? `, ${i.column}` : ''}${i.value ? ` "${i.value}"` : ''}: ${i.message.th} / ${i.message.en}`);
  }
  if (r.issuesTotal > 20) lines.push(`  … ${r.issuesTotal - 20} more (--json for the report, --rejected-out for the rejected rows)`);
  lines.push(...hints.lines);
  if (r.failure) lines.push(`  ${r.failure.th} / ${r.failure.en}`, `  reason: ${failureReason ?? 'unknown'}`);
  return `${lines.join('\n')}\n`;
}

const USAGE = COMMAND_HELP['load'].usage;

export const loadCommand: Command = defineCommand('load', async (args, { config, stdout, stderr, stdin }) => {
    const { positionals, values } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        district: { type: 'string' },
        round: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        sheet: { type: 'string' },
        as: { type: 'string' },
        'rejected-out': { type: 'string' },
        map: { type: 'string', multiple: true },
      },
    });
    const [file] = positionals;
    if (!file || !values.district || !values.round) {
      stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const mapped = parseMapOptions(values.map ?? []);
    if ('message' in mapped) {
      stderr.write(`${mapped.message}\n`);
      return 2;
    }
    // Before the database opens: a refused input costs nothing and leaves nothing behind.
    const source = await loadSource(file, { config, stdin });
    if (typeof source === 'string') {
      stderr.write(`${source}\n`);
      return 2;
    }
    return withDatabase({ config, stderr }, async ({ db }) => {
      const who = await cliActor(db, values.as);
      if (!who.ok) {
        stderr.write(`${who.message}\n`);
        return 2;
      }
      const user: Uploader = who.actor;
      const showProgress = !values.json && Boolean((stderr as NodeJS.WriteStream).isTTY);
      const bar = showProgress ? progressBar(stderr) : null;
      const report = await ingestSubmission(db, {
        source,
        fileName: file === '-' ? 'stdin' : basename(file),
        districtCode: values.district!,
        roundCode: values.round!,
        dryRun: values['dry-run'],
        user,
        ...(values.sheet ? { sheetName: values.sheet } : {}),
        ...(Object.keys(mapped.mapping).length > 0 ? { mapping: mapped.mapping } : {}),
        ...(bar ? { onProgress: (p: IngestProgress) => bar.update(p) } : {}),
      });
      bar?.done();
      if (values['rejected-out'] && report.dryRun && report.rejected > 0) {
        stderr.write('--rejected-out: a dry run keeps no rows (only its report); load the file to get its rejected rows. / การทดลองนำเข้าไม่เก็บแถวข้อมูล\n');
      } else if (values['rejected-out'] && report.rejected > 0) {
        await writeFile(values['rejected-out'], await rejectedRowsCsv(db, report.submissionId));
      }
      if (values.json) {
        stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const [row] = report.status === 'failed'
          ? await db.select({ reason: submissions.failureReason }).from(submissions).where(eq(submissions.id, report.submissionId))
          : [];
        const hints = await loadTargetHints(db, report, values.district!, values.round!);
        stdout.write(summary(report, row?.reason ?? null, values.district!, hints));
      }
      return loadExitCode(report);
    });
});
