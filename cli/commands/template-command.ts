import { writeFile } from 'node:fs/promises';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { withDatabase } from '../with-database.ts';
import { registrationTemplateCsv, registrationTemplateXlsx } from '../../pipeline/registration-template.ts';

const USAGE = COMMAND_HELP['template'].usage;

export const templateCommand: Command = defineCommand('template', async (args, { config, stdout, stderr, isTTY }) => {
    const { values } = parseCommandArgs({
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
      stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    if (!values.out && isTTY) {
      stderr.write('The template is a binary XLSX file: redirect it (> template.xlsx) or give --out. / กรุณาระบุไฟล์ปลายทาง\n');
      return 2;
    }
    const xlsx = await withDatabase({ config, stderr }, ({ db }) => registrationTemplateXlsx(db, values.district!));
    if (!xlsx) {
      stderr.write(`No district with code ${values.district}. / ไม่พบอำเภอรหัส ${values.district}\n`);
      return 2;
    }
    await emit(xlsx);
    return 0;
});
