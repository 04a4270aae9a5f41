import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { BOUNDARY_ATTRIBUTION } from '../../domain/boundary-geometry.ts';
import { requireRole } from '../auth/require-user.ts';
import { scopedFilter } from '../auth/scope.ts';
import { DATA_ROLES } from '../auth/session-user.ts';
import { authedProblems, ProvinceCode, newRouter, SECURITY } from '../http/openapi-common.ts';
import { areaBoundaries } from '../queries/area-boundaries.ts';

const route = createRoute({
  method: 'get',
  path: '/boundaries',
  tags: ['progress'],
  summary: 'Area outlines for the maps: the districts of a province, or every province (GeoJSON, 4-decimal grid)',
  description:
    'A province or district officer gets the districts of their own scope; the department and analysts get every province, ' +
    'or the districts of `?province=`. Areas without an outline on record are listed in `missing` (never dropped silently). ' +
    '`attribution` is the line the boundaries’ licence requires under every map. Answers carry an ETag; send If-None-Match.',
  security: SECURITY,
  middleware: [requireRole(...DATA_ROLES)],
  request: { query: z.object({ province: ProvinceCode.optional() }) },
  responses: {
    200: { description: 'GeoJSON FeatureCollection (+ level, missing, attribution)', content: { 'application/geo+json': { schema: { type: 'object' as const } } } },
    304: { description: 'Unchanged since the ETag sent in If-None-Match' },
    ...authedProblems(404),
  },
});

export function boundaryRoutes() {
  return newRouter().openapi(route, async (c) => {
    const { db } = c.get('deps');
    const user = c.get('user');
    const scope = await scopedFilter(db, user, { provinceCode: c.req.valid('query').province });
    const level = scope.provinceCode === undefined ? 'province' : 'district';
    const areas = await areaBoundaries(db, level === 'province'
      ? { level }
      : { level, provinceCode: scope.provinceCode!, districtCode: scope.districtCode });
    const body = JSON.stringify({
      type: 'FeatureCollection',
      level,
      provinceCode: scope.provinceCode ?? null,
      attribution: BOUNDARY_ATTRIBUTION,
      missing: areas.filter((a) => a.geometry === null).map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
      features: areas.filter((a) => a.geometry !== null).map((a) => ({
        type: 'Feature',
        id: a.code,
        properties: { code: a.code, nameTh: a.nameTh, nameEn: a.nameEn, provinceCode: a.provinceCode, label: a.label },
        geometry: a.geometry,
      })),
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = { etag, 'cache-control': 'private, max-age=3600, must-revalidate', vary: 'Cookie, Authorization' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'application/geo+json; charset=utf-8' });
  });
}
