import type { DisplayLocale } from '../format/display-locale.ts';
import { styleMessages } from './local-messages.ts';

/** The words of the live-update line (its own table: the page tables change often). */
const TH = {
  updated: (hhmm: string) => `อัปเดตเมื่อ ${hhmm} น.`,
  loading: 'กำลังโหลดข้อมูล…',
  refresh: 'รีเฟรช',
  refreshLabel: 'โหลดข้อมูลในหน้านี้ใหม่',
  live: 'อัปเดตอัตโนมัติ',
  polling: 'ตรวจสอบการเปลี่ยนแปลงทุก 10 วินาที',
  connecting: 'กำลังเชื่อมต่อการอัปเดตอัตโนมัติ',
};

const EN: typeof TH = {
  updated: (hhmm: string) => `Updated ${hhmm}`,
  loading: 'Loading…',
  refresh: 'Refresh',
  refreshLabel: 'Load this page’s data again',
  live: 'Updates automatically',
  polling: 'Checking for changes every 10 seconds',
  connecting: 'Connecting to live updates',
};

export function liveMessages(locale: DisplayLocale): typeof TH {
  return styleMessages(locale.lang === 'en' ? EN : TH, locale);
}
