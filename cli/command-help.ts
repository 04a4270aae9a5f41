/**
 * Every command's name, one-line summary and usage, kept apart from the commands themselves:
 * `otop --help` and `otop <command> --help` print these without loading any command's modules
 * (PDF, XLSX, Arrow, the embedded engine), so help answers in a fraction of a second. The
 * lists inside a usage (datasets, formats, report kinds) are checked against the code by
 * tests/cli/command-help.test.ts, so they cannot drift.
 */
export interface CommandHelp {
  summary: string;
  usage: string;
}

export const COMMAND_HELP = {
  'migrate': {
    summary: "Apply database migrations (also done at every start)",
    usage: [
      "otop migrate",
    ].join('\n'),
  },
  'seed': {
    summary: "Load the reference data (Bueng Kan geography, the FY2560–2561 plan); --demo adds demo data to an empty database",
    usage: [
      "otop seed [--demo]",
    ].join('\n'),
  },
  'plan': {
    summary: "Check or load a registration plan file (CSV): every window is checked against its quarter and day count",
    usage: [
      "otop plan check <plan.csv> | otop plan load <plan.csv> [--accept-warnings] [--json] [--as <username>]",
      "  A load that changes the plan is audited as --as <username> (an existing account), or as cli:<OS user>.",
    ].join('\n'),
  },
  'users': {
    summary: "Accounts: bulk import with one-time activation codes, create one, reset one",
    usage: [
      "otop users import <accounts.csv> [--out codes.csv] [--sheet codes.pdf]",
      "       otop users create --username <name> --role <district|province|department|analyst|admin> [--scope <code>] [--display-name <text>] [--password-stdin]",
      "       otop users reset --username <name>",
      "       (each also takes --as <username>)",
      "",
      "import: the district account registry (CSV with a header row: username, role, scope, display_name).",
      "  Every line is checked first; if any is wrong nothing is created. Existing usernames are skipped.",
      "  Each new account gets a one-time activation code, printed once as CSV (to --out, or stdout);",
      "  only its hash is stored. The first sign-in with the code must choose a password.",
      "  --sheet also writes the same codes as the printed account sheet (PDF, the letter's enclosure 3).",
      "create: one account; with --password-stdin the password is read from the first line of stdin,",
      "  otherwise an activation code is printed.",
      "reset: clears the password, ends the sessions and prints a new activation code.",
      "Every change is audited (never a password or code) as --as <username> (an existing account),",
      "  or, without it, as cli:<OS user>.",
    ].join('\n'),
  },
  'office': {
    summary: "The sending office of a province's papers: name, address, phone, e-mail, signer, emblem",
    usage: [
      "otop office set --province 38 --name <text> --address <text> --phone <text> --email <address> [--signer <line>]… [--emblem file.png | --no-emblem] [--as <username>]",
      "       otop office show --province 38 [--json]",
      "",
      "set: every text field is required; the emblem is a PNG or JPEG of at most 256 KB and 2000 pixels a side,",
      "  read from its own bytes (without --emblem the stored one is kept). --signer (up to 3, one a line of",
      "  at most 100 characters): the position printed under the signature of the covering letter, when someone",
      "  other than the default signs it (พัฒนาการจังหวัด… ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัด…); without it, the",
      "  default. Problems are listed together, in Thai and English. The covering letter and its enclosures",
      "  print what is set here.",
    ].join('\n'),
  },
  'load': {
    summary: "Load a district registration file (CSV or XLSX): normalise, validate, load; --dry-run only reports",
    usage: [
      "otop load <file> --district 3801 --round 2561-Q1 [--dry-run] [--json] [--sheet <name>] [--map \"title=column\"]… [--as <username>] [--rejected-out <file.csv>]",
      "  --map \"title=column\" (repeatable): read the column titled so as that column (a key such as phone, its Thai or English name, or - to leave it out);",
      "    a load that takes rows remembers the mapping for the district's next file with the same header row. The mapping used is printed.",
      "  <file> may be - for stdin (or a FIFO): read up to the upload limit (UPLOAD_LIMIT_MB), refused past it.",
      "  --district also takes a province code (38) or \"all\" for a multi-district file. Exit code 0: all rows accepted,",
      "  1: some rows rejected, 2: the file as a whole was refused (or the load failed).",
      "  --as <username>: load as that account (its scope applies, its name is audited); default: the OS user, audited as cli:<user>.",
    ].join('\n'),
  },
  'template': {
    summary: "Write the import template: XLSX with drop-downs for the district's subdistricts (or --csv, its CSV twin)",
    usage: [
      "otop template --district 3801 [--out template.xlsx] > template.xlsx | otop template --csv [--out template.csv]",
    ].join('\n'),
  },
  'generate': {
    summary: "Write a deterministic, realistic registration file at national scale (tests and benchmarks), optionally with faulty rows",
    usage: [
      "otop generate --producers 100000 --out file.csv [--seed 2561] [--round 2561-Q1] [--scope 38|3801]",
      "  [--faulty 0.01] [--faults missing-value,invalid-citizen-id,…] [--format csv|xlsx] [--encoding utf-8|windows-874]",
      "  [--geo <dir>] [--geo-out <dir>]   geography: --geo, else shared/geo beside the project folder when present, else synthesised",
      "  (--geo-out writes the geography used; a synthesised one is marked synthetic: `otop geo import` takes it only",
      "  into a test database, and `otop geo remove --synthetic` removes it). --faulty is the share of rows per fault code.",
    ].join('\n'),
  },
  'geo': {
    summary: "Import provinces, districts and subdistricts (JSON in the thailand-geography shape), or remove generated ones",
    usage: [
      "otop geo import --provinces p.json --districts d.json --subdistricts s.json [--overwrite] [--force] [--json]",
      "       otop geo import --dir <dir with provinces.json, districts.json, subdistricts.json>",
      "       otop geo remove --synthetic",
      "  Idempotent; Thai names authoritative. Existing English names and postal codes are kept unless --overwrite.",
      "  Rows marked \"synthetic\": true (otop generate --geo-out writes a made-up country) are refused into a",
      "  database that holds real geography unless --force; `geo remove --synthetic` removes them again",
      "  (refused while producers, registrations, accounts or targets refer to them).",
      "  An import that changes anything is audited as --as <username> (an existing account), or as cli:<OS user>.",
      "otop geo boundaries import [--districts districts.geojson] [--provinces provinces.geojson] [--json]",
      "  District and province outlines (GeoJSON with adm2_pcode/adm1_pcode, e.g. ../shared/geo/boundaries/) for the maps;",
      "  idempotent; lists the districts with no outline and the outlines with no district.",
    ].join('\n'),
  },
  'report': {
    summary: "Write an official PDF document: plan, plan-check, report-form, certification, announcement, accounts, summary, letter",
    usage: [
      "otop report <plan|plan-check|report-form|certification|announcement|accounts|summary|letter> [--fy 2561] [--round 2561-Q1] [--province 38] [--district 3801]",
      "       [--detail district] [--digits ascii] --out file.pdf",
      "",
      "Writes one official document as PDF, with the data as it stands now. The command line reads",
      "as the department does (the whole country); --province and --district narrow the document.",
      "  plan          the operation plan of a fiscal year, as the department sent it",
      "  plan-check    what a check of that plan finds (day counts, quarters, corrected years)",
      "  report-form   the registration report form (district: per subdistrict; province: per district;",
      "                nation: per province, --detail district for every district)",
      "  certification the provincial certification announcement of a round (needs --province)",
      "  announcement  the department's national announcement of a round (step 3)",
      "  accounts      the account registry (no codes, no passwords)",
      "  summary       the managers' progress summary of a fiscal year",
      "  letter        the covering letter of a round (needs --province); with --out x.zip the letter and",
      "                its four enclosures, each its own PDF: plan, blank form and account sheet per district, guidelines",
    ].join('\n'),
  },
  'export': {
    summary: "Export a dataset (producers, products, registrations, progress) as Arrow, Parquet or CSV",
    usage: [
      "otop export <producers|products|registrations|progress> --format <arrows|arrow|parquet|csv> [--fy 2561] [--province 38] [--district 3801]",
      "       [--category <food|beverage|textile|household|herbal>] [--as <username>] [--out <file>]     (or > file)",
      "otop export <products|registrations|progress> --format parquet --partition-by fiscal_year,province_code --out <dir>",
      "",
      "Streams the dataset to stdout (or --out). --as exports what that account may see: a district",
      "officer their district, a province officer their province, analysts and the department the nation;",
      "without --as the export is national with citizen IDs masked (the analyst view). A province or district",
      "outside the scope is refused. --partition-by writes a Hive-partitioned Parquet dataset into a new or",
      "empty directory: <dir>/fiscal_year=2561/province_code=38/part-0.parquet, one file per partition with rows",
      "(producers: province_code only). Columns and how to read each format: docs/exports.md.",
    ].join('\n'),
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

/** The commands in the order `otop --help` lists them. */
export const COMMAND_NAMES = Object.keys(COMMAND_HELP) as CommandName[];

/** `otop --help`: every command with its summary. */
export function mainHelpText(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => c.length));
  return [
    'otop — OTOP registration monitor command line',
    '',
    'Usage: npx otop <command> [options]   (npx otop <command> --help for one command)',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((c) => `  ${c.padEnd(width)}  ${COMMAND_HELP[c].summary}`),
    '',
    'Configuration (same as the server): DATABASE_URL (PostgreSQL; embedded PGlite when unset), DATA_DIR (default data/pglite in the project folder, wherever otop runs from).',
  ].join('\n');
}

/** `otop <command> --help`. */
export function commandHelpText(name: CommandName): string {
  const { summary, usage } = COMMAND_HELP[name];
  return `${summary}\n\nUsage: ${usage}`;
}

/**
 * The help texts as bin/otop.js prints them without loading TypeScript (cli/help-text.json,
 * written by `npx tsx cli/write-help-text.ts`; tests/cli/help-text.test.ts keeps it in step).
 */
export function helpTexts(): { main: string; commands: Record<string, string> } {
  return { main: mainHelpText(), commands: Object.fromEntries(COMMAND_NAMES.map((c) => [c, commandHelpText(c)])) };
}
