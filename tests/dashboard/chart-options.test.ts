import { describe, expect, it } from 'vitest';
import {
  cumulativePoints,
  cumulativeRegistrationsDescription,
  cumulativeRegistrationsOption,
  cumulativeRegistrationsTable,
} from '../../dashboard/charts/cumulative-registrations.ts';
import { districtStatesDescription, districtStatesOption, districtStatesTable } from '../../dashboard/charts/district-states.ts';
import { producersByAreaDescription, producersByAreaOption, producersByAreaTable } from '../../dashboard/charts/producers-by-area.ts';
import { productsByCategoryDescription, productsByCategoryOption, productsByCategoryTable } from '../../dashboard/charts/products-by-category.ts';
import { STATE_COLORS, TYPE_COLORS } from '../../domain/palette.ts';
import { smallProvinceProgress } from './fixtures/small-province-progress.ts';
import { displayLocale, type DisplayLocale } from '../../dashboard/format/display-locale.ts';

const TH: DisplayLocale = { lang: 'th', digits: 'arabic' };
const EN: DisplayLocale = { lang: 'en', digits: 'arabic' };

// Chart tests assert the option object (series, labels, data), never pixels.
type Series = { type: string; name?: string; stack?: string; data: unknown[]; markLine?: { data: unknown[] }; markArea?: { data: unknown[] } };
const series = (o: { series?: unknown }) => o.series as Series[];

describe('producersByAreaOption', () => {
  const p = smallProvinceProgress();

  it('stacks one bar series per producer type over the areas, in the given order, Thai labels', () => {
    const o = producersByAreaOption(p.districts, TH);
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
    const o = producersByAreaOption(p.districts, EN);
    expect((o.yAxis as { data: string[] }).data).toEqual(['Mueang Bueng Kan', 'Phon Charoen']);
    expect(series(o).map((s) => s.name)).toEqual(['Community producer group', 'Single-owner community producer', 'SME producer']);
    expect(o.xAxis).toMatchObject({ name: 'Producers' });
  });

  it('draws an empty chart from no areas, without failing', () => {
    const o = producersByAreaOption([], TH);
    expect(series(o).every((s) => s.data.length === 0)).toBe(true);
  });
});

describe('productsByCategoryOption', () => {
  it('one bar per OTOP category in catalogue order with its count and colour', () => {
    const o = productsByCategoryOption({ food: 9, beverage: 4, textile: 8, household: 3, herbal: 3 }, TH);
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
    const o = cumulativeRegistrationsOption(input, TH);
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
    const o = cumulativeRegistrationsOption(input, TH);
    const formatter = (o.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(formatter(Date.UTC(2017, 11, 20))).toBe('20 ธ.ค. 2560');
    const en = cumulativeRegistrationsOption(input, EN);
    expect((en.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(Date.UTC(2017, 11, 20))).toBe('20 Dec 2017');
  });

  it('marks neither target nor today when there is no target and the year is over', () => {
    const o = cumulativeRegistrationsOption({ ...input, targetProducers: 0, today: '2019-01-01' }, EN);
    expect(series(o)[0]!.markLine!.data).toEqual([]);
  });
});

describe('districtStatesOption', () => {
  const p = smallProvinceProgress();

  it('places each cell at [quarter, district, state index] with one colour piece per workflow state', () => {
    const o = districtStatesOption({ districts: p.districts, quarters: [1, 2], cells: p.cells }, TH);
    expect((o.xAxis as { data: string[] }).data).toEqual(['ไตรมาส 1', 'ไตรมาส 2']);
    expect((o.yAxis as { data: string[] }).data).toEqual(['เมืองบึงกาฬ', 'พรเจริญ']);
    const [heat] = series(o);
    expect(heat!.type).toBe('heatmap');
    // open 0, submitted 1, returned 2, certified 3
    // The fourth value is the late flag (none given here).
    expect(heat!.data).toEqual([
      [0, 0, 3, 0],
      [1, 0, 0, 0],
      [0, 1, 1, 0],
      [1, 1, 2, 0],
    ]);
    expect((o.visualMap as { pieces: unknown[] }).pieces).toEqual([
      { value: 0, label: 'เปิดรับข้อมูล', color: STATE_COLORS.open },
      { value: 1, label: 'ส่งจังหวัดแล้ว รอรับรอง', color: STATE_COLORS.submitted },
      { value: 2, label: 'จังหวัดส่งกลับให้แก้ไข', color: STATE_COLORS.returned },
      { value: 3, label: 'จังหวัดรับรองแล้ว', color: STATE_COLORS.certified },
    ]);
  });

  it('tells the state in words in the tooltip', () => {
    const o = districtStatesOption({ districts: p.districts, quarters: [1, 2], cells: p.cells }, EN);
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ value: [1, 1, 2] })).toBe('Phon Charoen Q2: Returned for correction');
  });

  it('keeps a district name that looks like HTML as text in the tooltip (ECharts renders it as HTML)', () => {
    const districts = p.districts.map((d, i) => (i === 0 ? { ...d, nameEn: '<img src=x onerror=alert(1)>' } : d));
    const o = districtStatesOption({ districts, quarters: [1, 2], cells: p.cells }, EN);
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ value: [0, 0, 3] })).toBe('&lt;img src=x onerror=alert(1)&gt; Q1: Certified');
  });

  it('drops cells of districts or quarters not on the axes', () => {
    const o = districtStatesOption({ districts: p.districts.slice(0, 1), quarters: [1], cells: p.cells }, TH);
    expect(series(o)[0]!.data).toEqual([[0, 0, 3, 0]]);
  });
});

describe('narrow layouts, descriptions and tables (issue 18)', () => {
  const p = smallProvinceProgress();
  type Grid = { top: number; bottom: number };

  it('stacks the producer-type legend above the bars on a phone, leaving the bars their own room', () => {
    const wide = producersByAreaOption(p.districts, TH);
    const narrow = producersByAreaOption(p.districts, TH, { narrow: true });
    expect(narrow.legend).toMatchObject({ orient: 'vertical', top: 0 });
    // Three legend lines of 22 px: the grid starts below them (it started at 56 px and the
    // wrapped legend covered the first bar).
    expect((narrow.grid as Grid).top).toBeGreaterThanOrEqual(3 * 22);
    expect((narrow.grid as Grid).top).toBeGreaterThan((wide.grid as Grid).top);
  });

  it('keeps room under bar charts for the value-axis name (it was clipped)', () => {
    for (const o of [producersByAreaOption(p.districts, TH), productsByCategoryOption({ food: 1, beverage: 0, textile: 0, household: 0, herbal: 0 }, TH)]) {
      const nameGap = (o.xAxis as { nameGap: number }).nameGap;
      expect((o.grid as Grid).bottom).toBeGreaterThan(nameGap);
    }
  });

  it('shows the cumulative tooltip date in BE, thins the date labels on a phone and hides overlaps', () => {
    const input = { fiscalYear: 2561, rounds: p.rounds, cells: p.cells, targetProducers: 16, today: '2018-03-10' };
    const o = cumulativeRegistrationsOption(input, TH, { narrow: true });
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ seriesName: 'ลงทะเบียนสะสม', value: ['2017-12-20', 16] }])).toBe('20 ธ.ค. 2560<br/>ลงทะเบียนสะสม: 16');
    const axis = o.xAxis as { splitNumber: number; axisLabel: { hideOverlap: boolean; formatter: (v: number) => string } };
    expect(axis.splitNumber).toBe(3);
    expect(axis.axisLabel.hideOverlap).toBe(true);
    expect(axis.axisLabel.formatter(Date.UTC(2017, 11, 20))).toBe('ธ.ค. 2560');
    expect(cumulativeRegistrationsDescription(input, TH)).toBe('ลงทะเบียนสะสม 20 ราย ณ 10 มี.ค. 2561 เป้าหมาย 16 ราย (125%)');
    expect(cumulativeRegistrationsTable(input, TH).rows).toEqual([
      ['1 ต.ค. 2560', 0],
      ['20 ธ.ค. 2560', 16],
      ['10 มี.ค. 2561', 20],
    ]);
  });

  it('draws the matrix late flag on the heatmap, stacks its legend on a phone, and says it in the table', () => {
    const input = { districts: p.districts, quarters: [1, 2], cells: p.cells, late: new Set(['3802|2']) };
    const o = districtStatesOption(input, TH, { narrow: true });
    expect(series(o)[0]!.data).toContainEqual([1, 1, 2, 1]);
    const label = (series(o)[0] as unknown as { label: { show: boolean; formatter: (p: unknown) => string } }).label;
    expect(label.show).toBe(true);
    expect(label.formatter({ value: [1, 1, 2, 1] })).toBe('⚑');
    expect(label.formatter({ value: [0, 0, 3, 0] })).toBe('');
    expect(o.visualMap).toMatchObject({ orient: 'vertical' });
    expect((o.grid as Grid).bottom).toBeGreaterThanOrEqual(4 * 22);
    const table = districtStatesTable(input, TH, (code) => `/district/${code}`);
    expect(table.rows[1]).toEqual(['พรเจริญ', 'ส่งจังหวัดแล้ว รอรับรอง', 'จังหวัดส่งกลับให้แก้ไข ⚑ ล่าช้า']);
    expect(table.links).toEqual(['/district/3801', '/district/3802']);
    expect(districtStatesDescription(input, TH)).toBe(
      'สถานะของอำเภอในแต่ละไตรมาส: ไตรมาส 1 ส่งจังหวัดแล้ว รอรับรอง 1 อำเภอ, จังหวัดรับรองแล้ว 1 อำเภอ; ไตรมาส 2 เปิดรับข้อมูล 1 อำเภอ, จังหวัดส่งกลับให้แก้ไข 1 อำเภอ',
    );
  });

  it('describes the bars from their data, in Thai and English, and lists the same figures as a table', () => {
    expect(producersByAreaDescription(p.districts, TH, 'districts')).toBe('ผู้ผลิตรวม 20 ราย ใน 2 อำเภอ มากที่สุด เมืองบึงกาฬ 14 ราย น้อยที่สุด พรเจริญ 6 ราย');
    expect(producersByAreaDescription(p.districts, EN, 'districts')).toBe('20 producers in 2 districts; most: Mueang Bueng Kan (14); fewest: Phon Charoen (6)');
    expect(producersByAreaTable(p.districts, TH).rows).toEqual([
      ['เมืองบึงกาฬ', 8, 5, 1, 14],
      ['พรเจริญ', 1, 5, 0, 6],
    ]);
    const counts = { food: 9, beverage: 4, textile: 8, household: 3, herbal: 3 };
    expect(productsByCategoryDescription(counts, EN)).toBe('27 products: Food 9, Beverages 4, Textiles and garments 8, Household, decorative and souvenir goods 3, Non-food herbal products 3');
    expect(productsByCategoryTable(counts, TH).rows[0]).toEqual(['อาหาร', 9]);
  });

  it('turns ECharts’ generated aria text off (it read "NaN" and epoch milliseconds)', () => {
    expect(producersByAreaOption(p.districts, TH).aria).toEqual({ enabled: false });
  });
});

describe('digit style (issue 18: one digit style per screen)', () => {
  const p = smallProvinceProgress();
  const THAI: DisplayLocale = { lang: 'th', digits: 'thai' };
  type Axis = { axisLabel: { formatter: (v: unknown) => string } };
  const input = { fiscalYear: 2561, rounds: p.rounds, cells: p.cells, targetProducers: 16, today: '2018-03-10' };

  it('writes the bar charts’ value ticks, bar labels and tooltip values in the chosen digits', () => {
    const bars = producersByAreaOption(p.districts, THAI);
    expect((bars.xAxis as Axis).axisLabel.formatter(1500)).toBe('๑,๕๐๐');
    expect((bars.tooltip as { valueFormatter: (v: unknown) => string }).valueFormatter(8)).toBe('๘');
    expect((producersByAreaOption(p.districts, TH).xAxis as Axis).axisLabel.formatter(1500)).toBe('1,500');
    const cats = productsByCategoryOption(p.total.productsByCategory, THAI);
    expect((cats.xAxis as Axis).axisLabel.formatter(20)).toBe('๒๐');
    const label = (series(cats)[0] as unknown as { label: { formatter: (x: { value: unknown }) => string } }).label;
    expect(label.formatter({ value: 12 })).toBe('๑๒');
    expect(producersByAreaDescription(p.districts, THAI, 'districts')).not.toMatch(/[0-9]/);
    expect(productsByCategoryDescription(p.total.productsByCategory, THAI)).not.toMatch(/[0-9]/);
  });

  it('writes the cumulative chart’s axes, windows, tooltip, description and table in Thai digits', () => {
    const o = cumulativeRegistrationsOption(input, THAI);
    expect((o.xAxis as Axis).axisLabel.formatter(Date.UTC(2017, 11, 20))).toBe('๒๐ ธ.ค. ๒๕๖๐');
    expect((o.yAxis as Axis).axisLabel.formatter(16)).toBe('๑๖');
    expect(series(o)[0]!.markArea!.data).toMatchObject([[{ name: 'ไตรมาส ๑' }, {}], [{ name: 'ไตรมาส ๒' }, {}]]);
    const tip = (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ seriesName: 'ลงทะเบียนสะสม', value: ['2017-12-20', 16] }]);
    expect(tip).toBe('๒๐ ธ.ค. ๒๕๖๐<br/>ลงทะเบียนสะสม: ๑๖');
    const narrow = cumulativeRegistrationsOption(input, THAI, { narrow: true });
    expect((narrow.xAxis as Axis).axisLabel.formatter(Date.UTC(2017, 11, 20))).toBe('ธ.ค. ๒๕๖๐');
    expect(series(narrow)[0]!.markArea!.data).toMatchObject([[{ name: 'Q๑' }, {}], [{ name: 'Q๒' }, {}]]);
    expect(cumulativeRegistrationsDescription(input, THAI)).toBe('ลงทะเบียนสะสม ๒๐ ราย ณ ๑๐ มี.ค. ๒๕๖๑ เป้าหมาย ๑๖ ราย (๑๒๕%)');
    expect(cumulativeRegistrationsTable(input, THAI).rows[1]).toEqual(['๒๐ ธ.ค. ๒๕๖๐', 16]);
  });

  it('writes the heatmap’s quarters and tooltip in Thai digits', () => {
    const statesInput = { districts: p.districts, quarters: [1, 2], cells: p.cells };
    const o = districtStatesOption(statesInput, THAI);
    expect((o.xAxis as { data: string[] }).data).toEqual(['ไตรมาส ๑', 'ไตรมาส ๒']);
    const tip = (o.tooltip as { formatter: (p: unknown) => string }).formatter({ value: [1, 0, 0, 0] });
    expect(tip).toContain('ไตรมาส ๒');
    expect(districtStatesDescription(statesInput, THAI)).not.toMatch(/[0-9]/);
  });

  it('keeps Arabic digits in English whatever the Thai setting says', () => {
    const en = displayLocale('en', 'thai');
    expect(en.digits).toBe('arabic');
    expect((producersByAreaOption(p.districts, en).xAxis as Axis).axisLabel.formatter(1500)).toBe('1,500');
  });
});
