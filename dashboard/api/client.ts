import type { Problem } from './types.ts';

/**
 * The dashboard's one way to the API: JSON in and out, the CSRF header on every state-changing
 * request, problem+json turned into an ApiError the pages show with one component. Anything
 * that is not a problem document (a proxy's HTML page, a dropped connection) is turned into
 * one here, so the pages never see a raw exception.
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

const PROBLEM_BASE = 'https://otop-monitor.example/problems/';

/** A problem for a failure that did not come with one (status 0: no answer at all). */
export function syntheticProblem(status: number, _statusText = ''): Problem {
  if (status === 0) {
    return {
      type: `${PROBLEM_BASE}network`,
      status: 0,
      title: 'The server cannot be reached',
      titleTh: 'ติดต่อเซิร์ฟเวอร์ไม่ได้',
    };
  }
  if (status === 404) {
    return { type: `${PROBLEM_BASE}not-found`, status, title: 'Not found', titleTh: 'ไม่พบสิ่งที่ขอ' };
  }
  return {
    type: `${PROBLEM_BASE}http-${status}`,
    status,
    title: status >= 500 ? 'The server had a problem; please try again' : 'The request could not be completed',
    titleTh: status >= 500 ? 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' : 'คำขอไม่สำเร็จ',
  };
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).title === 'string';
}

/** Reads an error response body into a Problem, whatever it carried. */
export function problemFromBody(status: number, statusText: string, contentType: string | null, body: string): Problem {
  if (contentType && /json/.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isProblem(parsed)) {
        return { ...parsed, status: parsed.status ?? status, titleTh: parsed.titleTh ?? parsed.title };
      }
      // {error: "..."} and the like: keep the words, make it a problem.
      const message = (parsed as { error?: unknown; message?: unknown }) ?? {};
      const text = typeof message.error === 'string' ? message.error : typeof message.message === 'string' ? message.message : null;
      if (text) return { ...syntheticProblem(status, statusText), detail: text };
    } catch {
      /* fall through to the synthetic problem */
    }
  }
  return syntheticProblem(status, statusText);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface ApiClient {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Multipart upload with progress (fetch cannot report upload progress; XHR can). */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>;
  /** POST a JSON body and take the answer as a file (an Excel workbook), errors as ApiError. */
  download(path: string, body: unknown): Promise<Blob>;
  setCsrfToken(token: string | null): void;
}

export interface ApiClientOptions {
  /** Called on any 401 except from the sign-in call itself. */
  onUnauthorized?: () => void;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  let csrf: string | null = null;

  async function handle<T>(res: Response, path: string): Promise<T> {
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      const type = res.headers.get('content-type') ?? '';
      return (type.includes('json') ? await res.json() : await res.text()) as T;
    }
    const problem = problemFromBody(res.status, res.statusText, res.headers.get('content-type'), await res.text());
    if (res.status === 401 && !path.startsWith('/api/auth/login')) options.onUnauthorized?.();
    throw new ApiError(problem);
  }

  async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError(syntheticProblem(0));
    }
    return handle<T>(res, path);
  }

  return {
    get: (path, query, signal) => request('GET', withQuery(path, query), undefined, signal),
    send: (method, path, body) => request(method, path, body ?? {}),
    upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        xhr.withCredentials = true;
        xhr.setRequestHeader('accept', 'application/json, application/problem+json');
        if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
        };
        xhr.onerror = () => reject(new ApiError(syntheticProblem(0)));
        xhr.onload = () => {
          const type = xhr.getResponseHeader('content-type');
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve(JSON.parse(xhr.responseText) as T);
            } catch {
              reject(new ApiError(syntheticProblem(502, 'Unreadable answer')));
            }
            return;
          }
          if (xhr.status === 401) options.onUnauthorized?.();
          reject(new ApiError(problemFromBody(xhr.status, xhr.statusText, type, xhr.responseText)));
        };
        xhr.send(form);
      });
    },
    async download(path, body) {
      const headers: Record<string, string> = { accept: '*/*', 'content-type': 'application/json' };
      if (csrf) headers['x-csrf-token'] = csrf;
      let res: Response;
      try {
        res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
      } catch {
        throw new ApiError(syntheticProblem(0));
      }
      if (res.ok) return res.blob();
      return handle<Blob>(res, path);
    },
    setCsrfToken(token) {
      csrf = token;
    },
  };
}
