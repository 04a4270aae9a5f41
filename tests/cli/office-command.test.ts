// `otop office set|show`: the admin's command-line way to set the sending office of a province's
// papers, with the same checks as the API (problems listed together, Thai and English).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPng } from '../support/tiny-png.ts';
import { runOtop } from './support/run-otop.ts';

describe('otop office', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otop-office-'));
    env = { DATA_DIR: join(dir, 'pglite') };
    const seeded = await runOtop(['seed'], { env });
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad profile with every problem named by its option, then sets one with an emblem', async () => {
    const bad = await runOtop(['office', 'set', '--province', '38', '--name', 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', '--address', 'ศาลากลางจังหวัดบึงกาฬ', '--phone', 'โทรหาเรา', '--email', 'nobody'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--phone: phone must be a number');
    expect(bad.stderr).toContain('--email: e-mail is not an address');
    expect(bad.stderr).toContain('อีเมลไม่ถูกต้อง');

    const png = join(dir, 'emblem.png');
    writeFileSync(png, tinyPng(40));
    const ok = await runOtop(
      ['office', 'set', '--province', '38', '--name', 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', '--address', 'ศาลากลางจังหวัดบึงกาฬ อำเภอเมืองบึงกาฬ บก ๓๘๐๐๐', '--phone', '0 4249 2311', '--email', 'buengkan@cdd.go.th', '--emblem', png],
      { env },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('emblem image/png 40×40');
    const shown = await runOtop(['office', 'show', '--province', '38', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', address: 'ศาลากลางจังหวัดบึงกาฬ อำเภอเมืองบึงกาฬ บก 38000', email: 'buengkan@cdd.go.th', signer: null });
  }, 120_000);

  it('--signer, once a line, sets who signs the covering letter; show prints it', async () => {
    const base = ['office', 'set', '--province', '38', '--name', 'สำนักงานพัฒนาชุมชนจังหวัดบึงกาฬ', '--address', 'ศาลากลางจังหวัดบึงกาฬ', '--phone', '0 4249 2311', '--email', 'buengkan@cdd.go.th'];
    const four = await runOtop([...base, '--signer', 'ก', '--signer', 'ข', '--signer', 'ค', '--signer', 'ง'], { env });
    expect(four.code).toBe(1);
    expect(four.stderr).toContain("--signer: the signer's position may have at most 3 lines");
    const ok = await runOtop([...base, '--signer', 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน', '--signer', 'ผู้ว่าราชการจังหวัดบึงกาฬ'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    const shown = await runOtop(['office', 'show', '--province', '38'], { env });
    expect(shown.stdout).toContain('ผู้ลงนาม / signer: รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน / ผู้ว่าราชการจังหวัดบึงกาฬ');
  }, 120_000);
});
