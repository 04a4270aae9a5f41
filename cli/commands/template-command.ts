import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../command.ts';
import { withDatabase } from '../with-database.ts';
import { registrationTemplateCsv, registrationTemplateXlsx } from '../../pipeline/registration-template.ts';

export const templateCommand: Command = {
  name: 'template',
  summary: "Write the import template: XLSX with drop-downs for the district's subdistricts (or --csv, its CSV twin)",
  usage: 'otop template --district 3801 [--out template.xlsx] > template.xlsx | otop template --csv [--out template.csv]',
  async run(args, { config, stdout, stderr, isTTY }) {
    const { values } = parseArgs({
      args,
      options: { district: { type: 'string' }, csv: { type: 'boolean', default: false }, out: { type: 'string' } },
    });
    const emit = async (bytes: Buffer | string) => {
      if (values.out) await writeFile(values.out, bytes);
      else stdout.write(bytes);
    };
    if (values.csv) {
      await emit(registrationTemplateCsv());
      return 0;
    }
    if (!values.district) {
      stderr.write(`Usage: ${this.usage}\n`);
      return 2;
    }
    if (!values.out && isTTY) {
      stderr.write('The template is a binary XLSX file: redirect it (> template.xlsx) or give --out. / กรุณาระบุไฟล์ปลายทาง\n');
      return 2;
    }
    const xlsx = await withDatabase(config, ({ db }) => registrationTemplateXlsx(db, values.district!));
    if (!xlsx) {
      stderr.write(`No district with code ${values.district}. / ไม่พบอำเภอรหัส ${values.district}\n`);
      return 2;
    }
    await emit(xlsx);
    return 0;
  },
};
