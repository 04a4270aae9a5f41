/**
 * Why the database could not be used, when the cause is the connection rather than the query:
 * PostgreSQL down or unreachable, the database or the role wrong, the connection lost. Start-up
 * and the command line print it (the driver's code and message, and what to check) in place of
 * Drizzle's "Failed query: …"; the API answers such a request 503, not 500.
 */
export interface ConnectionFailure {
  /** The driver's code: a Node socket code, a postgres.js code or a SQLSTATE. */
  code: string;
  /** The driver's message. */
  message: string;
  /** One line on what to check, in English and Thai. */
  check: { en: string; th: string };
}

const CHECKS: ReadonlyArray<readonly [RegExp, { en: string; th: string }]> = [
  [
    /^(ECONNREFUSED)$/,
    {
      en: 'is PostgreSQL running, and do the host and port in DATABASE_URL point at it?',
      th: 'PostgreSQL ทำงานอยู่หรือไม่ และโฮสต์กับพอร์ตใน DATABASE_URL ถูกต้องหรือไม่',
    },
  ],
  [/^(ENOTFOUND|EAI_AGAIN)$/, { en: 'the host name in DATABASE_URL does not resolve: check its spelling and the DNS.', th: 'ไม่พบชื่อโฮสต์ใน DATABASE_URL กรุณาตรวจสอบการสะกดและ DNS' }],
  [
    /^(ETIMEDOUT|CONNECT_TIMEOUT|EHOSTUNREACH|ENETUNREACH)$/,
    { en: 'the database host does not answer: check the network, the firewall and the host in DATABASE_URL.', th: 'เครื่องฐานข้อมูลไม่ตอบสนอง กรุณาตรวจสอบเครือข่าย ไฟร์วอลล์ และโฮสต์ใน DATABASE_URL' },
  ],
  [
    /^NO_POSTGRES_ANSWER$/,
    {
      en: 'something at the host and port in DATABASE_URL accepts connections but does not answer as PostgreSQL: check the port (5432 by default) and any proxy or pooler in front of it.',
      th: 'มีบริการที่โฮสต์และพอร์ตใน DATABASE_URL รับการเชื่อมต่อแต่ไม่ตอบแบบ PostgreSQL กรุณาตรวจสอบพอร์ต (ปกติ 5432) และพร็อกซีหรือ pooler ที่อยู่ข้างหน้า',
    },
  ],
  [
    /^3D000$/,
    { en: 'the database named in DATABASE_URL does not exist: create it (createdb) or correct the name.', th: 'ไม่มีฐานข้อมูลตามชื่อใน DATABASE_URL กรุณาสร้าง (createdb) หรือแก้ชื่อให้ถูกต้อง' },
  ],
  [
    /^(28P01|28000|SASL_SIGNATURE_MISMATCH|AUTH_TYPE_NOT_IMPLEMENTED)$/,
    { en: 'PostgreSQL refused the sign-in: check the user and password in DATABASE_URL and pg_hba.conf.', th: 'PostgreSQL ปฏิเสธการเข้าสู่ระบบ กรุณาตรวจสอบผู้ใช้และรหัสผ่านใน DATABASE_URL และ pg_hba.conf' },
  ],
  [/^53300$/, { en: 'PostgreSQL has no free connection: check max_connections against the pools of the processes using it.', th: 'PostgreSQL ไม่มีการเชื่อมต่อว่าง กรุณาตรวจสอบ max_connections เทียบกับจำนวนการเชื่อมต่อของทุกโปรเซส' }],
  [
    /^(57P01|57P02|57P03|08\w{3}|ECONNRESET|EPIPE|CONNECTION_CLOSED|CONNECTION_DESTROYED|CONNECTION_ENDED)$/,
    { en: 'the connection to PostgreSQL was lost or refused while it stops or starts: check its log; retry when it is back.', th: 'การเชื่อมต่อกับ PostgreSQL ขาดหรือถูกปฏิเสธระหว่างหยุดหรือเริ่มระบบ กรุณาตรวจสอบบันทึกของ PostgreSQL แล้วลองใหม่' },
  ],
];

/** The connection failure behind `err` (Drizzle's wrapper, its cause, an AggregateError of both addresses), or null. */
export function connectionFailure(err: unknown): ConnectionFailure | null {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      const check = CHECKS.find(([pattern]) => pattern.test(code))?.[1];
      if (check) {
        // Node reports "localhost" refusing on both ::1 and 127.0.0.1 as an AggregateError with no message.
        const inner = current instanceof AggregateError ? (current.errors.find((e) => e instanceof Error) as Error | undefined) : undefined;
        return { code, message: current.message || inner?.message || code, check };
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The lines a start-up or a command prints for a connection failure (no password: the driver's messages carry none). */
export function connectionFailureLines(failure: ConnectionFailure): string[] {
  return [
    `The database could not be used / ใช้ฐานข้อมูลไม่ได้: ${failure.code}: ${failure.message}`,
    `Check: ${failure.check.en}`,
    `ตรวจสอบ: ${failure.check.th}`,
  ];
}
