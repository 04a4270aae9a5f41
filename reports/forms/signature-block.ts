import type { Content } from 'pdfmake/interfaces';

/**
 * The reporter's signature on a form, in the right part of the page and never split over a
 * page break: ลงชื่อ … ผู้รายงาน, the name in brackets, ตำแหน่ง and วันที่, all to be filled by
 * hand. `beside` (the form's notes) takes the room on its left.
 */
export function signatureBlock(role = 'ผู้รายงาน', beside: Content = { text: '' }): Content {
  const dots = '........................................';
  return {
    unbreakable: true,
    margin: [0, 6, 0, 0],
    columnGap: 16,
    columns: [
      { width: '*', stack: [beside] },
      {
        width: 240,
        margin: [0, 4, 0, 0],
        fontSize: 11,
        stack: [
          { text: `ลงชื่อ ${dots} ${role}`, margin: [0, 0, 0, 3] },
          { text: `(${dots})`, alignment: 'center', margin: [0, 0, 0, 3] },
          { text: `ตำแหน่ง ${dots}`, margin: [0, 0, 0, 3] },
          { text: `วันที่ ........ เดือน ........................ พ.ศ. ..........` },
        ],
      },
    ],
  };
}
