import { newRouter } from '../http/openapi-common.ts';
import { adminUserRoutes } from './admin-user-routes.ts';
import { attentionRoutes } from './attention-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { boundaryRoutes } from './boundary-routes.ts';
import { dataRoutes } from './data-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { listingXlsxRoutes } from './listing-xlsx-routes.ts';
import { officeRoutes } from './office-routes.ts';
import { progressRoutes } from './progress-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { roundRoutes } from './round-routes.ts';
import { submissionRoutes } from './submission-routes.ts';
import { tableXlsxRoutes } from './table-xlsx-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { tokenRoutes } from './token-routes.ts';

/**
 * Every /api route but health and the OpenAPI document. Each route states who may call it
 * (`requireUser()` / `requireRole(…)`) and checks the target's scope.
 */
export function apiRoutes() {
  return newRouter()
    .route('/', authRoutes())
    .route('/', roundRoutes())
    .route('/', listingXlsxRoutes())
    .route('/', tableXlsxRoutes())
    .route('/', dataRoutes())
    .route('/', progressRoutes())
    .route('/', eventRoutes())
    .route('/', boundaryRoutes())
    .route('/', attentionRoutes())
    .route('/', reportRoutes())
    .route('/', exportRoutes())
    .route('/', submissionRoutes())
    .route('/', templateRoutes())
    .route('/', adminUserRoutes())
    .route('/', officeRoutes())
    .route('/', tokenRoutes());
}

/** The API's route types, for the dashboard's typed client (`hc<ApiRoutes>('/api')`). */
export type ApiRoutes = ReturnType<typeof apiRoutes>;
