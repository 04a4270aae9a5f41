import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { GENERATOR_FAULTS, generateRegistrations, type GeneratorFault } from '../../pipeline/generate/generate-registrations.ts';
import { readGeographyDir, synthesizeGeography } from '../../pipeline/generate/national-geography.ts';

/** Where the reference geography sits in a development checkout (never copied into the repo). */
// The shared reference geography beside the project folder (not the current folder: `otop`
// may run from anywhere, docs/ included).
const SHARED_GEO = join(import.meta.dirname, '..', '..', '..', 'shared', 'geo');

const USAGE = COMMAND_HELP['generate'].usage;

export const generateCommand: Command = defineCommand('generate', async (args, { stdout, stderr }) => {
    const { values } = parseCommandArgs({
      args,
      options: {
        producers: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: '2561' },
        round: { type: 'string', default: '2561-Q1' },
        scope: { type: 'string' },
        faulty: { type: 'string' },
        faults: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        encoding: { type: 'string', default: 'utf-8' },
        geo: { type: 'string' },
        'geo-out': { type: 'string' },
      },
    });
    const producers = Number(values.producers);
    const faulty = values.faulty === undefined ? 0 : Number(values.faulty);
    const faults = values.faults ? values.faults.split(',').map((f) => f.trim()) : [...GENERATOR_FAULTS];
    const unknown = faults.filter((f) => !(GENERATOR_FAULTS as readonly string[]).includes(f));
    const problems = [
      ...(!Number.isInteger(producers) || producers < 1 ? ['--producers must be a positive whole number'] : []),
      ...(!values.out ? ['--out is required'] : []),
      ...(!(faulty >= 0 && faulty * faults.length <= 1) ? ['--faulty must be a share between 0 and 1/(number of faults)'] : []),
      ...(unknown.length ? [`unknown faults: ${unknown.join(', ')} (known: ${GENERATOR_FAULTS.join(', ')})`] : []),
      ...(values.format !== 'csv' && values.format !== 'xlsx' ? ['--format must be csv or xlsx'] : []),
      ...(values.encoding !== 'utf-8' && values.encoding !== 'windows-874' ? ['--encoding must be utf-8 or windows-874'] : []),
    ];
    if (problems.length > 0) {
      stderr.write(`${problems.join('\n')}\n\nUsage: ${USAGE}\n`);
      return 2;
    }
    let geography = values.geo ? readGeographyDir(values.geo) : existsSync(SHARED_GEO) ? readGeographyDir(SHARED_GEO) : null;
    if (values.geo && !geography) {
      stderr.write(`No provinces.json, districts.json and subdistricts.json in ${values.geo}\n`);
      return 2;
    }
    const source = geography ? resolve(values.geo ?? SHARED_GEO) : 'synthesised';
    geography ??= synthesizeGeography(Number(values.seed));
    if (values['geo-out']) {
      await mkdir(values['geo-out'], { recursive: true });
      for (const name of ['provinces', 'districts', 'subdistricts'] as const) {
        await writeFile(join(values['geo-out'], `${name}.json`), JSON.stringify(geography[name]));
      }
    }
    const started = Date.now();
    const manifest = await generateRegistrations(values.out!, {
      producers,
      geography,
      seed: Number(values.seed),
      round: values.round,
      ...(values.scope ? { scope: values.scope } : {}),
      faultyShare: faulty,
      faults: faults as GeneratorFault[],
      format: values.format as 'csv' | 'xlsx',
      encoding: values.encoding as 'utf-8' | 'windows-874',
    });
    stdout.write(`${JSON.stringify({ out: values.out, geography: source, seconds: (Date.now() - started) / 1000, ...manifest }, null, 2)}\n`);
    return 0;
});
