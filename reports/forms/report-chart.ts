import type { Content } from 'pdfmake/interfaces';
import type { ReportChartOption } from '../typeset/chart-svg.ts';
import type { MapDrawing } from '../typeset/area-map-svg.ts';

/**
 * Draws a chart into a document. Builders receive it (the server passes chartContent, which
 * renders ECharts to SVG with Sarabun metrics), so they stay pure and testable on options.
 */
export type ReportChart = (option: ReportChartOption, size: { width: number; height: number }) => Content;

/** Draws an area map into a document (the server passes areaMapContent: vector outlines, names as PDF text). */
export type ReportMap = (drawing: MapDrawing, size: { width: number; height: number }) => Content;
