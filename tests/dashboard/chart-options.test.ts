import { describe, expect, it } from 'vitest';
import { cumulativePoints, cumulativeRegistrationsOption } from '../../dashboard/charts/cumulative-registrations.ts';
import { districtStatesOption } from '../../dashboard/charts/district-states.ts';
import { producersByAreaOption } from '../../dashboard/charts/producers-by-area.ts';
import { productsByCategoryOption } from '../../dashboard/charts/products-by-category.ts';
import { STATE_COLORS, TYPE_COLORS } from '../../domain/palette.ts';
import { smallProvinceProgress } from './fixtures/small-province-progress.ts';

// Chart tests assert the option object (series, labels, data), never pixels.
type Series = { type: string; name?: string; stack?: string; data: unknown[]; markLine?: { data: unknown[] }; markArea?: { data: unknown[] } };
const series = (o: { series?: unknown }) => o.series as Series[];

describe('producersByAreaOption', () => {
  const p = smallProvinceProgress();

  it('stacks one bar series per producer type over the areas, in the given order, Thai labels', () => {
    const o = producersByAreaOption(p.districts, 'th');
    expect((o.yAxis as { data: string[] }).data).toEqual(['เมืองบึงกาฬ', 'พรเจริญ']);
    expect(series(o).map((s) => [s.type, s.name, s.stack, s.data])).toEqual([
      ['bar', 'กลุ่มผู้ผลิตชุมชน', 'producers', [8, 1]],
      ['bar', 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'producers', [5, 5]],
      ['bar', 'ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม', 'producers', [1, 0]],
    ]);
    expect(o.color).toEqual([TYPE_COLORS['community-group'], TYPE_COLORS['single-owner'], TYPE_COLORS.sme]);
    expect(o.legend).toMatchObject({ data: ['กลุ่มผู้ผลิตชุมชน', 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว', 'ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม'] });
  });

  it('speaks English on the switch', () => {
    const o = producersByAreaOption(p.districts, 'en');
    expect((o.yAxis as { data: string[] }).data).toEqual(['Mueang Bueng Kan', 'Phon Charoen']);
    expect(series(o).map((s) => s.name)).toEqual(['Community producer group', 'Single-owner community producer', 'SME producer']);
    expect(o.xAxis).toMatchObject({ name: 'Producers' });
  });

  it('draws an empty chart from no areas, without failing', () => {
    const o = producersByAreaOption([], 'th');
    expect(series(o).every((s) => s.data.length === 0)).toBe(true);
  });
});

describe('productsByCategoryOption', () => {
  it('one bar per OTOP category in catalogue order with its count and colour', () => {
    const o = productsByCategoryOption({ food: 9, beverage: 4, textile: 8, household: 3, herbal: 3 }, 'th');
    expect((o.yAxis as { data: string[] }).data).toEqual(['อาหาร', 'เครื่องดื่ม', 'ผ้า เครื่องแต่งกาย', 'ของใช้ ของตกแต่ง ของที่ระลึก', 'สมุนไพรที่ไม่ใช่อาหาร']);
    const [bar] = series(o);
    expect(bar!.type).toBe('bar');
    expect((bar!.data as { value: number }[]).map((d) => d.value)).toEqual([9, 4, 8, 3, 3]);
    expect((bar!.data as { itemStyle: { color: string } }[])[0]!.itemStyle.color).toBe('#D55E00');
  });
});

describe('cumulativeRegistrationsOption', () => {
  const p = smallProvinceProgress();
  const input = { fiscalYear: 2561, rounds: p.rounds, cells: p.cells, targetProducers: 16, today: '2018-03-10' };

  it('climbs from 0 at the year start to each round total at its step-1 close, stopping at today inside an open window', () => {
    expect(cumulativePoints(input)).toEqual([
      ['2017-10-01', 0],
      ['2017-12-20', 16],
      ['2018-03-10', 20],
    ]);
  });

  it('leaves out rounds that have not started', () => {
    expect(cumulativePoints({ ...input, today: '2017-11-01' })).toEqual([
      ['2017-10-01', 0],
      ['2017-11-01', 16],
    ]);
  });

  it('spans the fiscal year, shades the step-1 windows, marks the target and today', () => {
    const o = cumulativeRegistrationsOption(input, 'th');
    expect(o.xAxis).toMatchObject({ type: 'time', min: '2017-10-01', max: '2018-09-30' });
    const [line] = series(o);
    expect(line).toMatchObject({ type: 'line', name: 'ลงทะเบียนสะสม' });
    expect(line!.markArea!.data).toEqual([
      [{ name: 'ไตรมาส 1', xAxis: '2017-10-01' }, { xAxis: '2017-12-20' }],
      [{ name: 'ไตรมาส 2', xAxis: '2018-01-01' }, { xAxis: '2018-03-20' }],
    ]);
    expect(line!.markLine!.data).toMatchObject([
      { name: 'เป้าหมาย', yAxis: 16 },
      { name: 'วันนี้', xAxis: '2018-03-10' },
    ]);
  });

  it('formats the time axis as BE dates with Thai month names', () => {
    const o = cumulativeRegistrationsOption(input, 'th');
    const formatter = (o.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(formatter(Date.UTC(2017, 11, 20))).toBe('20 ธ.ค. 2560');
    const en = cumulativeRegistrationsOption(input, 'en');
    expect((en.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(Date.UTC(2017, 11, 20))).toBe('20 Dec 2017');
  });

  it('marks neither target nor today when there is no target and the year is over', () => {
    const o = cumulativeRegistrationsOption({ ...input, targetProducers: 0, today: '2019-01-01' }, 'en');
    expect(series(o)[0]!.markLine!.data).toEqual([]);
  });
});

describe('districtStatesOption', () => {
  const p = smallProvinceProgress();

  it('places each cell at [quarter, district, state index] with one colour piece per workflow state', () => {
    const o = districtStatesOption({ districts: p.districts, quarters: [1, 2], cells: p.cells }, 'th');
    expect((o.xAxis as { data: string[] }).data).toEqual(['ไตรมาส 1', 'ไตรมาส 2']);
    expect((o.yAxis as { data: string[] }).data).toEqual(['เมืองบึงกาฬ', 'พรเจริญ']);
    const [heat] = series(o);
    expect(heat!.type).toBe('heatmap');
    // open 0, submitted 1, returned 2, certified 3
    expect(heat!.data).toEqual([
      [0, 0, 3],
      [1, 0, 0],
      [0, 1, 1],
      [1, 1, 2],
    ]);
    expect((o.visualMap as { pieces: unknown[] }).pieces).toEqual([
      { value: 0, label: 'เปิดรับข้อมูล', color: STATE_COLORS.open },
      { value: 1, label: 'ส่งจังหวัดแล้ว รอรับรอง', color: STATE_COLORS.submitted },
      { value: 2, label: 'จังหวัดส่งกลับให้แก้ไข', color: STATE_COLORS.returned },
      { value: 3, label: 'จังหวัดรับรองแล้ว', color: STATE_COLORS.certified },
    ]);
  });

  it('tells the state in words in the tooltip', () => {
    const o = districtStatesOption({ districts: p.districts, quarters: [1, 2], cells: p.cells }, 'en');
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ value: [1, 1, 2] })).toBe('Phon Charoen Q2: Returned for correction');
  });

  it('keeps a district name that looks like HTML as text in the tooltip (ECharts renders it as HTML)', () => {
    const districts = p.districts.map((d, i) => (i === 0 ? { ...d, nameEn: '<img src=x onerror=alert(1)>' } : d));
    const o = districtStatesOption({ districts, quarters: [1, 2], cells: p.cells }, 'en');
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ value: [0, 0, 3] })).toBe('&lt;img src=x onerror=alert(1)&gt; Q1: Certified');
  });

  it('drops cells of districts or quarters not on the axes', () => {
    const o = districtStatesOption({ districts: p.districts.slice(0, 1), quarters: [1], cells: p.cells }, 'th');
    expect(series(o)[0]!.data).toEqual([[0, 0, 3]]);
  });
});
