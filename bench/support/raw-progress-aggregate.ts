import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median } from '../bench-figure.ts';

/**
 * The baseline of the progress benchmarks: the figures the progress route shows (producers by
 * type, new vs renewed, late; products by category, per round and district) computed from raw
 * rows, timed by psql itself (`\timing`), median of 7. `where` narrows with `t.` columns
 * (e.g. "and t.province_code = '38'").
 */
export async function rawProgressAggregateMs(url: string, fiscalYear: number, where: string): Promise<number> {
  const queries = [
    `select r.round_code, r.district_code, p.producer_type, count(*), count(prev.id),
            count(*) filter (where (r.registered_at at time zone 'Asia/Bangkok')::date > w.end_date)
       from registrations r join producers p on p.id = r.producer_id
       left join registrations prev on prev.producer_id = r.producer_id and prev.fiscal_year = r.fiscal_year - 1
       left join plan_windows w on w.round_code = r.round_code and w.step = 1
      where r.fiscal_year = ${fiscalYear} ${where.replaceAll('t.', 'r.')} group by 1, 2, 3`,
    `select t.round_code, t.district_code, t.category, count(*) from products t
      where t.fiscal_year = ${fiscalYear} ${where} group by 1, 2, 3`,
  ];
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    // Asynchronously, so the caller's keep-alive sockets stay serviced meanwhile.
    const { stdout } = await promisify(execFile)('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', '\\timing on', ...queries.flatMap((q) => ['-c', q])], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    runs.push([...stdout.matchAll(/Time: ([\d.]+) ms/g)].reduce((s, m) => s + Number(m[1]), 0));
  }
  return median(runs);
}
